package dev.trialbench.bench.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.runfolder.LoadEvidence.Invariants;
import dev.trialbench.bench.runfolder.LoadEvidence.Stage;
import dev.trialbench.bench.runfolder.LoadFixture;
import dev.trialbench.bench.runfolder.RunFolder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tier 1 gates the invariants of every batched load run: one doubled user is a regression naming the run
 * and the invariant. The naive path's doubles are the report's risk, shown but not gated, and a run
 * without load runs (like the baseline's) passes with a note.
 */
class LoadInvariantTierTest {

    private static final Stage STAGE = new Stage(10, 3);

    @TempDir
    Path temp;

    private Baseline baseline;

    @BeforeEach
    void baselineFromARunWithoutLoadRuns() {
        baseline = Baseline.read(GateFixture.baseline(temp.resolve("baseline.json"), GateFixture.run(temp, "baseline-run")));
    }

    private Path runWithLoad(String name, Invariants batchedAfter) {
        Path run = GateFixture.run(temp, name);
        LoadFixture load = new LoadFixture();
        load.run("activation-naive-before", "activation", "naive", "before", STAGE).latency("activate-naive", 20)
                .invariants(new Invariants(100, 5, 2, 2, 0, 0, 0));
        load.run("activation-batched-after", "activation", "batched", "after", STAGE).latency("activate-batched", 20)
                .invariants(batchedAfter);
        load.run("listing-after", "listing", null, "after", STAGE).latency("listing", 10);
        load.write(run);
        return run;
    }

    @Test
    void aBatchedRunWithADoubledUserIsARegressionNamingTheRunAndTheInvariant() {
        Path run = runWithLoad("batched-doubled", new Invariants(100, 5, 1, 1, 0, 0, 0));

        GateReport report = Gate.evaluate(RunFolder.read(run), baseline, List.of(1));

        assertThat(report.exitCode()).isEqualTo(GateReport.REGRESSED);
        assertThat(report.checks()).filteredOn(check -> check.verdict() == GateVerdict.REGRESSION).singleElement()
                .satisfies(check -> {
                    assertThat(check.name()).isEqualTo("invariants activation-batched-after");
                    assertThat(check.message()).isEqualTo("load run activation-batched-after (batched): users with two"
                            + " active trials: 1, users with two trials: 1");
                    assertThat(check.expected()).isEqualTo("0 violations");
                });
    }

    @Test
    void cleanBatchedRunsPassAndTheNaiveDoublesAreShownButNotGated() {
        Path run = runWithLoad("clean", LoadFixture.CLEAN);

        GateReport report = Gate.evaluate(RunFolder.read(run), baseline, List.of(1));

        assertThat(report.exitCode()).isEqualTo(GateReport.PASSED);
        assertThat(report.checks()).filteredOn(check -> check.name().startsWith("invariants ")).extracting(Check::name)
                .containsExactly("invariants activation-naive-before", "invariants activation-batched-after",
                        "invariants listing-after");
        assertThat(report.attention()).singleElement().satisfies(check -> {
            assertThat(check.verdict()).isEqualTo(GateVerdict.PASS);
            assertThat(check.tolerance()).isEqualTo("not gated (naive)");
            assertThat(check.message()).isEqualTo("load run activation-naive-before (naive): users with two active"
                    + " trials: 2, users with two trials: 2; expected of the naive path (the report's risk), not gated");
        });
        assertThat(report.notes()).noneMatch(note -> note.startsWith("load invariants"));
    }

    @Test
    void aRunWithoutLoadJsonSkipsTheLoadChecksWithANote() {
        GateReport report = Gate.evaluate(RunFolder.read(GateFixture.run(temp, "no-load")), baseline, List.of(1));

        assertThat(report.exitCode()).isEqualTo(GateReport.PASSED);
        assertThat(report.checks()).noneMatch(check -> check.name().startsWith("invariants "));
        assertThat(report.notes()).contains("load invariants not measured: this run has no load.json; tier 1 checks no"
                + " load run");
    }

    @Test
    void theLoadNoteIsLeftOutWhenTierOneIsNotAsked() {
        GateReport report = Gate.evaluate(RunFolder.read(GateFixture.run(temp, "no-load")), baseline, List.of(3));

        assertThat(report.notes()).noneMatch(note -> note.startsWith("load invariants"));
    }
}
