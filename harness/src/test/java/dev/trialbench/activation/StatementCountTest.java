package dev.trialbench.activation;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.activation.ActivationResult.Outcome;
import dev.trialbench.db.Jdbis;
import dev.trialbench.db.StatementCounter;
import dev.trialbench.db.StatementCounter.Counts;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Round trips per activation, read from the connection: the report's N+1 claim in numbers that do
 * not depend on the machine. Naive: a user lookup, six fraud reads, then one statement per write in
 * autocommit. Batched: one locking read, one fraud read, the writes, one commit.
 */
class StatementCountTest {

    @ParameterizedTest
    @EnumSource(SchemaState.class)
    void naiveMakesSixFraudReadsAndWritesInAutocommit(SchemaState state) {
        try (HikariDataSource dataSource = state.freshDatabase("count_naive", 2)) {
            StatementCounter counter = new StatementCounter();
            Jdbi jdbi = Jdbis.create(counter.wrap(dataSource));
            Fixtures fixtures = new Fixtures(Jdbis.create(dataSource), new Random(1));
            TrialActivation naive = new NaiveActivation(jdbi);

            ActivationRequest fresh = request(fixtures.user(), fixtures.newFingerprint(), fixtures.newIp());
            counter.reset();
            assertThat(naive.activate(fresh).outcome()).isEqualTo(Outcome.ACTIVATED);
            Counts activated = counter.snapshot();
            for (String read : ActivationSql.NAIVE_FRAUD_READS) {
                assertThat(activated.executionsOf(read)).as(read).isEqualTo(1);
            }
            assertThat(activated.executionsOf(ActivationSql.ALL_FRAUD_SIGNALS)).isZero();
            // user lookup + 6 fraud reads + insert device + insert token; no transaction, no commit
            assertThat(activated.executions()).isEqualTo(9);
            assertThat(activated.commits()).isZero();
            assertThat(activated.roundTrips()).isEqualTo(9);

            UUID denied = fixtures.user();
            fixtures.trial(denied, false);
            String knownDevice = fixtures.newFingerprint();
            fixtures.device(knownDevice, 1, false, null);
            counter.reset();
            ActivationResult result = naive.activate(request(denied, knownDevice, fixtures.newIp()));
            assertThat(result.outcome()).isEqualTo(Outcome.DENIED);
            assertThat(result.decision().flags()).hasSize(2);
            // user lookup + 6 fraud reads + one insert per flag
            assertThat(counter.snapshot().executions()).isEqualTo(1 + 6 + 2);
            assertThat(counter.snapshot().executionsOf(ActivationSql.INSERT_FLAG)).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(SchemaState.class)
    void batchedMakesOneFraudReadInsideOneTransaction(SchemaState state) {
        try (HikariDataSource dataSource = state.freshDatabase("count_batched", 2)) {
            StatementCounter counter = new StatementCounter();
            Jdbi jdbi = Jdbis.create(counter.wrap(dataSource));
            Fixtures fixtures = new Fixtures(Jdbis.create(dataSource), new Random(2));
            TrialActivation batched = new BatchedActivation(jdbi);

            ActivationRequest fresh = request(fixtures.user(), fixtures.newFingerprint(), fixtures.newIp());
            counter.reset();
            assertThat(batched.activate(fresh).outcome()).isEqualTo(Outcome.ACTIVATED);
            Counts activated = counter.snapshot();
            assertThat(activated.executionsOf(ActivationSql.ALL_FRAUD_SIGNALS)).isEqualTo(1);
            assertThat(activated.executionsOf(ActivationSql.LOCK_USER_AND_DEVICE)).isEqualTo(1);
            // lock + fraud read + insert device + insert token, then one commit. The device write is
            // the naive path's INSERT_DEVICE (chosen from the fraud read), no longer an update-or-insert
            // that searched the table again: the count is unchanged, the statement is not.
            assertThat(activated.executionsOf(ActivationSql.INSERT_DEVICE)).isEqualTo(1);
            assertThat(activated.executionsOf(ActivationSql.UPDATE_DEVICE)).isZero();
            assertThat(activated.executions()).isEqualTo(4);
            assertThat(activated.commits()).isEqualTo(1);
            assertThat(activated.rollbacks()).isZero();
            assertThat(activated.roundTrips()).isEqualTo(5);

            UUID denied = fixtures.user();
            fixtures.trial(denied, false);
            String knownDevice = fixtures.newFingerprint();
            fixtures.device(knownDevice, 1, false, null);
            counter.reset();
            ActivationResult result = batched.activate(request(denied, knownDevice, null));
            assertThat(result.outcome()).isEqualTo(Outcome.DENIED);
            assertThat(result.decision().flags()).hasSize(2);
            // lock + fraud read + one batch holding both flags, then one commit
            assertThat(counter.snapshot().executions()).isEqualTo(3);
            assertThat(counter.snapshot().commits()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(SchemaState.class)
    void fraudCheckAloneIsSixStatementsNaiveAndOneBatched(SchemaState state) {
        try (HikariDataSource dataSource = state.freshDatabase("count_fraud", 2)) {
            StatementCounter counter = new StatementCounter();
            Jdbi jdbi = Jdbis.create(counter.wrap(dataSource));
            Fixtures fixtures = new Fixtures(Jdbis.create(dataSource), new Random(3));
            UUID user = fixtures.user();
            fixtures.card(user, "card_x", Duration.ofDays(2));
            ActivationRequest request = request(user, fixtures.newFingerprint(), fixtures.newIp());

            counter.reset();
            new NaiveActivation(jdbi).readFraudSignals(request);
            assertThat(counter.snapshot().roundTrips()).isEqualTo(6);

            counter.reset();
            new BatchedActivation(jdbi).readFraudSignals(request);
            assertThat(counter.snapshot().roundTrips()).isEqualTo(1);
        }
    }

    static ActivationRequest request(UUID user, String fingerprint, String ip) {
        return new ActivationRequest(user.toString(), fingerprint, java.util.Map.of("os", "test"), ip);
    }
}
