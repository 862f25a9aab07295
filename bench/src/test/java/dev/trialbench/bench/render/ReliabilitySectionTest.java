package dev.trialbench.bench.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.trialbench.activation.InvariantReport;
import dev.trialbench.bench.runfolder.Fixture;
import dev.trialbench.bench.runfolder.ReliabilityEvidence;
import dev.trialbench.bench.runfolder.RunFolder;
import dev.trialbench.reliability.BackendTermination;
import dev.trialbench.reliability.ConcurrencyComparison;
import dev.trialbench.reliability.DatabaseOutage;
import dev.trialbench.reliability.LockConflicts;
import dev.trialbench.reliability.PoolExhaustion;
import dev.trialbench.reliability.TimeoutEnforcement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reliability section: rendered from {@code reliability.json} with its verdicts, byte-identical when
 * regenerated, and a plain note for run folders that have no such file.
 */
class ReliabilitySectionTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @TempDir
    Path temp;

    @Test
    void aRunWithoutReliabilityFiguresStillRendersAndSaysHowToGetThem() throws IOException {
        Path folder = Fixture.copy(temp);
        Reports.write(folder);

        assertThat(Files.readString(folder.resolve(Reports.MARKDOWN)))
                .contains("## Reliability under faults", "This run has no reliability figures");
    }

    @Test
    void theFiguresAndVerdictsComeFromTheFileAndRegenerateByteForByte() throws IOException {
        Path folder = Fixture.copy(temp);
        Files.writeString(folder.resolve(RunFolder.RELIABILITY), JSON.writeValueAsString(sample()));

        Reports.write(folder);
        byte[] first = Files.readAllBytes(folder.resolve(Reports.MARKDOWN));
        Reports.write(folder);
        String markdown = Files.readString(folder.resolve(Reports.MARKDOWN));

        assertThat(markdown.getBytes(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(first);
        assertThat(markdown)
                .contains("**\"Full transaction support with automatic rollback\": HOLDS** for the batched path")
                .contains("**\"Risk of data inconsistency\" (of the naive path): CONFIRMED**")
                .contains("Rows lost (goal 0): **0** of 14")
                .contains("| backend terminated mid-activation, naive | 9 | 7 **(2 not)** |")
                .contains("Not in this run: bad inputs over HTTP, migration faults, security checks");
    }

    @Test
    void theRaceCountsRacedRequestsOnlyAlsoInOlderFilesThatCountedTheSetUpActivations() {
        ConcurrencyComparison.Cell older = new ConcurrencyComparison.Cell("naive", "before", 65, 77, 0, 0,
                InvariantReport.CLEAN, null);
        ConcurrencyComparison.Cell newer = new ConcurrencyComparison.Cell("batched", "before", 65, 40, 25, 0,
                InvariantReport.CLEAN, 12);

        assertThat(older.racedActivations()).isEqualTo(65);
        assertThat(older.setUp()).isEqualTo(12);
        assertThat(newer.racedActivations() + newer.denied() + newer.failed()).isEqualTo(newer.requests());
        assertThat(newer.setUp()).isEqualTo(12);
    }

    @Test
    void theEvidenceSurvivesAJsonRoundTrip() throws IOException {
        ReliabilityEvidence evidence = sample();

        assertThat(JSON.readValue(JSON.writeValueAsString(evidence), ReliabilityEvidence.class)).isEqualTo(evidence);
    }

    static ReliabilityEvidence sample() {
        BackendTermination.Point clean = new BackendTermination.Point("activated", 1, "LOCK_USER_AND_DEVICE", true, "08006",
                false, true, "tokens 0, device rows 0, device trials 0, flags 0");
        BackendTermination.Point partial = new BackendTermination.Point("activated", 8, "INSERT_TOKEN", true, "08006",
                true, false, "tokens 0, device rows 1, device trials 1, flags 0");
        List<BackendTermination.Point> naivePoints = new java.util.ArrayList<>(java.util.Collections.nCopies(7, clean));
        naivePoints.add(partial);
        naivePoints.add(partial);
        return new ReliabilityEvidence(
                List.of(new BackendTermination.Result("naive", 9, 9, 2, 7, naivePoints),
                        new BackendTermination.Result("batched", 2, 2, 0, 2, List.of(clean, clean))),
                new PoolExhaustion.Result(250, 5250, 251, "failed", 503, "1", 260),
                List.of(new TimeoutEnforcement.Case("lock_timeout", 300, "55P03", "55P03", true, 305, 5300, 0),
                        new TimeoutEnforcement.Case("statement_timeout", 300, "57014", "57014", true, 302, 5300, 0)),
                new LockConflicts.Result(1, 1, 2, 2, 0, 5),
                new DatabaseOutage.Result(null, 50, Map.of(201, 14, 503, 36), Map.of(503, 12), 1000, 6000, 1413, 6.3, 150, 2100, 5.0,
                        14, 0, 14, 0),
                List.of(new ConcurrencyComparison.Cell("naive", "before", 14, 14, 0, 0, new InvariantReport(4, 4, 6, 0, 0), 3),
                        new ConcurrencyComparison.Cell("batched", "before", 14, 10, 4, 0, InvariantReport.CLEAN, 3)),
                null, null, null, 21.5, null);
    }
}
