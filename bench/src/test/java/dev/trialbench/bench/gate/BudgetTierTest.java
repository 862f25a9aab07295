package dev.trialbench.bench.gate;

import static dev.trialbench.bench.gate.DeterministicTierTest.check;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.RunFolder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tier 3: the report's KPIs with their margins, in the KPI's own direction. */
class BudgetTierTest {

    private static final CellKey ACTIVATION_BATCHED_AFTER = CellKey.of(CellKey.ACTIVATION, CellKey.BATCHED, CellKey.AFTER);

    @TempDir
    Path temp;

    private Baseline baseline;

    @BeforeEach
    void baselineFromTheUnchangedRun() {
        baseline = Baseline.read(GateFixture.baseline(temp.resolve("baseline.json"), GateFixture.run(temp, "baseline-run")));
    }

    @Test
    void theFixtureRunIsWithinEveryBudget() {
        GateReport report = Gate.evaluate(RunFolder.read(GateFixture.run(temp, "run")), baseline, List.of(3));

        assertThat(report.exitCode()).isEqualTo(GateReport.PASSED);
        assertThat(check(report, "p95 ActivationBenchmark.batched @ after").expected()).isEqualTo("<= 40.0 ms");
        assertThat(check(report, "p95 ActivationBenchmark.batched @ after").tolerance())
                .isEqualTo("margin 10.0 ms inside \"P95 query latency < 50ms\"");
    }

    @Test
    void zeroDeadlocksHasNoMargin() {
        GateReport report = Gate.evaluate(RunFolder.read(GateFixture.run(temp, "run")), baseline, List.of(3));

        assertThat(check(report, "deadlocks @ after").expected()).isEqualTo("<= 0");
        assertThat(check(report, "deadlocks @ after").tolerance()).isEqualTo("no margin inside \"Zero deadlocks per day\"");
    }

    @Test
    void aP95InsideTheMarginFailsBeforeTheKpiBreaks() {
        // the cell's p95 is 1.13 ms; x 40 is 45 ms: inside the KPI, beyond the margin
        Path run = GateFixture.run(temp, "inside-margin");
        GateFixture.scaleLatency(run, ACTIVATION_BATCHED_AFTER, 40);

        Check p95 = check(Gate.evaluate(RunFolder.read(run), baseline, List.of(3)), "p95 ActivationBenchmark.batched @ after");

        assertThat(p95.verdict()).isEqualTo(GateVerdict.REGRESSION);
        assertThat(p95.direction()).isEqualTo(Direction.LOWER_IS_BETTER);
        assertThat(p95.message()).isEqualTo("p95 ActivationBenchmark.batched @ after: 45.2 ms, above the gate's 40.0 ms"
                + " (the report's KPI \"P95 query latency < 50ms\" with a margin of 10.0 ms)");
    }

    @Test
    void aP95BeyondTheKpiSaysTheKpiIsBroken() {
        Path run = GateFixture.run(temp, "beyond-kpi");
        GateFixture.scaleLatency(run, ACTIVATION_BATCHED_AFTER, 50);

        Check p95 = check(Gate.evaluate(RunFolder.read(run), baseline, List.of(3)), "p95 ActivationBenchmark.batched @ after");

        assertThat(p95.message()).endsWith("; the KPI itself is broken");
    }

    @Test
    void aHitRatioBelowTheMarginIsARegressionBecauseHigherIsBetter() {
        Path run = GateFixture.run(temp, "hit-ratio");
        GateFixture.edit(run, RunFolder.EVIDENCE, evidence ->
                ((ObjectNode) evidence.get("database").get(1)).put("indexHitRatio", 0.96));

        Check hitRatio = check(Gate.evaluate(RunFolder.read(run), baseline, List.of(3)), "index hit ratio @ after");

        assertThat(hitRatio.direction()).isEqualTo(Direction.HIGHER_IS_BETTER);
        assertThat(hitRatio.verdict()).isEqualTo(GateVerdict.REGRESSION);
        assertThat(hitRatio.message()).contains("96 %, below the gate's 97 %").doesNotContain("KPI itself is broken");
    }

    @Test
    void aMissingHitRatioCannotBeMeasured() {
        Path run = GateFixture.run(temp, "no-hit-ratio");
        GateFixture.edit(run, RunFolder.EVIDENCE, evidence ->
                ((ObjectNode) evidence.get("database").get(1)).putNull("indexHitRatio"));

        GateReport report = Gate.evaluate(RunFolder.read(run), baseline, List.of(3));

        assertThat(report.exitCode()).isEqualTo(GateReport.NOT_MEASURED);
        assertThat(check(report, "index hit ratio @ after").verdict()).isEqualTo(GateVerdict.NOT_MEASURED);
    }
}
