package dev.trialbench.loadtest;

import dev.trialbench.loadtest.config.Kpi;
import dev.trialbench.loadtest.config.LoadSettings;
import dev.trialbench.loadtest.config.Stage;
import dev.trialbench.loadtest.endpoints.Endpoints;
import dev.trialbench.loadtest.measure.IntendedSchedule;
import dev.trialbench.loadtest.measure.LatencyLog;
import dev.trialbench.loadtest.measure.LatencyStats;
import dev.trialbench.loadtest.measure.LoadHistograms;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs a {@link LoadPlan} for the pipeline: forks {@code plan.injectors()} injector JVMs
 * ({@link InjectorMain}, this JVM's class path, the add-opens Gatling needs, a modest heap), each
 * sending its share of the rate at {@code plan.baseUri()}, waits for them (killing them past a
 * timeout of the run's length plus {@value #GRACE_SECONDS} s), merges their interval logs into
 * {@code <out>/<label>.hlog} and returns the numbers of the measured stages.
 *
 * <p>Files under the output folder (names depend on the label only, so a rerun overwrites):
 * {@code <label>.hlog} (merged), per injector {@code <label>-injector-<i>.hlog},
 * {@code -statuses.csv}, {@code -outcomes.csv} (userId,status per activation response) and
 * {@code .log} (the injector's console); Gatling's own {@code simulation.log} goes under
 * {@code gatling/}, and its HTML reports are not generated (they are large and read numbers the
 * hlogs hold better). Thread-safe (stateless; runs do not share files unless they share a label
 * and folder).
 */
public final class LoadRunner {

    /** JVM start, Gatling's start, and the drain of requests still in flight (Gatling's 60 s request timeout). */
    static final int GRACE_SECONDS = 120;
    /**
     * The add-opens Gatling needs and a modest heap; then flags that cut the injectors' own CPU, which
     * the service and the database share on a small machine (measured per load run, {@code load.json}'s
     * {@code cpu}): C1 only (an injector's run lasts seconds to a minute, too short for C2's compilations
     * to pay back the CPU they cost) and the serial collector (no parallel GC threads for a 384 MB heap).
     */
    static final List<String> JVM_FLAGS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
            "-Xmx384m",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC");
    private static final int OUTPUT_TAIL_LINES = 40;

    private LoadRunner() {
    }

    /** Raised when an injector could not run (not when its assertions failed: that is an outcome). */
    public static final class LoadRunException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LoadRunException(String message) {
            super(message);
        }
    }

    public static LoadOutcome run(LoadPlan plan, PrintStream out) {
        Path folder = plan.outputDirectory();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the load-test output folder " + folder + ": " + e.getMessage(), e);
        }
        long start = System.currentTimeMillis();
        List<Process> processes = new ArrayList<>();
        for (int injector = 0; injector < plan.injectors(); injector++) {
            processes.add(fork(plan, injector));
        }
        out.printf(Locale.ROOT, "load: %s, %s %s against %s, warm-up %s, stages %s, %d injector(s)%n", plan.label(),
                plan.scenario().label(), plan.implementation(), plan.baseUri(), plan.warmup(), plan.stages(), plan.injectors());
        List<Integer> codes = await(plan, processes);
        long end = System.currentTimeMillis();

        List<Path> logs = new ArrayList<>();
        for (int injector = 0; injector < plan.injectors(); injector++) {
            logs.add(folder.resolve(LatencyLog.injectorPrefix(plan.label(), injector) + ".hlog"));
        }
        LoadHistograms histograms = LoadHistograms.read(logs);
        Path merged = folder.resolve(plan.label() + ".hlog");
        histograms.write(merged);
        Map<String, Map<Integer, Long>> statuses = readStatuses(plan);
        Set<UUID> activated = new HashSet<>();
        Set<UUID> denied = new HashSet<>();
        readOutcomes(plan, activated, denied);

        Set<String> types = new java.util.TreeSet<>();
        statuses.keySet().forEach(tag -> types.add(tag.substring(0, tag.lastIndexOf('@'))));
        Map<String, RequestStats> requests = new TreeMap<>();
        for (String type : types) {
            requests.put(type, stats(type, LoadHistograms.measured(type), histograms, statuses, plan.measuredSeconds()));
        }
        List<StageStats> stages = new ArrayList<>();
        for (int index = 1; index <= plan.stages().size(); index++) {
            Stage stage = plan.stages().get(index - 1);
            String label = IntendedSchedule.stageLabel(index);
            Map<String, RequestStats> perType = new TreeMap<>();
            for (String type : types) {
                String tag = LatencyLog.tag(type, label);
                perType.put(type, stats(type, tag::equals, histograms, statuses, stage.seconds()));
            }
            stages.add(new StageStats(label, stage.ratePerSecond(), stage.seconds(), perType));
        }
        requests.forEach((type, stats) -> out.printf(Locale.ROOT,
                "load: %-18s %6d requests, %.1f/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (from intended start), statuses %s%n",
                type, stats.count(), stats.throughputPerSecond(), stats.p50Millis(), stats.p95Millis(), stats.p99Millis(),
                stats.maxMillis(), stats.statuses()));
        List<String> failures = kpiFailures(codes, requests, plan.kpi());
        out.printf(Locale.ROOT, "load: %s %s%n", plan.label(), failures.isEmpty() ? "kept the budget" : "missed the budget: " + failures);
        return new LoadOutcome(start, end, requests, stages, failures.isEmpty(), failures, codes, activated, denied, merged);
    }

    private static Process fork(LoadPlan plan, int injector) {
        LoadSettings settings = plan.settingsFor(injector);
        List<String> command = new ArrayList<>();
        command.add(javaCommand());
        command.addAll(JVM_FLAGS);
        settings.toSystemProperties().forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(InjectorMain.class.getName());
        command.add(plan.scenario().simulationClass());
        command.add(plan.outputDirectory().resolve("gatling").resolve(LatencyLog.injectorPrefix(plan.label(), injector))
                .toAbsolutePath().toString());
        command.add("--no-reports");
        try {
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(consoleFile(plan, injector).toFile())
                    .start();
        } catch (IOException e) {
            throw new LoadRunException("Could not start injector " + injector + " (" + command.get(0) + "): " + e.getMessage());
        }
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static Path consoleFile(LoadPlan plan, int injector) {
        return plan.outputDirectory().resolve(LatencyLog.injectorPrefix(plan.label(), injector) + ".log");
    }

    /** Waits for every injector; kills all on timeout; an exit other than 0 or 2 is an error with the output's tail. */
    private static List<Integer> await(LoadPlan plan, List<Process> processes) {
        int runSeconds = plan.warmup().seconds() + plan.measuredSeconds();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(runSeconds + GRACE_SECONDS);
        List<Integer> codes = new ArrayList<>();
        try {
            for (int injector = 0; injector < processes.size(); injector++) {
                Process process = processes.get(injector);
                long left = deadline - System.nanoTime();
                if (!process.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                    processes.forEach(Process::destroyForcibly);
                    throw new LoadRunException("Injector " + injector + " did not finish within " + (runSeconds + GRACE_SECONDS)
                            + " s (the run lasts " + runSeconds + " s); all injectors were killed. Its output ended with:\n"
                            + tail(consoleFile(plan, injector)));
                }
                int code = process.exitValue();
                if (code != 0 && code != 2) {
                    processes.forEach(Process::destroyForcibly);
                    throw new LoadRunException("Injector " + injector + " failed with exit code " + code
                            + " (0 = passed, 2 = assertions failed). Its output ended with:\n" + tail(consoleFile(plan, injector)));
                }
                codes.add(code);
            }
        } catch (InterruptedException e) {
            processes.forEach(Process::destroyForcibly);
            Thread.currentThread().interrupt();
            throw new LoadRunException("Interrupted while waiting for the injectors; they were killed");
        }
        return codes;
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - OUTPUT_TAIL_LINES), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static RequestStats stats(String type, Predicate<String> tags, LoadHistograms histograms,
                                      Map<String, Map<Integer, Long>> statuses, int seconds) {
        LatencyStats latency = histograms.stats(tags);
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((tag, perStatus) -> {
            if (tags.test(tag)) {
                perStatus.forEach((status, count) -> counts.merge(status, count, Long::sum));
            }
        });
        long failed = counts.entrySet().stream().filter(entry -> !Endpoints.ok(type, entry.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        return new RequestStats(latency.count(), counts, failed, latency.p50Millis(), latency.p95Millis(), latency.p99Millis(),
                latency.maxMillis(), seconds == 0 ? 0 : latency.count() / (double) seconds);
    }

    private static List<String> kpiFailures(List<Integer> codes, Map<String, RequestStats> requests, Kpi kpi) {
        List<String> failures = new ArrayList<>();
        for (int injector = 0; injector < codes.size(); injector++) {
            if (codes.get(injector) == 2) {
                failures.add("injector " + injector + ": Gatling's assertions failed (exit code 2)");
            }
        }
        requests.forEach((type, stats) -> {
            if (stats.p95Millis() >= kpi.p95Millis()) {
                failures.add(String.format(Locale.ROOT, "%s: p95 from intended start %.1f ms, budget %.1f ms",
                        type, stats.p95Millis(), kpi.p95Millis()));
            }
            if (stats.failedPercent() >= kpi.failedPercent() && stats.failed() > 0) {
                failures.add(String.format(Locale.ROOT, "%s: %.2f %% failed, budget %.2f %%", type, stats.failedPercent(),
                        kpi.failedPercent()));
            }
        });
        return failures;
    }

    private static Map<String, Map<Integer, Long>> readStatuses(LoadPlan plan) {
        Map<String, Map<Integer, Long>> statuses = new TreeMap<>();
        for (int injector = 0; injector < plan.injectors(); injector++) {
            for (String[] row : csv(plan, injector, "-statuses.csv")) {
                statuses.computeIfAbsent(row[0], ignored -> new TreeMap<>())
                        .merge(Integer.parseInt(row[1]), Long.parseLong(row[2]), Long::sum);
            }
        }
        return statuses;
    }

    private static void readOutcomes(LoadPlan plan, Set<UUID> activated, Set<UUID> denied) {
        for (int injector = 0; injector < plan.injectors(); injector++) {
            for (String[] row : csv(plan, injector, "-outcomes.csv")) {
                switch (Integer.parseInt(row[1])) {
                    case 201 -> activated.add(UUID.fromString(row[0]));
                    case 403 -> denied.add(UUID.fromString(row[0]));
                    default -> { }
                }
            }
        }
    }

    /** The rows of one injector's CSV file, header skipped. */
    private static List<String[]> csv(LoadPlan plan, int injector, String suffix) {
        Path file = plan.outputDirectory().resolve(LatencyLog.injectorPrefix(plan.label(), injector) + suffix);
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.stream().skip(1).filter(line -> !line.isBlank()).map(line -> line.split(",")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Injector " + injector + " left no " + file + " (" + e.getMessage() + ")", e);
        }
    }
}
