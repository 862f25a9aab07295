package dev.trialbench.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.activation.ActivationRequest;
import dev.trialbench.activation.ActivationResult;
import dev.trialbench.activation.BatchedActivation;
import dev.trialbench.activation.NaiveActivation;
import dev.trialbench.activation.TrialActivation;
import dev.trialbench.testing.TestPostgres;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The injected latency is a lower bound that holds on any machine: a wait never ends early. So
 * these tests assert "at least", never "at most", and need no timing tolerance; how close to the
 * delay the waits end is measured by the benchmarks ({@link RoundTripDelay#achieved()}), not here.
 */
class RoundTripDelayTest {

    private static final Duration FIVE_MS = Duration.ofMillis(5);
    private static HikariDataSource dataSource;

    @BeforeAll
    static void database() {
        dataSource = TestPostgres.before("rtt", 2);
    }

    @AfterAll
    static void close() {
        dataSource.close();
    }

    @Test
    void selectOneWithFiveMillisecondsInjectedTakesAtLeastFiveMilliseconds() {
        Jdbi jdbi = Jdbis.create(RoundTripDelay.of(FIVE_MS).wrap(dataSource));
        jdbi.withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one());
        long start = System.nanoTime();
        int one = jdbi.withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one());
        assertThat(one).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(FIVE_MS);
    }

    @Test
    void eachActivationWaitsAtLeastItsRoundTripsTimesTheDelay() {
        for (Function<Jdbi, TrialActivation> factory : java.util.List.<Function<Jdbi, TrialActivation>>of(
                NaiveActivation::new, BatchedActivation::new)) {
            StatementCounter counter = new StatementCounter();
            RoundTripDelay delay = RoundTripDelay.of(FIVE_MS);
            DataSource counted = counter.wrap(delay.wrap(dataSource));
            TrialActivation activation = factory.apply(Jdbis.create(counted));
            UUID user = newUser();
            long start = System.nanoTime();
            ActivationResult result = activation.activate(new ActivationRequest(user.toString(),
                    "rtt" + user.toString().replace("-", ""), Map.of("os", "test"), "192.0.2.44"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            long roundTrips = counter.snapshot().roundTrips();
            assertThat(result.outcome()).isEqualTo(ActivationResult.Outcome.ACTIVATED);
            assertThat(roundTrips).as(activation.name()).isEqualTo(activation.name().equals("naive") ? 9 : 5);
            assertThat(took).as(activation.name()).isGreaterThanOrEqualTo(FIVE_MS.multipliedBy(roundTrips));
            // Every round trip waited once, and each wait was at least the delay.
            RoundTripDelay.Achieved achieved = delay.achieved();
            assertThat(achieved.trips()).as(activation.name()).isEqualTo(roundTrips);
            assertThat(achieved.waitedNanos()).as(activation.name()).isGreaterThanOrEqualTo(FIVE_MS.toNanos() * roundTrips);
            assertThat(achieved.meanMillis().orElseThrow()).isGreaterThanOrEqualTo(5.0);
        }
    }

    @Test
    void achievedCountsEveryWaitAndNoWaitEndsEarly() {
        RoundTripDelay delay = RoundTripDelay.of(Duration.ofMillis(1));
        assertThat(delay.achieved()).isEqualTo(new RoundTripDelay.Achieved(0, 0));
        assertThat(delay.achieved().meanMillis()).isEmpty();
        for (int trip = 0; trip < 20; trip++) {
            RoundTripDelay.Achieved before = delay.achieved();
            delay.pause();
            RoundTripDelay.Achieved one = delay.achieved().since(before);
            assertThat(one.trips()).isEqualTo(1);
            assertThat(one.waitedNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(1).toNanos());
        }
        assertThat(delay.achieved().trips()).isEqualTo(20);
    }

    @Test
    void aWaitShorterThanTheSpinIsSpunWholeAndStillCounted() {
        RoundTripDelay delay = RoundTripDelay.of(Duration.ofNanos(RoundTripDelay.SPIN_NANOS / 2));
        delay.pause();
        assertThat(delay.achieved().trips()).isEqualTo(1);
        assertThat(delay.achieved().waitedNanos()).isGreaterThanOrEqualTo(RoundTripDelay.SPIN_NANOS / 2);
    }

    @Test
    void commitsAndRollbacksAreDelayedAndCountedLikeStatements() {
        RoundTripDelay delay = RoundTripDelay.of(Duration.ofMillis(1));
        Jdbi jdbi = Jdbis.create(delay.wrap(dataSource));
        jdbi.useTransaction(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one());
        assertThat(delay.achieved().trips()).as("statement + commit").isEqualTo(2);
        jdbi.useHandle(handle -> {
            handle.begin();
            handle.createQuery("SELECT 1").mapTo(Integer.class).one();
            handle.rollback();
        });
        assertThat(delay.achieved().trips()).as("then statement + rollback").isEqualTo(4);
    }

    @Test
    void zeroDelayReturnsTheDataSourceItselfSoNothingIsAdded() {
        assertThat(RoundTripDelay.of(Duration.ZERO).wrap(dataSource)).isSameAs(dataSource);
    }

    @Test
    void roundTripTimesAreParsedFromTheFlagsForms() {
        assertThat(RoundTripDelay.parse("0")).isEqualTo(Duration.ZERO);
        assertThat(RoundTripDelay.parse("5ms")).isEqualTo(FIVE_MS);
        assertThat(RoundTripDelay.parse("0.5 ms")).isEqualTo(Duration.ofMillis(1).dividedBy(2));
        assertThat(RoundTripDelay.parse("250us")).isEqualTo(Duration.ofNanos(250_000));
        assertThatThrownBy(() -> RoundTripDelay.parse("fast")).hasMessageContaining("--rtt");
        assertThatThrownBy(() -> RoundTripDelay.parse("-1")).hasMessageContaining("--rtt");
    }

    private static UUID newUser() {
        UUID id = UUID.randomUUID();
        Jdbis.create(dataSource).useHandle(handle -> handle.createUpdate(
                        "INSERT INTO users (user_id, email) VALUES (:id, 'rtt@example.test')")
                .bind("id", id).execute());
        return id;
    }
}
