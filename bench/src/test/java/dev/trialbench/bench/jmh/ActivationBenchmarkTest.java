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
                assertThat(benchmark.naive().outcome()).isEqualTo(Outcome.ACTIVATED);
                assertThat(benchmark.batched().outcome()).isEqualTo(Outcome.ACTIVATED);
            }
            benchmark.checkOutcomesAndReset();
            assertThat(SeededDatabase.queryLong(seeded.dataSource(), "SELECT count(*) FROM free_trial_tokens"))
                    .isEqualTo(seeded.plan().rowCount(SeedTable.FREE_TRIAL_TOKENS));
        }
    }

    @Test
    void anIterationWithADeniedActivationFails() {
        benchmark.freshReservedPool();
        // A token the reset does not know of: the first reserved user already had a trial.
        SeededDatabase.execute(seeded.dataSource(), "INSERT INTO free_trial_tokens"
                + " (token_id, user_id, status, expires_at, reports_remaining)"
                + " VALUES (gen_random_uuid(), '" + seeded.plan().reservedUser(0) + "', 'expired', now(), 0)");
        assertThat(benchmark.batched().outcome()).isEqualTo(Outcome.DENIED);
        assertThatThrownBy(benchmark::checkOutcomesAndReset)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Not every activation of the iteration was ACTIVATED")
                .hasMessageContaining("DENIED=1");
    }
}
