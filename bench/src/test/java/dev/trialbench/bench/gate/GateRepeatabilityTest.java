package dev.trialbench.bench.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.cli.TrialbenchCommand;
import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.testing.TerminalCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second proof of the issue: the gate run twice on an unchanged tree passes both times, against a
 * baseline made from that run and a second run that differs from it as much as two runs do; and the
 * gate never writes the baseline.
 */
class GateRepeatabilityTest {

    @TempDir
    Path temp;

    @RegisterExtension
    final TerminalCapture terminal = new TerminalCapture();

    @Test
    void anUnchangedRunPassesTwiceAndTheBaselineIsNeverWritten() throws Exception {
        Path run = GateFixture.run(temp, "run");
        Path secondRun = GateFixture.run(temp, "second-run");
        // run-to-run noise: a few cells a few percent off, as between two runs on one machine
        GateFixture.scaleLatency(secondRun, CellKey.of(CellKey.FRAUD_CHECK, CellKey.BATCHED, CellKey.AFTER), 1.06);
        GateFixture.scaleLatency(secondRun, CellKey.of(CellKey.LISTING, CellKey.PAGE_50, CellKey.AFTER), 0.95);
        GateFixture.scaleLatency(secondRun, CellKey.of(CellKey.ROUND_TRIP, CellKey.SELECT_ONE, CellKey.BEFORE), 1.04);
        Path baseline = temp.resolve("results/baseline.json");
        assertThat(TrialbenchCommand.execute("baseline", run.toString(), secondRun.toString(), "--out", baseline.toString()))
                .isEqualTo(0);
        byte[] baselineBytes = Files.readAllBytes(baseline);
        FileTime baselineTime = Files.getLastModifiedTime(baseline);

        int first = gate(run, baseline, "first");
        int second = gate(run, baseline, "second");
        int otherRun = gate(secondRun, baseline, "other");

        assertThat(first).isEqualTo(0);
        assertThat(second).isEqualTo(0);
        assertThat(otherRun).isEqualTo(0);
        assertThat(Files.readAllBytes(baseline)).isEqualTo(baselineBytes);
        assertThat(Files.getLastModifiedTime(baseline)).isEqualTo(baselineTime);
        assertThat(Files.readString(temp.resolve("first.md"))).isEqualTo(Files.readString(temp.resolve("second.md")));
        assertThat(terminal.out()).contains("trialbench gate: PASS").contains("exit 0: pass");
    }

    private int gate(Path run, Path baseline, String outputs) {
        return TrialbenchCommand.execute("gate", run.toString(), "--baseline", baseline.toString(), "--tiers", "1,2,3",
                "--junit", temp.resolve(outputs + ".xml").toString(), "--markdown", temp.resolve(outputs + ".md").toString());
    }
}
