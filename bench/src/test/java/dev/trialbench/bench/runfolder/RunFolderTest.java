package dev.trialbench.bench.runfolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {

    @TempDir
    Path temp;

    @Test
    void readsEveryExpectedCellInReportOrder() {
        RunFolder run = Fixture.read(temp);

        assertThat(run.cells()).extracting(CellResult::key).containsExactlyElementsOf(CellKey.EXPECTED);
        assertThat(run.environment().gitSha()).isEqualTo("688b999");
        assertThat(run.evidence().cells()).hasSize(14);
    }

    @Test
    void convertsMicrosecondsToMillisecondsAndComputesForksFromTheHistogram() {
        CellResult cell = Fixture.read(temp).cells().stream()
                .filter(result -> result.key().equals(CellKey.of("ActivationBenchmark", "naive", "before")))
                .findFirst().orElseThrow();

        assertThat(cell.p50Millis()).isBetween(4.0, 7.0);
        assertThat(cell.p50Millis()).isLessThanOrEqualTo(cell.p90Millis());
        assertThat(cell.p95Millis()).isLessThanOrEqualTo(cell.p99Millis());
        assertThat(cell.p99Millis()).isLessThanOrEqualTo(cell.maxMillis());
        assertThat(cell.forks()).isEqualTo(2);
        assertThat(cell.forkResults()).allSatisfy(fork -> assertThat(fork.p50Millis()).isBetween(4.0, 7.0));
        assertThat(cell.forkResults().stream().mapToLong(CellResult.ForkResult::samples).sum()).isEqualTo(cell.samples());
        double pooledMean = cell.forkResults().stream().mapToDouble(fork -> fork.meanMillis() * fork.samples()).sum()
                / cell.samples();
        assertThat(pooledMean).isCloseTo(cell.meanMillis(), within(1e-9));
    }

    @Test
    void aSingleForkHasJmhsOwnMedian() throws IOException {
        Path folder = Fixture.copy(temp);
        Files.writeString(folder.resolve(RunFolder.JMH_AFTER), """
                [ { "benchmark": "x.RoundTripBenchmark.selectOne", "mode": "sample", "params": {"schema": "after"},
                    "primaryMetric": { "score": 1.5, "scoreUnit": "us/op",
                      "scorePercentiles": {"50.0": 1.5, "90.0": 2, "95.0": 2, "99.0": 2, "100.0": 2},
                      "rawDataHistogram": [ [ [ [1.0, 1], [2.0, 1] ] ] ] } } ]""");

        CellResult cell = RunFolder.read(folder).cells().stream()
                .filter(result -> result.schema().equals("after")).findFirst().orElseThrow();

        assertThat(cell.forkResults()).singleElement().satisfies(fork -> {
            assertThat(fork.p50Millis()).isCloseTo(0.0015, within(1e-12));
            assertThat(fork.meanMillis()).isCloseTo(0.0015, within(1e-12));
        });
    }

    @Test
    void namesEveryMissingFile() throws IOException {
        Path folder = Fixture.copy(temp);
        Files.delete(folder.resolve(RunFolder.EVIDENCE));
        Files.delete(folder.resolve(RunFolder.JMH_AFTER));

        assertThatThrownBy(() -> RunFolder.read(folder))
                .isInstanceOf(RunFolderException.class)
                .hasMessageContaining("evidence.json, jmh-after.json")
                .satisfies(e -> assertThat(((RunFolderException) e).file()).isEqualTo("evidence.json"));
    }

    @Test
    void namesTheFileAndFieldOfMalformedEvidence() {
        Path folder = Fixture.copy(temp);
        Fixture.edit(folder, RunFolder.EVIDENCE, text -> text.replace("\"rerunApplied\"", "\"rerun\""));

        assertThatThrownBy(() -> RunFolder.read(folder))
                .isInstanceOf(RunFolderException.class)
                .hasMessageStartingWith("evidence.json is malformed")
                .hasMessageContaining("rerun");
    }

    @Test
    void aFieldAddedAfterARunWasPublishedReadsAsNotRecordedAndOtherwiseAsWritten() {
        Path older = Fixture.copy(temp, "older");
        Path newer = Fixture.copy(temp, "newer");
        Fixture.edit(newer, RunFolder.EVIDENCE, text -> text.replace("\"rerunApplied\"", "\"lockConflicts\": 3, \"rerunApplied\""));

        assertThat(Files.exists(older.resolve(RunFolder.EVIDENCE))).isTrue();
        assertThat(RunFolder.read(older).evidence().migration().lockConflicts()).as("absent: not recorded").isNull();
        assertThat(RunFolder.read(newer).evidence().migration().lockConflicts()).isEqualTo(3);
    }

    @Test
    void refusesJsonThatIsNotJson() {
        Path folder = Fixture.copy(temp);
        Fixture.edit(folder, RunFolder.JMH_BEFORE, text -> text.substring(0, text.length() / 2));

        assertThatThrownBy(() -> RunFolder.read(folder))
                .isInstanceOf(RunFolderException.class)
                .hasMessageStartingWith("jmh-before.json is not valid JSON");
    }

    @Test
    void refusesAResultOfAnotherModeOrSchema() {
        Path mode = Fixture.copy(temp, "mode");
        Fixture.edit(mode, RunFolder.JMH_BEFORE, text -> text.replaceFirst("\"mode\": \"sample\"", "\"mode\": \"avgt\""));
        Path schema = Fixture.copy(temp, "schema");
        Fixture.edit(schema, RunFolder.JMH_AFTER, text -> text.replaceFirst("\"schema\": \"after\"", "\"schema\": \"before\""));

        assertThatThrownBy(() -> RunFolder.read(mode)).hasMessageContaining("jmh-before.json is malformed")
                .hasMessageContaining("mode \"avgt\"");
        assertThatThrownBy(() -> RunFolder.read(schema)).hasMessageContaining("jmh-after.json is malformed")
                .hasMessageContaining("params.schema \"before\"");
    }
}
