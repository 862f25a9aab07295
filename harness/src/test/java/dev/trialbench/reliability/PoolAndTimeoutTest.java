package dev.trialbench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.testing.TestPostgres;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pool exhaustion, lock_timeout, statement_timeout, deadlocks and serialization failures, each
 * provoked on purpose: bounded waits, clear errors, retries to success. Bounds come from the
 * configured timeouts plus a margin, never from a measured speed.
 */
class PoolAndTimeoutTest {

    private static HikariDataSource database;

    @BeforeAll
    static void migrate() {
        database = TestPostgres.after("faults_pool", 4);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void anExhaustedPoolFailsWithinItsTimeoutAndTheServiceAnswers503() {
        PoolExhaustion.Result result = PoolExhaustion.run(ReliabilityPools.configOf(database),
                FreshSubjects.insert(database, 1), Duration.ofMillis(250));

        assertThat(result.bounded()).isTrue();
        assertThat(result.directFailure()).contains("no database connection became free within the pool's connection timeout");
        assertThat(result.httpStatus()).isEqualTo(503);
        assertThat(result.httpRetryAfter()).isEqualTo("1");
    }

    @Test
    void lockAndStatementTimeoutsAreEnforcedWithErrorsThatNameThem() {
        Subjects subjects = FreshSubjects.insert(database, 2);
        List<TimeoutEnforcement.Case> cases = TimeoutEnforcement.run(ReliabilityPools.configOf(database), subjects);

        assertThat(cases).extracting(TimeoutEnforcement.Case::sqlState).containsExactly("55P03", "57014");
        assertThat(cases).allSatisfy(timeout -> {
            assertThat(timeout.messageNamesSetting()).as(timeout.setting()).isTrue();
            assertThat(timeout.enforced()).as(timeout.setting()).isTrue();
        });
    }

    @Test
    void deadlocksAndSerializationFailuresAreRetriedToSuccessAndCounted() {
        LockConflicts.Result result = LockConflicts.run(ReliabilityPools.configOf(database),
                FreshSubjects.insert(database, 2), 1, 1);

        assertThat(result.activatedAfterRetry()).isEqualTo(2);
        assertThat(result.failed()).isZero();
        assertThat(result.retries()).isEqualTo(2);
    }
}
