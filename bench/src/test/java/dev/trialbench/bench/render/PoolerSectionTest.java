package dev.trialbench.bench.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.trialbench.bench.runfolder.Fixture;
import dev.trialbench.bench.runfolder.PoolerEvidence;
import dev.trialbench.pooler.PoolerCorrectness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pgBouncer section and its claim row, rendered from a planted {@code pgbouncer.json}: the
 * probes' SQLStates, the latency added with its range, the load's connections, the verdict with the
 * conditions the report does not state; byte-identical when regenerated; a skipped section says why.
 */
class PoolerSectionTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @TempDir
    Path temp;

    static PoolerEvidence sample() {
        PoolerCorrectness.Findings findings = new PoolerCorrectness.Findings("PgBouncer 1.18.0", "30s",
                new PoolerCorrectness.Outcome(false, "08P01", "FATAL: unsupported startup parameter: options", null),
                new PoolerCorrectness.Outcome(true, null, null, "0"), new PoolerCorrectness.Outcome(true, null, null, "30s"),
                new PoolerCorrectness.Outcome(false, "42P05", "ERROR: prepared statement \"S_1\" already exists", null),
                new PoolerCorrectness.Outcome(true, null, null, "48 executions"),
                new PoolerCorrectness.Outcome(true, null, null, "4321ms"), "4321ms");
        return new PoolerEvidence(null, "PgBouncer 1.18.0", List.of("pool_mode = transaction", "default_pool_size = 10"),
                findings, List.of(new PoolerEvidence.Latency("RoundTripBenchmark.selectOne", List.of(40.0, 44.0),
                        List.of(95.0, 101.0), 42, 98, 60, 130)), null,
                new PoolerEvidence.Load(4, 10, 10, 3,
                        new PoolerEvidence.Side(3000, 0, Map.of(), 1000, 30, 60, 90, 40),
                        new PoolerEvidence.Side(2700, 0, Map.of(), 900, 35, 70, 110, 10)),
                "closed loop, max_connections not lowered");
    }

    @Test
    void theFiguresTheConditionsAndTheVerdictComeFromTheFileAndRegenerateByteForByte() throws IOException {
        Path folder = Fixture.copy(temp);
        Files.writeString(folder.resolve(PoolerEvidence.FILE), JSON.writeValueAsString(sample()));

        Reports.write(folder);
        byte[] first = Files.readAllBytes(folder.resolve(Reports.MARKDOWN));
        Reports.write(folder);
        String markdown = Files.readString(folder.resolve(Reports.MARKDOWN));

        assertThat(markdown.getBytes(StandardCharsets.UTF_8)).isEqualTo(first);
        assertThat(markdown)
                .contains("## pgBouncer (transaction pooling) against direct connections")
                .contains("fails: 08P01 `FATAL: unsupported startup parameter: options`")
                .contains("fails: 42P05 `ERROR: prepared statement \"S_1\" already exists`")
                .contains("| `RoundTripBenchmark.selectOne` | 0.042 ms | 0.098 ms | 0.056 ms [0.051 ms, 0.061 ms] |")
                .contains("| direct | 3,000 | 1000 | 30.0 ms | 60.0 ms | 90.0 ms | 0 | 40 |")
                .contains("| through pgBouncer | 2,700 | 900 | 35.0 ms | 70.0 ms | 110 ms | 0 | 10 |")
                .contains("\"Consider pgBouncer for production\"")
                .contains("**HOLDS ONLY IF** the clients turn pgjdbc's server-side prepared statements off (prepareThreshold=0");
        assertThat(markdown).contains("into pgBouncer's connect_query (ignoring the options instead leaves"
                + " statement_timeout at 0)");
    }

    @Test
    void aSkippedSectionSaysWhyAndTheClaimIsNotJudged() throws IOException {
        Path folder = Fixture.copy(temp);
        Files.writeString(folder.resolve(PoolerEvidence.FILE), JSON.writeValueAsString(
                PoolerEvidence.skipped("pgbouncer is not installed on this host (Debian: apt-get install pgbouncer)")));

        Reports.write(folder);

        assertThat(Files.readString(folder.resolve(Reports.MARKDOWN)))
                .contains("Skipped: pgbouncer is not installed on this host (Debian: apt-get install pgbouncer).")
                .contains("the pooler section was skipped: pgbouncer is not installed");
    }

    @Test
    void theEvidenceSurvivesAJsonRoundTrip() throws IOException {
        PoolerEvidence evidence = sample();
        Path file = temp.resolve(PoolerEvidence.FILE);
        Files.writeString(file, JSON.writeValueAsString(evidence));

        assertThat(PoolerEvidence.read(temp)).contains(evidence);
    }
}
