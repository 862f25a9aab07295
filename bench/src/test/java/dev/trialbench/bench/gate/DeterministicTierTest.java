package dev.trialbench.bench.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.RunFolder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tier 1 catches the deliberate regressions of the issue, and names the statement or the cell. */
class DeterministicTierTest {

    @TempDir
    Path temp;

    private Baseline baseline;

    @BeforeEach
    void baselineFromTheUnchangedRun() {
        baseline = Baseline.read(GateFixture.baseline(temp.resolve("baseline.json"), GateFixture.run(temp, "baseline-run")));
    }

    @Test
    void theListingIndexMissingFromTheAfterSchemaIsARegressionNamingTheStatement() {
        Path run = GateFixture.run(temp, "listing-index-missing");
        GateFixture.plan(run, CellKey.AFTER, "NEWEST_REPORTS", List.of(), List.of("reports"));

        GateReport report = Gate.evaluate(RunFolder.read(run), baseline, List.of(1));

        assertThat(report.exitCode()).isEqualTo(GateReport.REGRESSED);
        assertThat(report.checks()).filteredOn(check -> check.verdict() == GateVerdict.REGRESSION)
                .singleElement()
                .satisfies(check -> {
                    assertThat(check.name()).isEqualTo("plan NEWEST_REPORTS @ after");
                    assertThat(check.message()).isEqualTo(
                            "NEWEST_REPORTS @ after: plan no longer uses idx_reports_user_created; now Seq Scan on reports");
                    assertThat(check.expected()).isEqualTo("indexes idx_reports_user_created; seq scans none");
                    assertThat(check.measured()).isEqualTo("indexes none; seq scans reports");
                    assertThat(check.direction()).isEqualTo(Direction.EXACT);
                });
    }

    @Test
    void theBatchedFraudReadSplitBackIntoSixQueriesIsARegressionNamingTheCell() {
        Path run = GateFixture.run(temp, "fraud-read-split");
        GateFixture.edit(run, RunFolder.EVIDENCE, evidence -> {
            for (String schema : CellKey.SCHEMAS) {
                GateFixture.cell(evidence, CellKey.of(CellKey.FRAUD_CHECK, CellKey.BATCHED, schema))
                        .put("statementsPerOp", 6.0).put("roundTripsPerOp", 6.0);
            }
        });

        GateReport report = Gate.evaluate(RunFolder.read(run), baseline, List.of(1));

        assertThat(report.exitCode()).isEqualTo(GateReport.REGRESSED);
        assertThat(report.checks()).filteredOn(check -> check.verdict() == GateVerdict.REGRESSION)
                .extracting(Check::message)
                .containsExactly(
                        "FraudCheckBenchmark.batched @ before: 6 statements per operation, baseline 1 (5 more)",
                        "FraudCheckBenchmark.batched @ before: 6 round trips per operation, baseline 1 (5 more)",
                        "FraudCheckBenchmark.batched @ after: 6 statements per operation, baseline 1 (5 more)",
                        "FraudCheckBenchmark.batched @ after: 6 round trips per operation, baseline 1 (5 more)");
    }

    @Test
    void fewerRoundTripsAreAlsoAChangeTheBaselineMustAccept() {
        Path run = GateFixture.run(temp, "fewer-round-trips");
        GateFixture.edit(run, RunFolder.EVIDENCE, evidence -> GateFixture.cell(evidence,
                CellKey.of(CellKey.ACTIVATION, CellKey.NAIVE, CellKey.AFTER)).put("roundTripsPerOp", 8.0));

        GateReport report = Gate.evaluate(RunFolder.read(run), baseline, List.of(1));

        assertThat(report.checks()).filteredOn(check -> check.verdict() == GateVerdict.REGRESSION)
                .extracting(Check::message)
                .containsExactly("ActivationBenchmark.naive @ after: 8 round trips per operation, baseline 9 (1 fewer)");
    }

    @Test
    void sharedBuffersMayMoveWithinThreeQuartersOrFiveBlocksAndFewerIsBetter() {
        // NEWEST_REPORTS @ after touches 58 buffers per call: the band is 58 +/- 43.5 (75 % is more than 5 blocks).
        assertThat(buffersVerdict("within", 85)).isEqualTo(GateVerdict.PASS);
        assertThat(buffersVerdict("above", 105)).isEqualTo(GateVerdict.REGRESSION);
        assertThat(buffersVerdict("below", 10)).isEqualTo(GateVerdict.IMPROVED);
    }

    @Test
    void aSmallStatementGetsFiveBlocksOfSlack() {
        Path run = GateFixture.run(temp, "small-statement");
        GateFixture.edit(run, RunFolder.EVIDENCE, evidence ->
                GateFixture.statement(evidence, CellKey.AFTER, "FIND_USER").put("sharedHitPerCall", 7.5));

        GateReport report = Gate.evaluate(RunFolder.read(run), baseline, List.of(1));

        assertThat(check(report, "shared buffers/call FIND_USER @ after").verdict()).isEqualTo(GateVerdict.PASS);
        assertThat(check(report, "shared buffers/call FIND_USER @ after").tolerance()).startsWith("+/-5 blocks");
    }

    @Test
    void aStatementMissingFromTheRunCannotBeMeasured() {
        Path run = GateFixture.run(temp, "statement-missing");
        GateFixture.removeStatement(run, CellKey.AFTER, "DEVICE");

        GateReport report = Gate.evaluate(RunFolder.read(run), baseline, List.of(1));

        assertThat(report.exitCode()).isEqualTo(GateReport.NOT_MEASURED);
        assertThat(check(report, "plan DEVICE @ after").message()).startsWith("DEVICE @ after: evidence.json has no such statement");
    }

    private GateVerdict buffersVerdict(String name, double hitPerCall) {
        Path run = GateFixture.run(temp, name);
        GateFixture.edit(run, RunFolder.EVIDENCE, evidence ->
                GateFixture.statement(evidence, CellKey.AFTER, "NEWEST_REPORTS").put("sharedHitPerCall", hitPerCall));
        return check(Gate.evaluate(RunFolder.read(run), baseline, List.of(1)),
                "shared buffers/call NEWEST_REPORTS @ after").verdict();
    }

    static Check check(GateReport report, String name) {
        return report.checks().stream().filter(check -> check.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name));
    }
}
