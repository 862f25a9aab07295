package dev.trialbench.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.RoundTripDelay;
import dev.trialbench.http.ServiceConfig;
import dev.trialbench.http.TrialService;
import dev.trialbench.loadtest.config.Kpi;
import dev.trialbench.loadtest.config.Scenario;
import dev.trialbench.loadtest.config.Stage;
import dev.trialbench.loadtest.measure.LoadHistograms;
import dev.trialbench.seed.SeedConfig;
import dev.trialbench.seed.SeedProgress;
import dev.trialbench.seed.Seeder;
import dev.trialbench.testing.Sql;
import dev.trialbench.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole runs through {@link LoadRunner}: injector JVMs forked against a {@link TrialService} on a
 * seeded database. Asserts counts, statuses and exit codes, never speed (the failing-KPI run rests
 * on a lower bound: a naive activation makes at least seven round trips, each delayed 30 ms).
 */
class LoadRunnerTest {

    private static final SeedConfig SEED =
            SeedConfig.of(42, 0.01, Instant.parse("2026-01-01T00:00:00Z")).withLargeReservedPool();
    private static HikariDataSource dataSource;

    @TempDir
    Path out;

    @BeforeAll
    static void seed() {
        dataSource = TestPostgres.after("loadrunner", 10);
        new Seeder().seed(dataSource, SEED, SeedProgress.none());
    }

    @AfterAll
    static void close() {
        dataSource.close();
    }

    private LoadPlan plan(String label, TrialService service, String implementation, Stage warmup, List<Stage> stages,
                          int injectors) {
        return new LoadPlan(label, service.baseUri(), Scenario.ACTIVATION, implementation, warmup, stages, injectors, SEED,
                0.05, out, Kpi.REPORT);
    }

    @Test
    void twoInjectorsWriteTwoLogsWhoseMergeCountsEveryRequestSent() throws Exception {
        try (TrialService service = TrialService.start(dataSource, ServiceConfig.forPool(10))) {
            LoadPlan plan = plan("two", service, "batched", new Stage(4, 2), List.of(new Stage(4, 1), new Stage(8, 1)), 2);

            LoadOutcome outcome = LoadRunner.run(plan, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

            long perInjector = (2 * 2) + (2 * 1) + (4 * 1); // warm-up, stage 1, stage 2 at half the rate each
            LoadHistograms first = LoadHistograms.read(List.of(out.resolve("two-injector-0.hlog")));
            LoadHistograms second = LoadHistograms.read(List.of(out.resolve("two-injector-1.hlog")));
            LoadHistograms merged = LoadHistograms.read(List.of(outcome.histogramLog()));
            assertThat(first.stats(tag -> true).count()).isEqualTo(perInjector);
            assertThat(second.stats(tag -> true).count()).isEqualTo(perInjector);
            assertThat(merged.stats(tag -> true).count()).isEqualTo(2 * perInjector);
            assertThat(merged.stats("activate-batched@warmup").count()).isEqualTo(8);

            long outcomeLines = 0;
            for (int injector = 0; injector < 2; injector++) {
                List<String> lines = Files.readAllLines(out.resolve("two-injector-" + injector + "-outcomes.csv"));
                assertThat(lines.get(0)).isEqualTo("userId,status");
                outcomeLines += lines.size() - 1;
            }
            assertThat(outcomeLines).isEqualTo(2 * perInjector);

            RequestStats measured = outcome.requests().get("activate-batched");
            assertThat(measured.count()).isEqualTo(4 + 8);
            assertThat(measured.statuses().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(12);
            assertThat(outcome.stages()).extracting(StageStats::label).containsExactly("1", "2");
            assertThat(outcome.stages().get(1).requests().get("activate-batched").count()).isEqualTo(8);
            assertThat(outcome.injectorExitCodes()).hasSize(2).allMatch(code -> code == 0 || code == 2);
            assertThat(outcome.activated()).isNotEmpty();
            String activated = outcome.activated().stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
            assertThat(Sql.queryLong(dataSource, "SELECT count(DISTINCT user_id) FROM free_trial_tokens WHERE user_id IN ("
                    + activated + ")")).isEqualTo(outcome.activated().size());
        }
    }

    @Test
    void aServiceSlowerThanTheBudgetFailsTheKpi() {
        // 30 ms per round trip; a naive activation makes at least 7 (user lookup and six fraud reads): >= 210 ms > 50 ms.
        RoundTripDelay delay = RoundTripDelay.of(Duration.ofMillis(30));
        try (TrialService service = TrialService.start(delay.wrap(dataSource), ServiceConfig.forPool(10))) {
            LoadPlan plan = plan("slow", service, "naive", new Stage(2, 1), List.of(new Stage(2, 2)), 1);

            LoadOutcome outcome = LoadRunner.run(plan, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

            assertThat(outcome.kpiPassed()).isFalse();
            assertThat(outcome.injectorExitCodes()).containsExactly(2);
            assertThat(outcome.kpiFailures()).anyMatch(failure -> failure.contains("Gatling's assertions failed"))
                    .anyMatch(failure -> failure.startsWith("activate-naive: p95 from intended start"));
            assertThat(outcome.requests().get("activate-naive").p50Millis()).isGreaterThanOrEqualTo(7 * 30);
            assertThat(outcome.requests().get("activate-naive").failed()).isZero();
        }
    }
}
