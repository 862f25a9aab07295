package dev.trialbench.bench.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.claims.Claim;
import dev.trialbench.bench.claims.Claims;
import dev.trialbench.bench.claims.KpiClaims;
import dev.trialbench.bench.claims.Verdict;
import dev.trialbench.bench.load.LoadProfile;
import dev.trialbench.bench.runfolder.Fixture;
import dev.trialbench.bench.runfolder.LoadEvidence;
import dev.trialbench.bench.runfolder.LoadEvidence.Invariants;
import dev.trialbench.bench.runfolder.LoadEvidence.MigrationUnderLoad;
import dev.trialbench.bench.runfolder.LoadEvidence.PgbenchComparison;
import dev.trialbench.bench.runfolder.LoadEvidence.Stage;
import dev.trialbench.bench.runfolder.LoadFixture;
import dev.trialbench.bench.runfolder.LoadFixture.PlantedRun;
import dev.trialbench.bench.runfolder.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "Under load" section and the load claims, from load runs planted with known latencies, statuses
 * and invariants ({@link LoadFixture}) next to the report fixture's raw files.
 */
class LoadReportTest {

    private static final String P95 = "P95 query latency < 50ms (under load)";
    private static final String EXHAUSTION = "Connection pool exhaustion under load (before)";
    private static final String POOL_SIZE = "Pool size (20) may be too high";
    private static final Stage TEN = new Stage(10, 3);
    private static final Stage TWENTY = new Stage(20, 3);
    private static final Stage[] SWEEP = {new Stage(20, 2), new Stage(40, 2), new Stage(80, 2)};
    /** Migration window within the migration run's measured stage: seconds 4 to 6. */
    private static final long MIGRATION_FROM_SECOND = 4;
    private static final long MIGRATION_TO_SECOND = 6;

    @TempDir
    Path temp;
    private int folders;

    /**
     * Activation before and after (naive before leaves two doubled users), listing after, a pool sweep
     * whose best rates are 80/s (pool 5), 40/s (pool 10) and 20/s (pool 20: its 80/s stage is fast but
     * 4.8 % failed), the migration run with 300 ms requests inside the migration window and 10 ms
     * outside, and pgbench at 10 clients.
     */
    private static LoadFixture planted(double pgbenchTps) {
        LoadFixture load = new LoadFixture();
        load.run("activation-naive-before", "activation", "naive", "before", TEN, TWENTY).latency("activate-naive", 60, 150)
                .poolWait(3, 0.9).invariants(new Invariants(100, 5, 2, 2, 0, 0, 0));
        load.run("activation-batched-before", "activation", "batched", "before", TEN, TWENTY)
                .latency("activate-batched", 40, 80).poolWait(1, 0.5);
        load.run("activation-naive-after", "activation", "naive", "after", TEN, TWENTY).latency("activate-naive", 30, 120)
                .poolWait(0, 0.9);
        load.run("activation-batched-after", "activation", "batched", "after", TEN, TWENTY)
                .latency("activate-batched", 20, 37).poolWait(0, 0.3);
        load.run("listing-after", "listing", null, "after", new Stage(40, 4)).latency("listing", 12).poolWait(0, 0.2);
        load.run("pool-sweep-5", "pool-sweep", "batched", "after", SWEEP).pool(5).latency("activate-batched", 60, 30, 45);
        load.run("pool-sweep-10", "pool-sweep", "batched", "after", SWEEP).pool(10).latency("activate-batched", 20, 30, 200);
        load.run("pool-sweep-20", "pool-sweep", "batched", "after", SWEEP).pool(20).latency("activate-batched", 25, 75, 40)
                .status("activate-batched", 3, "503", 8);
        PlantedRun migration = load.run("migration", "migration", "batched", "before", new Stage(40, 10));
        for (int second = 0; second < 10; second++) {
            boolean during = second >= MIGRATION_FROM_SECOND && second <= MIGRATION_TO_SECOND;
            long start = migration.measuredEpochMs() + second * 1000L;
            migration.interval("activate-batched@1", start, during ? 300 : 10, 4)
                    .interval("listing@1", start, during ? 300 : 10, 36)
                    .status("activate-batched", 1, "201", 4).status("listing", 1, "200", 36);
        }
        load.migration(new MigrationUnderLoad("migration", migration.measuredEpochMs() + MIGRATION_FROM_SECOND * 1000,
                migration.measuredEpochMs() + MIGRATION_TO_SECOND * 1000, 0, null, 4.7, "virtualxid ShareLock", 120, 1,
                null, false));
        load.pgbench(new PgbenchComparison(10, 5, pgbenchTps, 17.0, 35.1, 50.8, 250, 0, "pgbench -M prepared", null));
        return load;
    }

    private Path folder(LoadFixture load) {
        Path folder = Fixture.copy(temp.resolve("run-" + folders++), Fixture.RUN_NAME);
        load.write(folder);
        return folder;
    }

    private static String underLoad(Path folder) {
        String markdown = MarkdownReport.render(RunFolder.read(folder));
        int start = markdown.indexOf("## Under load");
        return markdown.substring(start, markdown.indexOf("\n## ", start + 1));
    }

    private static Claim claim(Path folder, String quote) {
        return Claims.of(RunFolder.read(folder)).stream().filter(claim -> claim.quote().equals(quote)).findFirst()
                .orElseThrow(() -> new AssertionError("no claim " + quote));
    }

    @Test
    void thePerRunTableShowsThePlantedP95WithoutTheWarmUp() {
        String section = underLoad(folder(planted(56)));

        assertThat(section)
                .contains("| `activation-batched-after` | `activate-batched` | 20 | 15.0 | 37.0 | 37.0 | 37.0 | 0 (0.00 %) | held"
                        + " | 1.50 ms | 30.00 % |")
                .contains("| `listing-after` | `listing` | 40 | 40.0 | 12.0 | 12.0 | 12.0 | 0 (0.00 %) | held |")
                .doesNotContain("| `pool-sweep-10` | `activate-batched` | 80 |");
    }

    @Test
    void theStairsShowEachStagesP95AndAnsweredRate() {
        String section = underLoad(folder(planted(56)));

        assertThat(section).contains("| `activation-batched-after` | `activate-batched` | 20.0 / 10.0 | 37.0 / 20.0 |")
                .contains("| `pool-sweep-20` | `activate-batched` | 25.0 / 20.0 | 75.0 / 40.0 | 40.0 / 80.0 |");
    }

    @Test
    void naiveInvariantViolationsAreBoldAndBatchedOnesZero() {
        String section = underLoad(folder(planted(56)));

        assertThat(section).contains("| `activation-naive-before` | naive | 100 | 5 | **2** | **2** | 0 | 0 | 0 |")
                .contains("| `activation-batched-before` | batched | 100 | 5 | 0 | 0 | 0 | 0 | 0 |")
                .contains("| `listing-after` |  | 100 | 5 | 0 | 0 | 0 | 0 | 0 |");
    }

    @Test
    void thePoolSweepFindingsNameTheHighestRateWithinTheKpis() {
        String section = underLoad(folder(planted(56)));

        String within = "the highest offered rate within the KPIs (p95 under 50.0 ms, failed under 1 %) is ";
        assertThat(section).contains("- pool of 5: " + within + "80 activations/s")
                .contains("- pool of 10: " + within + "40 activations/s")
                .contains("- pool of 20: " + within + "20 activations/s")
                .contains("![" + PoolSweepChart.TITLE + "](charts/pool-sweep-p95.png)");
    }

    @Test
    void aRepeatedPoolSweepDrawsOneSeriesPerRun() {
        LoadFixture load = planted(56);
        load.run("pool-sweep-10-r2", "pool-sweep", "batched", "after", SWEEP).pool(10).latency("activate-batched", 22, 33, 180);

        String section = underLoad(folder(load));

        assertThat(section).contains("![" + PoolSweepChart.TITLE + "](charts/pool-sweep-p95.png)");
    }

    @Test
    void thePgbenchGoalIsMetAtSevenTenthsAndNotBelow() {
        assertThat(underLoad(folder(planted(56)))).contains("56.0 transactions/s")
                .contains("The service sustained 40 batched activations/s offered within the KPIs at a pool of 10")
                .contains("0.71x of pgbench, against the goal of at least 0.70x: **met**");
    }

    @Test
    void thePgbenchGoalIsNotSettledWhenItLiesBetweenTheHeldStairAndTheNext() {
        assertThat(underLoad(folder(planted(58)))).contains("0.69x of pgbench, against the goal of at least 0.70x:"
                + " **not settled**: the next stair, 80/s (1.38x), missed the KPIs, and the goal's 40.6/s lies between the two");
    }

    @Test
    void thePgbenchGoalIsNotMetWhenTheNextStairIsStillBelowIt() {
        assertThat(underLoad(folder(planted(120)))).contains("0.33x of pgbench, against the goal of at least 0.70x:"
                + " **not met**: the next stair, 80/s (0.67x), already missed the KPIs");
    }

    @Test
    void aRunAtTheGoalsOwnRateDecidesTheGoalAndStaysOutOfTheKpiClaims() {
        LoadFixture held = planted(80);
        held.run("pgbench-goal", "pgbench-goal", "batched", "after", new Stage(56, 2)).pool(10).latency("activate-batched", 31);
        LoadFixture missed = planted(80);
        missed.run("pgbench-goal", "pgbench-goal", "batched", "after", new Stage(56, 2)).pool(10).latency("activate-batched", 95);
        Path missedFolder = folder(missed);

        assertThat(underLoad(folder(held))).contains("The sweep's highest stair within the KPIs at a pool of 10: 40/s (0.50x"
                        + " of pgbench). Offered exactly the goal's rate, 56/s (0.70x of pgbench, rounded up to a whole rate"
                        + " per injector), at a pool of 10 (run `pgbench-goal`): p95 31.0 ms")
                .contains("Against the goal of at least 0.70x of pgbench within the KPIs: **met**.")
                .doesNotContain("| `pgbench-goal` | `activate-batched` | 56 |");
        assertThat(underLoad(missedFolder)).contains("p95 95.0 ms").contains("within the KPIs: **not met**.");
        assertThat(claim(missedFolder, P95).verdict()).as("the goal run is not one of the report's workloads")
                .isEqualTo(Verdict.HOLDS_ONLY_IF);
    }

    @Test
    void pgbenchAloneAtTheGoalsRateSaysWhetherTheDatabaseItselfKeepsTheKpis() {
        LoadFixture within = planted(80);
        within.run("pgbench-goal", "pgbench-goal", "batched", "after", new Stage(56, 2)).pool(10).latency("activate-batched", 95);
        within.pgbench(new PgbenchComparison(10, 5, 80.0, 17.0, 35.1, 50.8, 250, 0, "pgbench -M prepared",
                new LoadEvidence.OpenModel(56, 10, 5, 55.8, 9.0, 21.5, 30.0, 279, 0, "pgbench -R")));
        LoadFixture outside = planted(80);
        outside.run("pgbench-goal", "pgbench-goal", "batched", "after", new Stage(56, 2)).pool(10).latency("activate-batched", 95);
        outside.pgbench(new PgbenchComparison(10, 5, 80.0, 17.0, 135.1, 150.8, 250, 0, "pgbench -M prepared",
                new LoadEvidence.OpenModel(56, 10, 5, 55.1, 19.0, 71.5, 90.0, 275, 0, "pgbench -R")));

        assertThat(underLoad(folder(within))).contains("The database alone, pgbench offered the same 56.0 transactions/s"
                + " on its own schedule").contains("p95 21.5 ms, p99 30.0 ms, 0 failed: within the KPIs");
        assertThat(underLoad(folder(outside))).contains("p95 71.5 ms").contains("**outside the KPIs without the service**")
                .contains("against pgbench's closed-loop saturation (p95 135 ms)");
    }

    @Test
    void theGoalRateIsRoundedUpToAWholeRatePerInjector() {
        LoadProfile quick = dev.trialbench.bench.profile.RunProfile.QUICK.load();

        assertThat(quick.pgbenchGoalRate(135.0)).isEqualTo(96.0);
        assertThat(quick.pgbenchGoalRate(80.0)).isEqualTo(56.0);
        assertThat(quick.pgbenchGoalRate(135.0) / 135.0).isGreaterThanOrEqualTo(LoadProfile.PGBENCH_GOAL);
    }

    @Test
    void aPgbenchWithoutTransactionsIsNotMeasuredRatherThanAnInfiniteRatio() {
        assertThat(underLoad(folder(planted(0)))).contains("Not measured: pgbench completed no transaction")
                .doesNotContain("**met**");
    }

    @Test
    void theMigrationTableComparesP99BeforeWithP99InsideTheWindow() {
        String section = underLoad(folder(planted(56)));

        assertThat(section).contains("ran for 2.0 s while the mixed workload (run `migration`)")
                .contains("| `activate-batched` | 10.0 | 300 | 12 | 0 (0.00 %) |")
                .contains("| `listing` | 10.0 | 300 | 108 | 0 (0.00 %) |")
                .contains("- 1 of 120 samples saw a backend waiting on a lock\n")
                .doesNotContain("No measured request completed during the migration");
    }

    @Test
    void aMigrationThatRanBeforeTheLoadSaysSo() {
        LoadFixture load = planted(56);
        load.migration(new MigrationUnderLoad("migration", LoadFixture.START - 60_000, LoadFixture.START - 55_000, 0, null,
                0, null, 40, 0, "waits are lower bounds", false));

        assertThat(underLoad(folder(load))).contains("**No measured request completed during the migration**")
                .contains("- 0 of 40 samples saw a backend waiting on a lock (waits are lower bounds)")
                .contains("| `activate-batched` | n/a | n/a | 0 |");
    }

    @Test
    void aRunWhoseStatusesLackATypeOrItsStagesStillRenders() {
        LoadFixture load = new LoadFixture();
        load.run("activation-batched-after", "activation", "batched", "after", TEN, TWENTY).latency("activate-batched", 20, 37)
                .withoutStatuses("activate-batched");
        load.run("pool-sweep-10", "pool-sweep", "batched", "after", SWEEP).latency("activate-batched", 20, 30, 40)
                .withoutStageStatuses();

        String section = underLoad(folder(load));

        assertThat(section).contains("| `activation-batched-after` | `activate-batched` | 20 | 0.0 | 37.0 | 37.0 | 37.0 | n/a |")
                .contains("| `pool-sweep-10` | `activate-batched` | 20.0 / 0.0 | 30.0 / 0.0 | 40.0 / 0.0 |")
                .contains("- pool of 10: no offered rate kept p95 under 50.0 ms with failed under 1 %")
                .contains("Not measured: no pgbench comparison in this run.")
                .contains("### Migration under load\n\nNot measured in this run.");
    }

    @Test
    void p95UnderLoadHoldsWhenTheOptimizedWorkloadsKeepTheBudgetWhateverTheNaivePath() {
        Claim p95 = claim(folder(planted(56)), P95);

        assertThat(p95.verdict()).isEqualTo(Verdict.HOLDS_ONLY_IF);
        assertThat(p95.measured()).contains("activation-batched-after activate-batched 37.0 ms", "listing-after listing 12.0 ms")
                .doesNotContain("activate-naive");
    }

    @Test
    void aRunRecordedUnderTheEndOfSlotRuleIsFlaggedWithItsOverchargeAndItsLatencyClaimsAreNotJudged() {
        Path folder = folder(planted(56));
        Fixture.edit(folder, "load.json", text -> text.replaceFirst(",\\s*\"intendedStart\"\\s*:\\s*\"slot-start\"", ""));

        String section = underLoad(folder);

        assertThat(Files.exists(folder.resolve("load.json"))).isTrue();
        assertThat(section).contains("**The latencies of this run are overstated for every stage faster than its warm-up.**")
                .contains("The overcharge by offered rate: 20/s: 100 ms, 40/s: 150 ms, 80/s: 175 ms.");
        assertThat(claim(folder, P95).verdict()).isEqualTo(Verdict.NOT_JUDGED);
        assertThat(claim(folder, POOL_SIZE).verdict()).isEqualTo(Verdict.NOT_JUDGED);
        assertThat(claim(folder, EXHAUSTION).verdict()).as("counts of timeouts, not latencies").isEqualTo(Verdict.HOLDS);
        assertThat(underLoad(folder(planted(56)))).doesNotContain("overstated");
    }

    @Test
    void p95UnderLoadFailsNamingTheWorkloadOverTheBudget() {
        LoadFixture load = planted(56);
        load.run("mixed-after", "mixed", "batched", "after", new Stage(40, 4)).latency("listing", 12)
                .latency("activate-batched", 55);

        Claim p95 = claim(folder(load), P95);

        assertThat(p95.verdict()).isEqualTo(Verdict.FAILS);
        assertThat(p95.judgement().reason()).isEqualTo("over 50.0 ms under load: mixed-after activate-batched 55.0 ms");
    }

    @Test
    void p95UnderLoadIsNotSettledWhenTheRepeatOfAWorkloadFallsOnTheOtherSideOfTheBudget() {
        LoadFixture load = planted(56);
        load.run("mixed-after", "mixed", "batched", "after", new Stage(40, 4)).latency("listing", 12)
                .latency("activate-batched", 55);
        load.run("mixed-after-r2", "mixed", "batched", "after", new Stage(40, 4)).latency("listing", 12)
                .latency("activate-batched", 45);

        Claim p95 = claim(folder(load), P95);

        assertThat(p95.verdict()).isEqualTo(Verdict.NOT_SETTLED);
        assertThat(p95.judgement().reason()).isEqualTo("the runs of a workload fell on both sides of 50.0 ms:"
                + " mixed-after activate-batched 45.0 ms..55.0 ms (2 runs)");
    }

    @Test
    void poolUtilizationIsJudgedFromTheLoadRunsInsteadOfNotMeasured() {
        List<Claim> claims = Claims.of(RunFolder.read(folder(planted(56))));

        assertThat(claims).filteredOn(claim -> claim.quote().equals(KpiClaims.POOL_UTILIZATION)).singleElement()
                .satisfies(claim -> {
                    assertThat(claim.verdict()).isEqualTo(Verdict.HOLDS_ONLY_IF);
                    assertThat(claim.measured()).contains("activation-batched-after 30.00 %", "listing-after 20.00 %")
                            .doesNotContain("naive");
                    assertThat(claim.source()).isEqualTo("load.json and load/*.hlog");
                });
    }

    @Test
    void poolUtilizationFailsAtEightyPercent() {
        LoadFixture load = planted(56);
        load.run("mixed-after", "mixed", "batched", "after", new Stage(40, 4)).latency("listing", 12).poolWait(0, 0.8);

        Claim utilization = claim(folder(load), KpiClaims.POOL_UTILIZATION);

        assertThat(utilization.verdict()).isEqualTo(Verdict.FAILS);
        assertThat(utilization.judgement().reason()).contains("mixed-after 80.00 %");
    }

    @Test
    void exhaustionHoldsWhenTheConnectionsTimedOutBeforeAndNotAfter() {
        Claim exhaustion = claim(folder(planted(56)), EXHAUSTION);

        assertThat(exhaustion.verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(exhaustion.measured()).startsWith("the service's pool in the activation runs, before the migrations"
                + " (naive and batched): 4 connection timeouts, 0 requests shed with 503, busy connections p95 90.00 %;"
                + " after: 0 connection timeouts, 0 requests shed with 503, busy connections p95 90.00 %");
    }

    @Test
    void exhaustionStillHoldsWhenTimeoutsContinueAfterAndIsConditionalWithoutAny() {
        LoadFixture after = planted(56);
        after.run("activation-batched-after-2", "activation", "batched", "after", TEN).latency("activate-batched", 20)
                .poolWait(2, 0.3);
        LoadFixture none = new LoadFixture();
        none.run("activation-batched-before", "activation", "batched", "before", TEN).latency("activate-batched", 20);

        Claim stillTimingOut = claim(folder(after), EXHAUSTION);
        Claim noTimeouts = claim(folder(none), EXHAUSTION);

        assertThat(stillTimingOut.verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(stillTimingOut.judgement().reason()).contains("and still after them (2 connection timeouts");
        assertThat(noTimeouts.verdict()).isEqualTo(Verdict.HOLDS_ONLY_IF);
    }

    @Test
    void exhaustionCountsRequestsShedWith503AndAFullPoolNotOnlyConnectionTimeouts() {
        LoadFixture shed = new LoadFixture();
        shed.run("activation-batched-before", "activation", "batched", "before", TEN).latency("activate-batched", 900)
                .status("activate-batched", 1, "503", 7);
        shed.run("activation-batched-after", "activation", "batched", "after", TEN).latency("activate-batched", 20);
        LoadFixture full = new LoadFixture();
        full.run("activation-batched-before", "activation", "batched", "before", TEN).latency("activate-batched", 900)
                .poolWait(0, 1.0);
        full.run("activation-batched-after", "activation", "batched", "after", TEN).latency("activate-batched", 20)
                .poolWait(0, 0.3);

        Claim byShedding = claim(folder(shed), EXHAUSTION);
        Claim byFullPool = claim(folder(full), EXHAUSTION);

        assertThat(byShedding.verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(byShedding.measured()).contains("0 connection timeouts, 7 requests shed with 503");
        assertThat(byFullPool.verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(byFullPool.measured()).contains("busy connections p95 100.00 %");
    }

    @Test
    void poolSizeTwentyHoldsOnlyIfWhenItSustainsNoMoreThanTen() {
        Claim poolSize = claim(folder(planted(56)), POOL_SIZE);

        assertThat(poolSize.verdict()).isEqualTo(Verdict.HOLDS_ONLY_IF);
        assertThat(poolSize.measured()).endsWith("pool 5: 80/s, pool 10: 40/s, pool 20: 20/s");
    }

    @Test
    void poolSizeTwentyFailsWhenItSustainsMoreThanTen() {
        Claim poolSize = claim(folder(sweep(sweepRun -> sweepRun.latency("activate-batched", 20, 30, 200),
                sweepRun -> sweepRun.latency("activate-batched", 20, 30, 40))), POOL_SIZE);

        assertThat(poolSize.verdict()).isEqualTo(Verdict.FAILS);
    }

    @Test
    void poolSizeTwentyWithinTheKpisAtNoRateIsWorseThanTen() {
        Claim worse = claim(folder(sweep(sweepRun -> sweepRun.latency("activate-batched", 20, 30, 200),
                sweepRun -> sweepRun.latency("activate-batched", 60, 70, 80))), POOL_SIZE);
        Claim neither = claim(folder(sweep(sweepRun -> sweepRun.latency("activate-batched", 60, 70, 80),
                sweepRun -> sweepRun.latency("activate-batched", 60, 70, 80))), POOL_SIZE);

        assertThat(worse.verdict()).isEqualTo(Verdict.HOLDS_ONLY_IF);
        assertThat(worse.measured()).endsWith("pool 10: 40/s, pool 20: none");
        assertThat(neither.verdict()).isEqualTo(Verdict.NOT_JUDGED);
    }

    @Test
    void poolSizeIsDecidedOnTheRangeOverRepeatedSweeps() {
        LoadFixture overlapping = sweep(sweepRun -> sweepRun.latency("activate-batched", 20, 30, 200),
                sweepRun -> sweepRun.latency("activate-batched", 20, 200, 200));
        overlapping.run("pool-sweep-10-r2", "pool-sweep", "batched", "after", SWEEP).pool(10)
                .latency("activate-batched", 20, 200, 200);
        overlapping.run("pool-sweep-20-r2", "pool-sweep", "batched", "after", SWEEP).pool(20)
                .latency("activate-batched", 20, 30, 200);
        Claim poolSize = claim(folder(overlapping), POOL_SIZE);

        assertThat(poolSize.verdict()).isEqualTo(Verdict.NOT_SETTLED);
        assertThat(poolSize.measured()).endsWith("pool 10: 20..40/s over 2 runs, pool 20: 20..40/s over 2 runs");
    }

    private static LoadFixture sweep(Consumer<PlantedRun> ten, Consumer<PlantedRun> twenty) {
        LoadFixture load = new LoadFixture();
        ten.accept(load.run("pool-sweep-10", "pool-sweep", "batched", "after", SWEEP).pool(10));
        twenty.accept(load.run("pool-sweep-20", "pool-sweep", "batched", "after", SWEEP).pool(20));
        return load;
    }

    @Test
    void aRunWithoutLoadJsonRendersNoLoadRunsAndKeepsTheBenchmarksUtilizationClaim() {
        Path folder = Fixture.copy(temp);

        List<Claim> claims = Claims.of(RunFolder.read(folder));

        assertThat(underLoad(folder)).contains("No load runs: this run has no load.json");
        assertThat(claims).extracting(Claim::quote).doesNotContain(P95, EXHAUSTION, POOL_SIZE);
        assertThat(claims).filteredOn(claim -> claim.quote().equals(KpiClaims.POOL_UTILIZATION)).singleElement()
                .satisfies(claim -> assertThat(claim.verdict()).isEqualTo(Verdict.NOT_JUDGED));
    }

    @Test
    void writingTheReportTwiceGivesTheSameMarkdownAndPoolSweepChart() throws IOException {
        Path first = Fixture.copy(temp.resolve("first"), Fixture.RUN_NAME);
        Path second = Fixture.copy(temp.resolve("second"), Fixture.RUN_NAME);
        planted(56).write(first);
        planted(56).write(second);

        List<Path> written = Reports.write(first);
        byte[] markdown = Files.readAllBytes(first.resolve(Reports.MARKDOWN));
        byte[] chart = Files.readAllBytes(first.resolve("charts/pool-sweep-p95.svg"));
        Reports.write(first);
        Reports.write(second);

        assertThat(written).extracting(path -> first.relativize(path).toString().replace('\\', '/'))
                .contains("charts/pool-sweep-p95.png", "charts/pool-sweep-p95.svg");
        assertThat(Files.readAllBytes(first.resolve(Reports.MARKDOWN))).isEqualTo(markdown);
        assertThat(Files.readAllBytes(first.resolve("charts/pool-sweep-p95.svg"))).isEqualTo(chart);
        for (String file : List.of(Reports.MARKDOWN, "charts/pool-sweep-p95.png", "charts/pool-sweep-p95.svg")) {
            assertThat(Files.readAllBytes(second.resolve(file))).as(file).isEqualTo(Files.readAllBytes(first.resolve(file)));
        }
    }
}
