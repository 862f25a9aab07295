package dev.trialbench.bench.runfolder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.trialbench.bench.runfolder.LoadEvidence.Invariants;
import dev.trialbench.bench.runfolder.LoadEvidence.Kpi;
import dev.trialbench.bench.runfolder.LoadEvidence.MigrationUnderLoad;
import dev.trialbench.bench.runfolder.LoadEvidence.PgbenchComparison;
import dev.trialbench.bench.runfolder.LoadEvidence.PoolWait;
import dev.trialbench.bench.runfolder.LoadEvidence.Run;
import dev.trialbench.bench.runfolder.LoadEvidence.Stage;
import dev.trialbench.loadtest.measure.LoadHistograms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Load runs planted for the report and gate tests: a {@code load.json} written by Jackson from a
 * {@link LoadEvidence} built here (as the pipeline writes it) and one {@code load/<label>.hlog} per run,
 * written by loadtest's {@link LoadHistograms} from tagged one-second interval histograms whose values
 * are known. Every request of an interval takes the same time, so a planted latency is every
 * percentile of that interval. Warm-up requests take {@value #WARMUP_MILLIS} ms, so that a report
 * counting them shows it. Not thread-safe.
 */
public final class LoadFixture {

    /** Epoch ms where the first planted run starts. */
    public static final long START = 1_795_609_400_000L;
    public static final Stage WARMUP = new Stage(10, 2);
    public static final Invariants CLEAN = new Invariants(100, 5, 0, 0, 0, 0, 0);
    static final double WARMUP_MILLIS = 900;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final List<PlantedRun> runs = new ArrayList<>();
    private MigrationUnderLoad migration;
    private PgbenchComparison pgbench;

    /** Adds a run that starts 100 s after the previous one. */
    public PlantedRun run(String label, String kind, String implementation, String schema, Stage... stages) {
        PlantedRun run = new PlantedRun(label, kind, implementation, schema, START + runs.size() * 100_000L, List.of(stages));
        runs.add(run);
        return run;
    }

    public LoadFixture migration(MigrationUnderLoad value) {
        migration = value;
        return this;
    }

    public LoadFixture pgbench(PgbenchComparison value) {
        pgbench = value;
        return this;
    }

    /** Writes {@code load.json} and {@code load/<label>.hlog} of every run into the run folder. */
    public void write(Path folder) {
        List<Run> written = new ArrayList<>();
        for (PlantedRun run : runs) {
            String hlog = "load/" + run.label + ".hlog";
            new LoadHistograms(run.intervals).write(folder.resolve(hlog));
            written.add(run.toRun(hlog));
        }
        try {
            JSON.writeValue(folder.resolve(LoadEvidence.FILE).toFile(),
                    new LoadEvidence(null, Kpi.REPORT, written, migration, pgbench,
                            dev.trialbench.loadtest.measure.IntendedSchedule.RULE, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One planted run: its entry in load.json and the intervals of its histogram. */
    public static final class PlantedRun {
        private final String label;
        private final String kind;
        private final String implementation;
        private final String schema;
        private final long startedEpochMs;
        private final List<Stage> stages;
        private final List<LoadHistograms.Interval> intervals = new ArrayList<>();
        private final Map<String, Map<String, Long>> statuses = new TreeMap<>();
        private final List<Map<String, Map<String, Long>>> stageStatuses = new ArrayList<>();
        private int poolSize = 10;
        private PoolWait poolWait = new PoolWait(100, 0, 0.01, 1.5, 3, 4, 0.1, 0.3);
        private Invariants invariants = CLEAN;

        private PlantedRun(String label, String kind, String implementation, String schema, long startedEpochMs,
                           List<Stage> stages) {
            this.label = label;
            this.kind = kind;
            this.implementation = implementation;
            this.schema = schema;
            this.startedEpochMs = startedEpochMs;
            this.stages = stages;
            stages.forEach(stage -> stageStatuses.add(new TreeMap<>()));
        }

        /**
         * Every request of {@code type} in measured stage {@code i} takes {@code millisPerStage[i]}: one
         * interval per second with as many requests as the stage's rate, answered 200 (listing) or 201.
         * The warm-up's requests take {@value #WARMUP_MILLIS} ms.
         */
        public PlantedRun latency(String type, double... millisPerStage) {
            String answer = type.equals("listing") ? "200" : "201";
            for (int second = 0; second < WARMUP.seconds(); second++) {
                interval(type + "@warmup", startedEpochMs + second * 1000L, WARMUP_MILLIS, (int) WARMUP.ratePerSecond());
            }
            long stageStart = startedEpochMs + WARMUP.seconds() * 1000L;
            for (int i = 0; i < stages.size(); i++) {
                Stage stage = stages.get(i);
                for (int second = 0; second < stage.seconds(); second++) {
                    interval(type + "@" + (i + 1), stageStart + second * 1000L, millisPerStage[i], (int) stage.ratePerSecond());
                }
                status(type, i + 1, answer, (long) stage.ratePerSecond() * stage.seconds());
                stageStart += stage.seconds() * 1000L;
            }
            return this;
        }

        /** One one-second interval of {@code count} requests of {@code millis} each. */
        public PlantedRun interval(String tag, long startEpochMs, double millis, int count) {
            Histogram histogram = new Histogram(TimeUnit.HOURS.toNanos(1), 3);
            histogram.recordValueWithCount(Math.round(millis * 1_000_000), count);
            histogram.setTag(tag);
            histogram.setStartTimeStamp(startEpochMs);
            histogram.setEndTimeStamp(startEpochMs + 1000);
            intervals.add(new LoadHistograms.Interval(tag, startEpochMs, startEpochMs + 1000, histogram));
            return this;
        }

        /** Adds {@code count} responses of {@code status} to a measured stage (1-based) and to the run's total. */
        public PlantedRun status(String type, int stage, String status, long count) {
            stageStatuses.get(stage - 1).computeIfAbsent(type, ignored -> new TreeMap<>()).merge(status, count, Long::sum);
            statuses.computeIfAbsent(type, ignored -> new TreeMap<>()).merge(status, count, Long::sum);
            return this;
        }

        /** Drops a request type from the run's status counts, as if load.json lacked it. */
        public PlantedRun withoutStatuses(String type) {
            statuses.remove(type);
            stageStatuses.forEach(stage -> stage.remove(type));
            return this;
        }

        /** Drops the per-stage status counts, as if load.json had none for this run's stages. */
        public PlantedRun withoutStageStatuses() {
            stageStatuses.clear();
            return this;
        }

        public PlantedRun pool(int size) {
            poolSize = size;
            return this;
        }

        public PlantedRun poolWait(long timeouts, Double utilizationP95) {
            poolWait = new PoolWait(100, timeouts, 0.01, 1.5, 3, 4, utilizationP95 == null ? null : utilizationP95 / 2,
                    utilizationP95);
            return this;
        }

        public PlantedRun invariants(Invariants value) {
            invariants = value;
            return this;
        }

        public long startedEpochMs() {
            return startedEpochMs;
        }

        /** Epoch ms where measured stage 1 starts. */
        public long measuredEpochMs() {
            return startedEpochMs + WARMUP.seconds() * 1000L;
        }

        private Run toRun(String hlog) {
            long seconds = WARMUP.seconds() + stages.stream().mapToLong(Stage::seconds).sum();
            Map<String, Map<String, Long>> copy = new LinkedHashMap<>(statuses);
            return new Run(label, kind, implementation, schema, poolSize, 2, WARMUP, stages, hlog, startedEpochMs,
                    startedEpochMs + seconds * 1000, copy, stageStatuses, true, List.of(), poolWait, invariants, null);
        }
    }
}
