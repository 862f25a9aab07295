package dev.trialbench.bench.jmh;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH's output for a person: JMH's whole text output (every iteration, every fork's messages, stack
 * traces) goes to a log file through {@code full}, and the terminal gets one line per benchmark when
 * it is done: its place in the run, its name and parameters (the schema label aside), and its p50,
 * or "failed" and where the log is. Not thread-safe; JMH calls it from one thread.
 */
final class BenchmarkLines implements OutputFormat {

    private static final Pattern PROGRESS = Pattern.compile("# Run progress: ([0-9.]+)% complete");

    private final OutputFormat full;
    private final PrintStream terminal;
    private final String label;
    private final String logName;
    private int started;
    private String progress = "";
    private String current = "";

    BenchmarkLines(OutputFormat full, PrintStream terminal, String label, String logName) {
        this.full = full;
        this.terminal = terminal;
        this.label = label;
        this.logName = logName;
    }

    /** {@code ActivationBenchmark.batched rtt=5ms}: the class's simple name, the method, the params but the schema. */
    static String name(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        int method = benchmark.lastIndexOf('.');
        int type = method <= 0 ? -1 : benchmark.lastIndexOf('.', method - 1);
        StringBuilder name = new StringBuilder(benchmark.substring(type + 1));
        for (String key : params.getParamsKeys()) {
            if (!key.equals("schema")) {
                name.append(' ').append(key).append('=').append(params.getParam(key));
            }
        }
        return name.toString();
    }

    @Override
    public void startBenchmark(BenchmarkParams params) {
        started++;
        current = name(params);
        full.startBenchmark(params);
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        full.endBenchmark(result);
        String p50;
        if (result == null || result.getPrimaryResult() == null
                || result.getPrimaryResult().getStatistics().getN() == 0) {
            p50 = "failed (see " + logName + ")";
        } else {
            double value = result.getPrimaryResult().getStatistics().getPercentile(50);
            String unit = result.getPrimaryResult().getScoreUnit();
            p50 = unit.startsWith("us") ? String.format(Locale.ROOT, "p50 %.3f ms", value / 1000)
                    : String.format(Locale.ROOT, "p50 %.3f %s", value, unit);
        }
        terminal.printf("   JMH %s #%d%s %s: %s%n", label, started, progress, current, p50);
    }

    @Override
    public void println(String line) {
        Matcher matcher = PROGRESS.matcher(line == null ? "" : line);
        if (matcher.find()) {
            progress = " (" + Math.round(Double.parseDouble(matcher.group(1))) + "% of the run before it)";
        }
        full.println(line);
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        full.iteration(benchParams, params, iteration);
    }

    @Override
    public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration,
                                IterationResult data) {
        full.iterationResult(benchParams, params, iteration, data);
    }

    @Override
    public void startRun() {
        full.startRun();
    }

    @Override
    public void endRun(Collection<RunResult> result) {
        full.endRun(result);
    }

    @Override
    public void print(String s) {
        full.print(s);
    }

    @Override
    public void flush() {
        full.flush();
        terminal.flush();
    }

    @Override
    public void close() {
        full.close();
    }

    @Override
    public void verbosePrintln(String s) {
        full.verbosePrintln(s);
    }

    @Override
    public void write(int b) {
        full.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        full.write(b);
    }
}
