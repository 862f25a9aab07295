package dev.trialbench.bench.jmh;

import dev.trialbench.bench.profile.RoundTrip;
import dev.trialbench.bench.profile.RunProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks of this package for one schema state through JMH's Runner API, with JMH's
 * own terminal output (a "# Run progress" line per benchmark, then its iterations) and its JSON
 * results ({@code primaryMetric.scorePercentiles}) written to a file.
 *
 * <p>Each fork is a fresh JVM started with the parent's class path ({@code java.class.path}: the
 * shaded {@code trialbench.jar} when run from it), so it finds the benchmarks through the jar's
 * {@code META-INF/BenchmarkList}; it learns where the database is from the target file named by
 * {@code -Dtrialbench.target}. Stateless; thread-safe, but JMH runs one benchmark at a time anyway.
 *
 * <p>By hand (the database migrated to the state named and seeded as the target file says):
 * <pre>
 * java -cp bench/target/trialbench.jar dev.trialbench.bench.jmh.JmhRunner quick before target.properties jmh-before.json
 * </pre>
 */
public final class JmhRunner {

    /** Every benchmark class, in the order they run (the order of {@link Cell}). */
    public static final List<Class<? extends WorkloadBenchmark>> BENCHMARKS = benchmarkClasses();
    /** The heap of every fork: fixed, so that heap resizing is not measured. */
    static final List<String> FORK_JVM_ARGS = List.of("-Xms1g", "-Xmx1g");
    private static final Pattern SCHEMA_LABEL = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    private JmhRunner() {
    }

    /**
     * Runs every benchmark for as long as {@code jmh} says, labelled {@code schemaLabel}; JMH's JSON goes to
     * {@code jsonOut}. Fails (RunnerException) if any benchmark fails.
     */
    public static Collection<RunResult> run(RunProfile.Jmh jmh, String schemaLabel, Path targetFile, Path jsonOut)
            throws RunnerException {
        return run(options(jmh, schemaLabel, targetFile, jsonOut, BENCHMARKS).build(), logOf(jsonOut), schemaLabel);
    }

    /** Secondary metric of the RTT sweep's cells: the round trips their operations delayed ({@link DelayedTrips}). */
    public static final String DELAYED_TRIPS = "rttDelayedTrips";
    /** Secondary metric of the RTT sweep's cells: the time those trips waited, in nanoseconds. */
    public static final String WAITED_NANOS = "rttWaitedNanos";

    /** The benchmarks whose latency depends on the number of round trips: the ones the RTT sweep runs. */
    public static final List<Class<? extends WorkloadBenchmark>> RTT_BENCHMARKS =
            List.of(FraudCheckBenchmark.class, ActivationBenchmark.class);

    /**
     * Runs the fraud check and the activation again with each injected round-trip time of
     * {@code roundTrips} (e.g. {@code 1ms}, {@code 5ms}, {@code 20ms}): where naive and batched part.
     * Each one's label is the benchmark's {@code rtt} parameter.
     */
    public static Collection<RunResult> runRttSweep(RunProfile.Jmh jmh, String schemaLabel, Path targetFile, Path jsonOut,
                                                    List<RoundTrip> roundTrips) throws RunnerException {
        if (roundTrips.isEmpty()) {
            throw new IllegalArgumentException("The RTT sweep needs at least one round-trip time (flag --rtt)");
        }
        return run(options(jmh, schemaLabel, targetFile, jsonOut, RTT_BENCHMARKS)
                .param("rtt", RoundTrip.labels(roundTrips).toArray(String[]::new))
                .build(), logOf(jsonOut), schemaLabel + " round trips");
    }

    /**
     * Runs only the benchmark methods named ({@code RoundTripBenchmark.selectOne}: simple class name
     * and method) against the database of {@code targetFile}, e.g. the pooler section's cells through
     * pgBouncer and beside them the same cells direct; the log goes next to {@code jsonOut}.
     */
    public static Collection<RunResult> runSelected(RunProfile.Jmh jmh, String schemaLabel, Path targetFile, Path jsonOut,
                                                    List<String> methods, String label) throws RunnerException {
        ChainedOptionsBuilder builder = options(jmh, schemaLabel, targetFile, jsonOut, List.of());
        for (String method : methods) {
            builder.include("^" + Pattern.quote(JmhRunner.class.getPackageName() + "." + method) + "$");
        }
        return run(builder.build(), logOf(jsonOut), label);
    }

    /** Runs JMH with options from {@link #options} (possibly narrowed, e.g. by a test). */
    static Collection<RunResult> run(Options options) throws RunnerException {
        JmhLock.awaitFree(System.out);
        return new Runner(options).run();
    }

    /** The log next to the JSON results: {@code jmh-before.json} logs to {@code jmh-before.log}. */
    static Path logOf(Path jsonOut) {
        String name = jsonOut.getFileName().toString();
        return jsonOut.resolveSibling((name.endsWith(".json") ? name.substring(0, name.length() - 5) : name) + ".log");
    }

    /**
     * Runs JMH with JMH's whole output in {@code log} and one line per benchmark on the terminal
     * ({@link BenchmarkLines}); a failure names the log.
     */
    static Collection<RunResult> run(Options options, Path log, String label) throws RunnerException {
        JmhLock.awaitFree(System.out);
        try (java.io.PrintStream file = new java.io.PrintStream(Files.newOutputStream(log), true,
                java.nio.charset.StandardCharsets.UTF_8)) {
            BenchmarkLines lines = new BenchmarkLines(org.openjdk.jmh.runner.format.OutputFormatFactory.createFormatInstance(
                    file, org.openjdk.jmh.runner.options.VerboseMode.NORMAL), System.out, label, log.getFileName().toString());
            try {
                return new Runner(options, lines).run();
            } catch (RunnerException e) {
                throw new RunnerException(e.getMessage() + " (JMH's output: " + log + ")", e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write JMH's log " + log, e);
        }
    }

    /** The options of {@link #run}, for the given benchmark classes; callers may override before building. */
    static ChainedOptionsBuilder options(RunProfile.Jmh jmh, String schemaLabel, Path targetFile, Path jsonOut,
                                         List<Class<? extends WorkloadBenchmark>> benchmarks) {
        checkSchemaLabel(schemaLabel);
        Path target = targetFile.toAbsolutePath();
        if (!Files.isReadable(target)) {
            throw new IllegalArgumentException("The benchmark target file " + target + " does not exist or cannot be"
                    + " read; write it first with BenchTarget.write.");
        }
        Path json = jsonOut.toAbsolutePath();
        try {
            Files.createDirectories(json.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the folder of " + json, e);
        }
        List<String> jvmArgs = new ArrayList<>();
        jvmArgs.add("-D" + BenchTarget.PROPERTY + "=" + target);
        jvmArgs.addAll(FORK_JVM_ARGS);
        ChainedOptionsBuilder builder = new OptionsBuilder();
        for (Class<?> benchmark : benchmarks) {
            builder.include("^" + Pattern.quote(benchmark.getName()) + "\\.");
        }
        return builder
                .param("schema", schemaLabel)
                .mode(Mode.SampleTime)
                .timeUnit(TimeUnit.MICROSECONDS)
                .threads(1)
                .forks(jmh.forks())
                .warmupIterations(jmh.warmupIterations())
                .warmupTime(TimeValue.milliseconds(jmh.warmupTime().toMillis()))
                .measurementIterations(jmh.measurementIterations())
                .measurementTime(TimeValue.milliseconds(jmh.measurementTime().toMillis()))
                .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString())
                .shouldFailOnError(true);
    }

    /** A schema label is a short lowercase word ({@code before}, {@code after}): it names files and JSON params. */
    static void checkSchemaLabel(String schemaLabel) {
        if (schemaLabel == null || !SCHEMA_LABEL.matcher(schemaLabel).matches()) {
            throw new IllegalArgumentException("The schema label must be a short lowercase word such as before or"
                    + " after, was '" + schemaLabel + "'");
        }
    }

    /** {@code JmhRunner <quick|full> <schema label> <target file> <json out>}. */
    public static void main(String[] args) throws RunnerException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: JmhRunner <quick|full> <before|after> <target.properties>"
                    + " <results.json>");
        }
        RunProfile profile = RunProfile.parse(args[0]);
        System.out.println("trialbench JMH, profile " + profile.name() + ": " + profile.jmh().describe());
        long started = System.nanoTime();
        Collection<RunResult> results = run(profile.jmh(), args[1], Path.of(args[2]), Path.of(args[3]));
        System.out.printf("trialbench JMH: %d benchmarks in %.1f s, results in %s%n", results.size(),
                (System.nanoTime() - started) / 1e9, Path.of(args[3]).toAbsolutePath());
    }

    private static List<Class<? extends WorkloadBenchmark>> benchmarkClasses() {
        Set<Class<? extends WorkloadBenchmark>> classes = new LinkedHashSet<>();
        for (Cell cell : Cell.values()) {
            classes.add(cell.benchmarkClass());
        }
        return List.copyOf(classes);
    }
}
