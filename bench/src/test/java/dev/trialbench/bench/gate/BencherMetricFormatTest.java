package dev.trialbench.bench.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trialbench.bench.cli.TrialbenchCommand;
import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.CellResult;
import dev.trialbench.bench.runfolder.RunFolder;
import dev.trialbench.bench.testing.TerminalCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trialbench export bmf}: the documented Bencher Metric Format, an object of benchmarks, each an
 * object of measures, each an object with a numeric {@code value} and optional numeric
 * {@code lower_value} and {@code upper_value} (bencher.dev/docs/reference/bencher-metric-format).
 */
class BencherMetricFormatTest {

    @TempDir
    Path temp;

    /** Keeps the command's output off the build log. */
    @RegisterExtension
    final TerminalCapture terminal = new TerminalCapture();

    @Test
    void writesEveryCellInTheDocumentedShape() throws Exception {
        Path run = GateFixture.run(temp, "run");
        Path file = temp.resolve("bmf.json");

        int exit = TrialbenchCommand.execute("export", "bmf", run.toString(), "--out", file.toString());

        assertThat(exit).isEqualTo(0);
        JsonNode root = new ObjectMapper().readTree(Files.readString(file));
        List<String> benchmarks = new ArrayList<>();
        root.fieldNames().forEachRemaining(benchmarks::add);
        assertThat(benchmarks).containsExactlyInAnyOrderElementsOf(
                CellKey.EXPECTED.stream().map(key -> key.operation() + "@" + key.schema()).toList());
        root.fields().forEachRemaining(benchmark -> benchmark.getValue().fields().forEachRemaining(measure -> {
            JsonNode metric = measure.getValue();
            assertThat(metric.get("value").isNumber()).as(benchmark.getKey() + " " + measure.getKey()).isTrue();
            metric.fieldNames().forEachRemaining(name ->
                    assertThat(name).isIn("value", "lower_value", "upper_value"));
            metric.fields().forEachRemaining(value -> assertThat(value.getValue().isNumber()).isTrue());
        }));
    }

    @Test
    void latencyIsTheMedianInNanosecondsBetweenTheForksMedians() {
        RunFolder run = RunFolder.read(GateFixture.run(temp, "run"));
        CellResult cell = run.cells().stream()
                .filter(result -> result.key().equals(CellKey.of(CellKey.FRAUD_CHECK, CellKey.NAIVE, CellKey.BEFORE)))
                .findFirst().orElseThrow();

        Map<String, Map<String, Double>> measures = BencherMetricFormat.of(run).get("FraudCheckBenchmark.naive@before");

        Map<String, Double> latency = measures.get(BencherMetricFormat.LATENCY);
        assertThat(latency.get("value")).isCloseTo(cell.p50Millis() * 1e6, org.assertj.core.data.Offset.offset(0.01));
        assertThat(latency.get("lower_value")).isLessThanOrEqualTo(latency.get("upper_value"));
        assertThat(latency.get("lower_value")).isGreaterThan(3_000_000.0).isLessThan(5_000_000.0);
        assertThat(measures.get(BencherMetricFormat.ROUND_TRIPS)).isEqualTo(Map.of("value", 6.0));
    }
}
