package dev.trialbench.bench.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.RunFolder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tier 2's server time: a statement a few milliseconds slower on the server fails the gate and is
 * named; a statement within 2.5 times its slowest baseline run or a millisecond of it passes; one run's
 * outlier that a confirmation run does not repeat passes; a statement without calls is not measured.
 */
class ServerTimeTierTest {

    @TempDir
    Path temp;

    private Baseline baseline;

    @BeforeEach
    void baselineFromTwoRuns() {
        Path first = GateFixture.run(temp, "baseline-run");
        Path second = GateFixture.run(temp, "baseline-run-2");
        setMean(second, CellKey.AFTER, "DEVICE", 0.030);
        setMean(second, CellKey.AFTER, "NEWEST_REPORTS", 2.0);
        baseline = Baseline.read(GateFixture.baseline(temp.resolve("baseline.json"), first, second));
    }

    @Test
    void theBaselineKeepsTheSlowestRunsMeanPerStatement() {
        assertThat(baseline.statements()).filteredOn(shape -> shape.label().equals("DEVICE @ after"))
                .singleElement().extracting(Baseline.StatementShape::serverMillisMax).isEqualTo(0.030);
    }

    @Test
    void aStatementThreeMillisecondsSlowerIsARegressionNamingTheStatement() {
        Path run = GateFixture.run(temp, "device-slower");
        setMean(run, CellKey.AFTER, "DEVICE", 3.016);

        GateReport report = Gate.evaluate(RunFolder.read(run), baseline, List.of(2));

        assertThat(report.exitCode()).isEqualTo(GateReport.REGRESSED);
        assertThat(report.checks()).filteredOn(check -> check.name().startsWith("server ms/call"))
                .filteredOn(check -> check.verdict() == GateVerdict.REGRESSION)
                .singleElement()
                .satisfies(check -> {
                    assertThat(check.name()).isEqualTo("server ms/call DEVICE @ after");
                    assertThat(check.message()).isEqualTo("DEVICE @ after: 3.02 ms per call on the server, above 1.03 ms"
                            + " (the slowest baseline run took 0.030 ms)");
                });
    }

    @Test
    void aStatementWithinAMillisecondOfItsSlowestBaselineRunPasses() {
        Path run = GateFixture.run(temp, "device-noisy");
        setMean(run, CellKey.AFTER, "DEVICE", 0.9);

        GateReport report = Gate.evaluate(RunFolder.read(run), baseline, List.of(2));

        assertThat(report.checks()).filteredOn(check -> check.name().equals("server ms/call DEVICE @ after"))
                .singleElement().extracting(Check::verdict).isEqualTo(GateVerdict.PASS);
    }

    @Test
    void aSlowStatementMayRiseToTwoAndAHalfTimesItsSlowestBaselineRun() {
        Path run = GateFixture.run(temp, "listing-noisy");
        setMean(run, CellKey.AFTER, "NEWEST_REPORTS", 4.9);
        Path slower = GateFixture.run(temp, "listing-slower");
        setMean(slower, CellKey.AFTER, "NEWEST_REPORTS", 5.1);

        assertThat(verdict(run, "NEWEST_REPORTS @ after")).isEqualTo(GateVerdict.PASS);
        assertThat(verdict(slower, "NEWEST_REPORTS @ after")).isEqualTo(GateVerdict.REGRESSION);
    }

    @Test
    void anOutlierThatTheConfirmationRunDoesNotRepeatPassesWithAMessage() {
        Path run = GateFixture.run(temp, "outlier");
        setMean(run, CellKey.AFTER, "DEVICE", 3.016);
        Path confirmation = GateFixture.run(temp, "confirmation");

        GateReport report = Gate.evaluate(RunFolder.read(run), List.of(RunFolder.read(confirmation)), baseline, List.of(2));

        assertThat(report.checks()).filteredOn(check -> check.name().equals("server ms/call DEVICE @ after"))
                .singleElement().satisfies(check -> {
                    assertThat(check.verdict()).isEqualTo(GateVerdict.PASS);
                    assertThat(check.measured()).isEqualTo("3.02 ms / 0.016 ms");
                    assertThat(check.message()).contains("not confirmed: 0.016 ms in confirmation");
                });
    }

    @Test
    void aStatementWithoutCallsIsNotMeasured() {
        Path run = GateFixture.run(temp, "no-calls");
        GateFixture.edit(run, RunFolder.EVIDENCE, evidence ->
                GateFixture.statement(evidence, CellKey.AFTER, "DEVICE").put("calls", 0));

        assertThat(verdict(run, "DEVICE @ after")).isEqualTo(GateVerdict.NOT_MEASURED);
    }

    private GateVerdict verdict(Path run, String statement) {
        return Gate.evaluate(RunFolder.read(run), baseline, List.of(2)).checks().stream()
                .filter(check -> check.name().equals("server ms/call " + statement))
                .findFirst().orElseThrow().verdict();
    }

    private static void setMean(Path run, String schema, String name, double millis) {
        GateFixture.edit(run, RunFolder.EVIDENCE, evidence ->
                GateFixture.statement(evidence, schema, name).put("meanMillis", millis));
    }
}
