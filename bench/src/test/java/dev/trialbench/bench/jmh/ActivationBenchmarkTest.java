package dev.trialbench.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trialbench.activation.ActivationResult.Outcome;
import dev.trialbench.bench.jmh.SeededDatabase.Seeded;
import dev.trialbench.seed.SeedTable;
import dev.trialbench.testing.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The activation benchmark's lifecycle, called as JMH calls it (trial setup, iteration setup,
 * operations, iteration teardown, trial teardown) without JMH: the pool is fresh at each iteration,
 * nothing is left behind, and an iteration whose activations were not all successful fails.
 */
class ActivationBenchmarkTest {

    @TempDir
    Path folder;

    private final Seeded seeded = SeededDatabase.shared();
    private final ActivationBenchmark benchmark = new ActivationBenchmark();
    private final DelayedTrips trips = new DelayedTrips();
    private String previousTarget;

    @BeforeEach
    void openTheTargetAsAForkWould() {
        Path target = folder.resolve("target.properties");
        BenchTarget.write(target, seeded.dataSource().getJdbcUrl(), seeded.dataSource().getUsername(),
                TestPostgres.server().password(), seeded.config());
        previousTarget = System.setProperty(BenchTarget.PROPERTY, target.toString());
        benchmark.schema = "before";
        benchmark.openTarget();
    }

    @AfterEach
    void closeTheTarget() {
        benchmark.workload.reset();
        benchmark.closeTarget();
        if (previousTarget == null) {
            System.clearProperty(BenchTarget.PROPERTY);
        } else {
            System.setProperty(BenchTarget.PROPERTY, previousTarget);
        }
    }

    @Test
    void iterationsStartFromTheSeededDataAndLeaveNothingBehind() {
        for (int iteration = 0; iteration < 3; iteration++) {
            benchmark.freshReservedPool();
            for (int i = 0; i < 10; i++) {
                assertThat(benchmark.naive(trips).outcome()).isEqualTo(Outcome.ACTIVATED);
                assertThat(benchmark.batched(trips).outcome()).isEqualTo(Outcome.ACTIVATED);
            }
            benchmark.checkOutcomesAndReset();
            assertThat(SeededDatabase.queryLong(seeded.dataSource(), "SELECT count(*) FROM free_trial_tokens"))
                    .isEqualTo(seeded.plan().rowCount(SeedTable.FREE_TRIAL_TOKENS));
        }
    }

    @Test
    void withADelayEachOperationCountsItsRoundTripsAndWaitsAtLeastTheDelayForEach() {
        benchmark.closeTarget();
        benchmark.rtt = "1ms";
        benchmark.openTarget();
        benchmark.freshReservedPool();
        trips.clear();
        long resetTrips = benchmark.delay.achieved().trips();
        assertThat(resetTrips).as("the reset's own statements are delayed too").isPositive();

        assertThat(benchmark.naive(trips).outcome()).isEqualTo(Outcome.ACTIVATED);
        assertThat(trips.rttDelayedTrips()).as("naive: 9 round trips").isEqualTo(9);
        assertThat(benchmark.batched(trips).outcome()).isEqualTo(Outcome.ACTIVATED);
        assertThat(trips.rttDelayedTrips()).as("then batched: 5 more").isEqualTo(14);
        assertThat(trips.rttWaitedNanos()).isGreaterThanOrEqualTo(14 * 1_000_000L);
        // Counted per operation only: the reset's trips before them are not.
        assertThat(benchmark.delay.achieved().trips()).isEqualTo(resetTrips + 14);
        benchmark.checkOutcomesAndReset();
    }

    @Test
    void withoutADelayNothingIsCounted() {
        benchmark.freshReservedPool();
        trips.clear();
        assertThat(benchmark.batched(trips).outcome()).isEqualTo(Outcome.ACTIVATED);
        assertThat(trips.rttDelayedTrips()).isZero();
        assertThat(trips.rttWaitedNanos()).isZero();
        benchmark.checkOutcomesAndReset();
    }

    @Test
    void anIterationWithADeniedActivationFails() {
        benchmark.freshReservedPool();
        // A token the reset does not know of: the first reserved user already had a trial.
        SeededDatabase.execute(seeded.dataSource(), "INSERT INTO free_trial_tokens"
                + " (token_id, user_id, status, expires_at, reports_remaining)"
                + " VALUES (gen_random_uuid(), '" + seeded.plan().reservedUser(0) + "', 'expired', now(), 0)");
        assertThat(benchmark.batched(trips).outcome()).isEqualTo(Outcome.DENIED);
        assertThatThrownBy(benchmark::checkOutcomesAndReset)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Not every activation of the iteration was ACTIVATED")
                .hasMessageContaining("DENIED=1");
    }
}
