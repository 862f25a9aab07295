package dev.trialbench.bench.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trialbench.bench.cli.TrialbenchCommand;
import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.RunFolder;
import dev.trialbench.bench.testing.TerminalCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code trialbench baseline}: what the file holds, its sorted keys, and the runs it refuses. */
class BaselineTest {

    @TempDir
    Path temp;

    @RegisterExtension
    final TerminalCapture terminal = new TerminalCapture();

    @Test
    void holdsEveryTierAndTheRunsItWasMadeFrom() {
        Path file = temp.resolve("results/baseline.json");

        int exit = TrialbenchCommand.execute("baseline", GateFixture.run(temp, "run-1").toString(), "--out", file.toString());

        assertThat(exit).isEqualTo(0);
        Baseline baseline = Baseline.read(file);
        assertThat(baseline.cells()).hasSize(CellKey.EXPECTED.size());
        assertThat(baseline.statements()).hasSize(26);
        assertThat(baseline.ratios()).hasSize(RatioDefinition.all().size()).hasSize(23);
        assertThat(baseline.budgets()).extracting(Budget::name).contains("p95 ActivationBenchmark.batched @ after",
                "index hit ratio @ after", "deadlocks @ after", "rollback rate @ after");
        assertThat(baseline.source().profile()).isEqualTo("quick");
        assertThat(baseline.source().scale()).isEqualTo(0.05);
        assertThat(baseline.source().runs()).extracting(Baseline.SourceRun::folder, Baseline.SourceRun::gitSha)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("run-1", "688b999"));
        assertThat(baseline.toleranceRule()).isEqualTo(Tolerances.RULE);
        assertThat(baseline.statements()).filteredOn(shape -> shape.label().equals("NEWEST_REPORTS @ after"))
                .singleElement().satisfies(shape -> {
                    assertThat(shape.indexes()).containsExactly("idx_reports_user_created");
                    assertThat(shape.seqScans()).isEmpty();
                    assertThat(shape.sharedBuffersPerCall()).isEqualTo(58.0);
                });
        assertThat(terminal.out()).contains("wrote " + file).contains("made from ONE run");
    }

    @Test
    void isWrittenWithSortedKeysAndReadsBackEqual() throws Exception {
        Path file = GateFixture.baseline(temp.resolve("baseline.json"), GateFixture.run(temp, "run-1"));

        JsonNode tree = new ObjectMapper().readTree(Files.readString(file));

        assertSorted(tree, "$");
        Baseline read = Baseline.read(file);
        assertThat(read.toJson()).isEqualTo(Files.readString(file));
        assertThat(read).isEqualTo(BaselineBuilder.build(List.of(RunFolder.read(temp.resolve("run-1"))), "test"));
    }

    @Test
    void refusesToMixScales() {
        Path other = GateFixture.run(temp, "other-scale");
        GateFixture.edit(other, RunFolder.ENVIRONMENT, environment -> ((ObjectNode) environment).put("scale", 0.1));

        int exit = TrialbenchCommand.execute("baseline", GateFixture.run(temp, "run-1").toString(), other.toString(),
                "--out", temp.resolve("baseline.json").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(terminal.err()).contains("cannot mix runs: run-1 is quick at scale 0.05 with seed 42"
                + " but other-scale is quick at scale 0.1 with seed 42");
        assertThat(temp.resolve("baseline.json")).doesNotExist();
    }

    @Test
    void refusesToMixProfiles() {
        Path other = GateFixture.run(temp, "full");
        GateFixture.edit(other, RunFolder.ENVIRONMENT, environment -> ((ObjectNode) environment).put("profile", "full"));

        assertThatThrownBy(() -> BaselineBuilder.build(List.of(RunFolder.read(GateFixture.run(temp, "run-1")),
                RunFolder.read(other)), "test"))
                .isInstanceOf(BaselineException.class)
                .hasMessageContaining("full is full at scale 0.05");
    }

    @Test
    void refusesRunsThatDisagreeOnADeterministicFigure() {
        Path other = GateFixture.run(temp, "other");
        GateFixture.plan(other, CellKey.AFTER, "NEWEST_REPORTS", List.of(), List.of("reports"));

        assertThatThrownBy(() -> BaselineBuilder.build(List.of(RunFolder.read(GateFixture.run(temp, "run-1")),
                RunFolder.read(other)), "test"))
                .isInstanceOf(BaselineException.class)
                .hasMessageContaining("the plan of NEWEST_REPORTS @ after differs between runs");
    }

    @Test
    void refusesAnIncompleteRun() {
        Path incomplete = GateFixture.run(temp, "incomplete");
        GateFixture.removeJmhResult(incomplete, CellKey.of(CellKey.ACTIVATION, CellKey.NAIVE, CellKey.BEFORE));

        assertThatThrownBy(() -> BaselineBuilder.build(List.of(RunFolder.read(incomplete)), "test"))
                .isInstanceOf(BaselineException.class)
                .hasMessage("run incomplete lacks ActivationBenchmark.naive @ before: a baseline is made from complete runs only");
    }

    private static void assertSorted(JsonNode node, String path) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            assertThat(names).as(path).isSorted();
            names.forEach(name -> assertSorted(node.get(name), path + "." + name));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                assertSorted(node.get(i), path + "[" + i + "]");
            }
        }
    }
}
