package dev.trialbench.bench.runfolder;

import dev.trialbench.bench.runfolder.LoadEvidence.Run;
import dev.trialbench.bench.runfolder.LoadEvidence.Stage;
import dev.trialbench.loadtest.measure.LatencyStats;
import dev.trialbench.loadtest.measure.LoadHistograms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A run's load evidence ({@code load.json}) with each load run's merged histogram
 * ({@code load/<label>.hlog}), read once. Latencies are from each request's intended start. A run
 * folder without {@code load.json} (older runs, {@code --skip-load}) has none, and the report says so.
 * Immutable.
 */
public record LoadRuns(LoadEvidence evidence, Map<String, LoadHistograms> histograms) {

    /** Statuses that are answers, not failures: 200 listing, 201 activated, 403 denied by the fraud policy. */
    public static final Set<String> ANSWERED = Set.of("200", "201", "403");

    /** Count and percentiles in ms of one request type over a part of a run. */
    public record Latency(long count, double p50, double p95, double p99, double max) {
    }

    public static LoadRuns read(RunFolder run) {
        Optional<LoadEvidence> read = run.loadEvidence();
        if (read.isEmpty()) {
            return new LoadRuns(new LoadEvidence("this run has no " + LoadEvidence.FILE + " (made before the load runs"
                    + " existed, or with `--skip-load`)", LoadEvidence.Kpi.REPORT, List.of(), null, null, null, null), Map.of());
        }
        LoadEvidence evidence = read.get();
        Map<String, LoadHistograms> histograms = new LinkedHashMap<>();
        for (Run loadRun : evidence.runs()) {
            Path hlog = run.folder().resolve(loadRun.hlog());
            if (!Files.isRegularFile(hlog)) {
                throw new RunFolderException(loadRun.hlog(), "run folder " + run.folder() + " lacks " + loadRun.hlog()
                        + ", the histogram of load run " + loadRun.label() + "; re-run the pipeline.");
            }
            histograms.put(loadRun.label(), LoadHistograms.read(List.of(hlog)));
        }
        return new LoadRuns(evidence, histograms);
    }

    public boolean isEmpty() {
        return evidence.runs().isEmpty();
    }

    /**
     * Whether the latencies were recorded under the end-of-slot rule (a {@code load.json} without
     * {@code intendedStart}): Gatling starts each arrival at the start of its slot, so that rule
     * charged every arrival of a stage faster than the warm-up {@code 1/r(warm-up) - 1/r(stage)}
     * (per injector) on top of its latency. Such runs keep their figures, flagged, and the claims
     * that rest on latency under load are not judged from them.
     */
    public boolean endOfSlotRule() {
        return !isEmpty() && evidence.intendedStart() == null;
    }

    /**
     * For a run under the end-of-slot rule, what it overcharged at each offered rate faster than the
     * warm-up, in ms by offered rate (ascending); empty when no stage was faster than the warm-up.
     * Computed from the rates in {@code load.json}.
     */
    public SortedMap<Double, Double> endOfSlotOvercharge() {
        TreeMap<Double, Double> byRate = new TreeMap<>();
        for (Run run : evidence.runs()) {
            double warmup = run.warmup().ratePerSecond() / run.injectors();
            for (Stage stage : run.stages()) {
                double rate = stage.ratePerSecond() / run.injectors();
                if (rate > warmup) {
                    byRate.merge(stage.ratePerSecond(), 1000 / warmup - 1000 / rate, Math::max);
                }
            }
        }
        return Collections.unmodifiableSortedMap(byRate);
    }

    public List<Run> runs(String kind) {
        return evidence.runs().stream().filter(run -> run.kind().equals(kind)).toList();
    }

    public Optional<Run> run(String label) {
        return evidence.runs().stream().filter(run -> run.label().equals(label)).findFirst();
    }

    /** Request types a run recorded (the part of each histogram tag before {@code @}), sorted. */
    public List<String> types(Run run) {
        return histograms.get(run.label()).tags().stream().map(tag -> tag.substring(0, tag.indexOf('@') < 0
                ? tag.length() : tag.indexOf('@'))).distinct().sorted().toList();
    }

    /** All measured stages of a run (warm-up excluded). */
    public Optional<Latency> measured(Run run, String type) {
        return latency(histograms.get(run.label()).stats(LoadHistograms.measured(type)));
    }

    /** One measured stage, 1-based. */
    public Optional<Latency> stage(Run run, String type, int stage) {
        return latency(histograms.get(run.label()).stats(type + "@" + stage));
    }

    /** Requests of the measured stages in intervals whose midpoint lies within [from, to) (epoch ms). */
    public Optional<Latency> window(Run run, String type, long fromEpochMs, long toEpochMs) {
        return latency(LatencyStats.of(histograms.get(run.label()).merged(LoadHistograms.measured(type), fromEpochMs,
                toEpochMs)));
    }

    /** Latency of a request type at one moment of a run: {@code second} counts from the run's first interval. */
    public record Moment(double second, Latency latency) {
    }

    /**
     * A request type's latency over the measured stages, window by window of {@code windowMs} from the run's
     * first interval (warm-up included in the clock, not in the figures); windows without a request are left out.
     */
    public List<Moment> overTime(Run run, String type, long windowMs) {
        LoadHistograms histogram = histograms.get(run.label());
        long first = histogram.firstEpochMs();
        long last = histogram.lastEpochMs();
        List<Moment> moments = new java.util.ArrayList<>();
        for (long from = first; from < last; from += windowMs) {
            long to = from + windowMs;
            latency(LatencyStats.of(histogram.merged(LoadHistograms.measured(type), from, to)))
                    .ifPresent(value -> moments.add(new Moment((to - first) / 1000.0, value)));
        }
        return List.copyOf(moments);
    }

    private static Optional<Latency> latency(LatencyStats stats) {
        return stats.count() == 0 ? Optional.empty() : Optional.of(new Latency(stats.count(), stats.p50Millis(),
                stats.p95Millis(), stats.p99Millis(), stats.maxMillis()));
    }

    /** Seconds of the measured stages. */
    public static int measuredSeconds(Run run) {
        return run.stages().stream().mapToInt(Stage::seconds).sum();
    }

    /** Responses of a type over the measured stages, and the ones that were not answers (5xx, 4xx other than 403, none). */
    public static long[] answeredAndFailed(Run run, String type) {
        return answeredAndFailed(run.statuses().getOrDefault(type, Map.of()));
    }

    /** The same for one measured stage, 1-based; none when load.json has no statuses for that stage. */
    public static long[] answeredAndFailed(Run run, String type, int stage) {
        return stage < 1 || stage > run.stageStatuses().size() ? new long[] {0, 0}
                : answeredAndFailed(run.stageStatuses().get(stage - 1).getOrDefault(type, Map.of()));
    }

    private static long[] answeredAndFailed(Map<String, Long> statuses) {
        long total = statuses.values().stream().mapToLong(Long::longValue).sum();
        long failed = statuses.entrySet().stream().filter(entry -> !ANSWERED.contains(entry.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        return new long[] {total, failed};
    }
}
