package dev.trialbench.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

class BenchmarkLinesTest {

    @Test
    void everyLineOfJmhGoesToTheLogAndNoneToTheTerminalUntilABenchmarkEnds() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        OutputFormat full = OutputFormatFactory.createFormatInstance(new PrintStream(log, true, StandardCharsets.UTF_8),
                VerboseMode.NORMAL);
        BenchmarkLines lines = new BenchmarkLines(full, new PrintStream(terminal, true, StandardCharsets.UTF_8), "before",
                "jmh-before.log");

        lines.println("# Run progress: 25.00% complete, ETA 00:01:00");
        lines.println("# Warmup Iteration   1: 1.2 us/op");
        lines.endBenchmark(null);

        assertThat(log.toString(StandardCharsets.UTF_8)).contains("# Run progress: 25.00% complete")
                .contains("# Warmup Iteration");
        assertThat(terminal.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "   JMH before #0 (25% of the run before it) : failed (see jmh-before.log)");
    }

    @Test
    void theLogSitsNextToTheJsonResults() {
        assertThat(JmhRunner.logOf(Path.of("run", "jmh-after-rtt.json"))).isEqualTo(Path.of("run", "jmh-after-rtt.log"));
    }
}
