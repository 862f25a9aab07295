package dev.trialbench.bench.gate;

import static dev.trialbench.bench.gate.DeterministicTierTest.check;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.RunFolder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tier 2: ratios judged against the band their stored spread gave them, in the right direction. */
class RatioTierTest {

    private static final CellKey FRAUD_BATCHED_AFTER = CellKey.of(CellKey.FRAUD_CHECK, CellKey.BATCHED, CellKey.AFTER);
    private static final CellKey ACTIVATION_BATCHED_AFTER = CellKey.of(CellKey.ACTIVATION, CellKey.BATCHED, CellKey.AFTER);
    private static final CellKey FLOOR_AFTER = CellKey.of(CellKey.ROUND_TRIP, CellKey.SELECT_ONE, CellKey.AFTER);

    @TempDir
    Path temp;

    @Test
    void aSlowerBatchedPathFailsTheRatiosWhereHigherAndWhereLowerIsBetter() {
        Baseline baseline = baselineOf(GateFixture.run(temp, "a"));
        Path run = GateFixture.run(temp, "slower");
        GateFixture.scaleLatency(run, FRAUD_BATCHED_AFTER, 3);

        GateReport report = Gate.evaluate(RunFolder.read(run), baseline, List.of(2));

        assertThat(report.exitCode()).isEqualTo(GateReport.REGRESSED);
        Check batching = check(report, "naive/batched FraudCheckBenchmark @ after");
        assertThat(batching.direction()).isEqualTo(Direction.HIGHER_IS_BETTER);
        assertThat(batching.verdict()).isEqualTo(GateVerdict.REGRESSION);
        assertThat(batching.message()).startsWith("naive/batched FraudCheckBenchmark @ after: 0.85x, below the band");
        Check floorMultiple = check(report, "FraudCheckBenchmark.batched @ after / SELECT 1");
        assertThat(floorMultiple.direction()).isEqualTo(Direction.LOWER_IS_BETTER);
        assertThat(floorMultiple.verdict()).isEqualTo(GateVerdict.REGRESSION);
        assertThat(floorMultiple.message()).contains(", above the band");
        assertThat(check(report, "before/after FraudCheckBenchmark.batched").verdict()).isEqualTo(GateVerdict.REGRESSION);
        assertThat(check(report, "naive/batched FraudCheckBenchmark @ before").verdict()).isEqualTo(GateVerdict.PASS);
    }

    @Test
    void aFasterBatchedPathIsShownAsAnImprovementAndPasses() {
        Baseline baseline = baselineOf(GateFixture.run(temp, "a"));
        Path run = GateFixture.run(temp, "faster");
        GateFixture.scaleLatency(run, FRAUD_BATCHED_AFTER, 1 / 3.0);

        GateReport report = Gate.evaluate(RunFolder.read(run), baseline, List.of(1, 2));

        assertThat(report.exitCode()).isEqualTo(GateReport.PASSED);
        assertThat(report.count(GateVerdict.REGRESSION)).isZero();
        assertThat(report.checks()).filteredOn(check -> check.verdict() == GateVerdict.IMPROVED)
                .extracting(Check::name)
                .containsExactly("naive/batched FraudCheckBenchmark @ after", "before/after FraudCheckBenchmark.batched",
                        "FraudCheckBenchmark.batched @ after / SELECT 1");
        assertThat(check(report, "naive/batched FraudCheckBenchmark @ after").message())
                .contains("above the band").endsWith("refresh the baseline to keep the gain");
    }

    @Test
    void theFloorsOwnControlRatioFailsWhicheverWayItMoves() {
        Baseline baseline = baselineOf(GateFixture.run(temp, "a"));
        Path slower = GateFixture.run(temp, "floor-slower");
        GateFixture.scaleLatency(slower, FLOOR_AFTER, 2.5);
        Path faster = GateFixture.run(temp, "floor-faster");
        GateFixture.scaleLatency(faster, FLOOR_AFTER, 0.4);

        Check whenSlower = check(Gate.evaluate(RunFolder.read(slower), baseline, List.of(2)), "before/after RoundTripBenchmark.selectOne");
        Check whenFaster = check(Gate.evaluate(RunFolder.read(faster), baseline, List.of(2)), "before/after RoundTripBenchmark.selectOne");

        assertThat(whenSlower.direction()).isEqualTo(Direction.EXACT);
        assertThat(whenSlower.verdict()).isEqualTo(GateVerdict.REGRESSION);
        assertThat(whenFaster.verdict()).isEqualTo(GateVerdict.REGRESSION);
    }

    @Test
    void theStoredSpreadIsWhatLetsARunAsNoisyAsTheBaselineRunsPass() {
        // Two baseline runs that differ by 25 % on one cell, and a new run 65 % off on the same cell: within
        // 3 x the two runs' spread, beyond the 60 % floor that is all a single run's baseline can give.
        Path first = GateFixture.run(temp, "first");
        Path second = GateFixture.run(temp, "second");
        GateFixture.scaleLatency(second, FRAUD_BATCHED_AFTER, 1.25);
        Path noisy = GateFixture.run(temp, "noisy");
        GateFixture.scaleLatency(noisy, FRAUD_BATCHED_AFTER, 1.65);

        GateReport againstTwoRuns = Gate.evaluate(RunFolder.read(noisy), baselineOf(first, second), List.of(1, 2));
        GateReport againstOneRun = Gate.evaluate(RunFolder.read(noisy), baselineOf(first), List.of(1, 2));

        assertThat(againstTwoRuns.exitCode()).isEqualTo(GateReport.PASSED);
        assertThat(againstOneRun.exitCode()).isEqualTo(GateReport.REGRESSED);
        assertThat(check(againstOneRun, "FraudCheckBenchmark.batched @ after / SELECT 1").message())
                .contains("over 1 run x 2 forks (fork spread only)");
    }

    @Test
    void aRatioNoisierThanTheCapIsShownButNeverFails() {
        Path first = GateFixture.run(temp, "first");
        Path second = GateFixture.run(temp, "second");
        GateFixture.scaleLatency(second, FRAUD_BATCHED_AFTER, 4);
        Baseline baseline = baselineOf(first, second);
        Path farther = GateFixture.run(temp, "farther");
        GateFixture.scaleLatency(farther, FRAUD_BATCHED_AFTER, 12);

        GateReport report = Gate.evaluate(RunFolder.read(farther), baseline, List.of(1, 2));

        Check noisy = check(report, "FraudCheckBenchmark.batched @ after / SELECT 1");
        assertThat(baseline.ratios()).filteredOn(ratio -> ratio.name().equals(noisy.name())).singleElement()
                .satisfies(ratio -> assertThat(ratio.gated()).isFalse());
        assertThat(baseline.source().note()).contains("NOT GATED").contains(noisy.name());
        assertThat(noisy.verdict()).isEqualTo(GateVerdict.PASS);
        assertThat(noisy.tolerance()).startsWith("not gated (spread ");
        assertThat(noisy.message()).contains("above the band").endsWith("; shown, not failed");
        assertThat(report.exitCode()).isEqualTo(GateReport.PASSED);
        assertThat(report.notes()).anySatisfy(note -> assertThat(note).contains("are not gated").contains(noisy.name()));
    }

    @Test
    void withAConfirmationRunARatioFailsOnlyWhenItMovesInBoth() {
        Baseline baseline = baselineOf(GateFixture.run(temp, "a"));
        Path outlier = GateFixture.run(temp, "outlier");
        GateFixture.scaleLatency(outlier, FRAUD_BATCHED_AFTER, 3);
        Path calm = GateFixture.run(temp, "calm");
        Path slowAgain = GateFixture.run(temp, "slow-again");
        GateFixture.scaleLatency(slowAgain, FRAUD_BATCHED_AFTER, 3);

        GateReport notConfirmed = Gate.evaluate(RunFolder.read(outlier), List.of(RunFolder.read(calm)), baseline, List.of(1, 2));
        GateReport confirmed = Gate.evaluate(RunFolder.read(outlier), List.of(RunFolder.read(slowAgain)), baseline, List.of(1, 2));

        assertThat(notConfirmed.exitCode()).isEqualTo(GateReport.PASSED);
        Check batching = check(notConfirmed, "naive/batched FraudCheckBenchmark @ after");
        assertThat(batching.verdict()).isEqualTo(GateVerdict.PASS);
        assertThat(batching.measured()).isEqualTo("0.85x / 2.55x");
        assertThat(batching.message()).contains("below the band").contains("in outlier; not confirmed: 2.55x in calm");
        assertThat(confirmed.exitCode()).isEqualTo(GateReport.REGRESSED);
        assertThat(check(confirmed, "naive/batched FraudCheckBenchmark @ after").message()).endsWith("; in every run");
    }

    @Test
    void aRatioOfTheActivationIsShownButNeverFailsBecauseItCommits() {
        Path first = GateFixture.run(temp, "first");
        Path second = GateFixture.run(temp, "second");
        Baseline baseline = baselineOf(first, second);
        Path slowDisk = GateFixture.run(temp, "slow-disk");
        GateFixture.scaleLatency(slowDisk, ACTIVATION_BATCHED_AFTER, 3);

        GateReport report = Gate.evaluate(RunFolder.read(slowDisk), baseline, List.of(1, 2));

        assertThat(report.exitCode()).isEqualTo(GateReport.PASSED);
        assertThat(baseline.ratios()).filteredOn(ratio -> ratio.name().equals("ActivationBenchmark.batched @ after / SELECT 1"))
                .singleElement().satisfies(ratio -> {
                    assertThat(ratio.gated()).isFalse();
                    assertThat(ratio.notGatedBecause()).isEqualTo(Tolerances.COMMITS);
                });
        assertThat(check(report, "ActivationBenchmark.batched @ after / SELECT 1").message()).endsWith("; shown, not failed");
    }

    @Test
    void theToleranceIsThreeTimesTheSpreadWithinTheFloorAndTheCap() {
        Path first = GateFixture.run(temp, "first");
        Path second = GateFixture.run(temp, "second");
        GateFixture.scaleLatency(second, FRAUD_BATCHED_AFTER, 1.15);

        Baseline baseline = baselineOf(first, second);

        for (Baseline.RatioExpectation ratio : baseline.ratios()) {
            double spread = (ratio.samples().stream().mapToDouble(Double::doubleValue).max().orElseThrow()
                    - ratio.samples().stream().mapToDouble(Double::doubleValue).min().orElseThrow()) / ratio.value();
            assertThat(ratio.spread()).as(ratio.name()).isCloseTo(spread, org.assertj.core.data.Offset.offset(0.001));
            assertThat(ratio.tolerance()).as(ratio.name())
                    .isCloseTo(Math.min(1.0, Math.max(3 * ratio.spread(), 0.6)), org.assertj.core.data.Offset.offset(0.0001));
            assertThat(ratio.samples()).as(ratio.name()).hasSize(6);
            assertThat(ratio.spreadSource()).isEqualTo("2 runs x 2 forks");
        }
        Baseline.RatioExpectation moved = baseline.ratios().stream()
                .filter(ratio -> ratio.name().equals("FraudCheckBenchmark.batched @ after / SELECT 1")).findFirst().orElseThrow();
        assertThat(moved.tolerance()).isGreaterThan(0.5);
        assertThat(moved.gated()).isTrue();
        assertThat(baseline.source().note()).startsWith("spreads measured across 2 runs (and their forks); NOT GATED, the activation commits");
    }

    @Test
    void oneRunOfOneForkGetsTheFloorAndTheFileSaysSo() {
        Path single = GateFixture.run(temp, "single");
        GateFixture.keepOneFork(single);

        Baseline baseline = baselineOf(single);

        assertThat(baseline.ratios()).allSatisfy(ratio -> {
            assertThat(ratio.spread()).isNull();
            assertThat(ratio.tolerance()).isEqualTo(0.6);
            assertThat(ratio.spreadSource()).isEqualTo("1 run x 1 fork: no spread measured, the 60 % floor applies");
        });
        assertThat(baseline.source().note()).startsWith("made from ONE run");
        assertThat(baseline.toJson()).contains("made from ONE run").contains("no spread measured");
    }

    private Baseline baselineOf(Path... runs) {
        return Baseline.read(GateFixture.baseline(temp.resolve("baseline-" + runs.length + "-" + System.nanoTime() + ".json"), runs));
    }
}
