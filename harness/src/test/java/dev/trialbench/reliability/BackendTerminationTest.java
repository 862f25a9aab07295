package dev.trialbench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * Terminates the backend before every round trip of an activation: the batched path never leaves a
 * partial write and a retry activates exactly once; the naive path leaves partial writes where it
 * writes more than once.
 */
class BackendTerminationTest {

    @Test
    void batchedActivationLeavesNoPartialRowsAtAnyPoint() {
        try (HikariDataSource pool = TestPostgres.after("terminate_batched", 4)) {
            BackendTermination.Result result = BackendTermination.run(pool, FreshSubjects.insert(pool, 40), Implementation.BATCHED);

            // activated: lock, fraud read, device, token, commit; denied: lock, fraud read, flags, commit.
            assertThat(result.faultsInjected()).isEqualTo(9);
            assertThat(result.points()).extracting(BackendTermination.Point::before)
                    .containsExactly("LOCK_USER_AND_DEVICE", "ALL_FRAUD_SIGNALS", "INSERT_DEVICE", "INSERT_TOKEN", "COMMIT",
                            "LOCK_USER_AND_DEVICE", "ALL_FRAUD_SIGNALS", "INSERT_FLAG", "COMMIT");
            assertThat(result.partialWrites()).isZero();
            assertThat(result.failedClearly()).isEqualTo(result.faultsInjected());
            assertThat(result.exactlyOnceAfterRetry()).isEqualTo(result.faultsInjected());
        }
    }

    @Test
    void naiveActivationLeavesPartialWritesBetweenItsAutocommittedStatements() {
        try (HikariDataSource pool = TestPostgres.before("terminate_naive", 4)) {
            BackendTermination.Result result = BackendTermination.run(pool, FreshSubjects.insert(pool, 60), Implementation.NAIVE);

            assertThat(result.failedClearly()).isEqualTo(result.faultsInjected());
            // Killed before INSERT_TOKEN, the device row is already committed: a device without its token.
            assertThat(result.points()).filteredOn(point -> point.before().equals("INSERT_TOKEN"))
                    .singleElement().satisfies(point -> {
                        assertThat(point.partialWrite()).isTrue();
                        assertThat(point.exactlyOnceAfterRetry()).isFalse();
                    });
            assertThat(result.partialWrites()).isGreaterThanOrEqualTo(1);
        }
    }
}
