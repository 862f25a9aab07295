package dev.trialbench.loadtest.measure;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

/**
 * What one injector writes: a latency {@link Recorder} per tag ({@code type@stage}, e.g.
 * {@code activate-batched@1}, {@code listing@warmup}), flushed about every second into an
 * HdrHistogram interval log with absolute epoch timestamps; a count of response statuses per tag
 * (0 = no response: connection error or timeout); and one {@code userId,status} line per activation
 * response (user ids only: never fingerprints, IPs or bodies). Values are nanoseconds from the
 * intended start (see {@link IntendedSchedule}), as HdrHistogram's log tools expect.
 *
 * <p>Files, named for the label and injector index:
 * {@code <label>-injector-<i>.hlog}, {@code <label>-injector-<i>-statuses.csv},
 * {@code <label>-injector-<i>-outcomes.csv}. Thread-safe: record from any thread; {@link #close()} once.
 */
public final class LatencyLog implements AutoCloseable {

    /** Latencies above one hour are clamped (the request timeout is far below). */
    static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.HOURS.toNanos(1);
    static final int SIGNIFICANT_DIGITS = 3;

    private final Path hlogFile;
    private final Path statusesFile;
    private final HistogramLogWriter logWriter;
    private final BufferedWriter outcomes;
    private final ConcurrentMap<String, Recorder> recorders = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ConcurrentMap<Integer, LongAdder>> statuses = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;
    private boolean closed;

    private LatencyLog(Path hlogFile, Path statusesFile, Path outcomesFile) throws IOException {
        this.hlogFile = hlogFile;
        this.statusesFile = statusesFile;
        this.logWriter = new HistogramLogWriter(hlogFile.toFile());
        this.outcomes = Files.newBufferedWriter(outcomesFile, StandardCharsets.UTF_8);
        outcomes.write("userId,status\n");
        long now = System.currentTimeMillis();
        logWriter.outputComment("trialbench load test: nanoseconds from each request's intended start, tag = type@stage");
        logWriter.outputLogFormatVersion();
        logWriter.outputStartTime(now);
        logWriter.outputLegend();
        this.flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "trialbench-hlog-flush");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleAtFixedRate(this::flush, 1, 1, TimeUnit.SECONDS);
    }

    /** Opens the three files of injector {@code injector} under {@code folder} (created if needed). */
    public static LatencyLog open(Path folder, String label, int injector) {
        try {
            Files.createDirectories(folder);
            String prefix = injectorPrefix(label, injector);
            return new LatencyLog(folder.resolve(prefix + ".hlog"), folder.resolve(prefix + "-statuses.csv"),
                    folder.resolve(prefix + "-outcomes.csv"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the load-test output under " + folder + ": " + e.getMessage(), e);
        }
    }

    /** {@code <label>-injector-<i>}: the prefix of one injector's files. */
    public static String injectorPrefix(String label, int injector) {
        return label + "-injector-" + injector;
    }

    public Path hlogFile() {
        return hlogFile;
    }

    /** {@code type@stage}. */
    public static String tag(String type, String stageLabel) {
        return type + "@" + stageLabel;
    }

    /** Records one completed request (status 0 when no response came). */
    public void record(String tag, long latencyNanos, int status) {
        recorders.computeIfAbsent(tag, ignored -> new Recorder(HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS))
                .recordValue(Math.max(0, Math.min(latencyNanos, HIGHEST_TRACKABLE_NANOS)));
        statuses.computeIfAbsent(tag, ignored -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, ignored -> new LongAdder()).increment();
    }

    /** One activation response: the user it was for and the status (0 = no response). */
    public synchronized void recordActivation(UUID userId, int status) {
        try {
            outcomes.write(userId + "," + status + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Status counts per tag so far, sorted. */
    public Map<String, Map<Integer, Long>> statuses() {
        Map<String, Map<Integer, Long>> copy = new TreeMap<>();
        statuses.forEach((tag, counts) -> {
            Map<Integer, Long> sorted = new TreeMap<>();
            counts.forEach((status, count) -> sorted.put(status, count.sum()));
            copy.put(tag, sorted);
        });
        return copy;
    }

    /** Writes one interval histogram per tag that saw requests since the last flush. */
    private synchronized void flush() {
        if (closed) {
            return;
        }
        for (String tag : new TreeMap<>(recorders).keySet()) {
            Histogram interval = recorders.get(tag).getIntervalHistogram();
            if (interval.getTotalCount() > 0) {
                interval.setTag(tag);
                logWriter.outputIntervalHistogram(interval);
            }
        }
    }

    /** Flushes the last interval, writes the status counts and closes the files. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        flusher.shutdownNow();
        flush();
        closed = true;
        logWriter.close();
        try {
            outcomes.close();
            StringBuilder csv = new StringBuilder("tag,status,count\n");
            statuses().forEach((tag, counts) -> counts.forEach((status, count) ->
                    csv.append(tag).append(',').append(status).append(',').append(count).append('\n')));
            Files.writeString(statusesFile, csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + statusesFile + ": " + e.getMessage(), e);
        }
    }

    /** Prints a short table of the measured stages (console of a standalone run). */
    public void printSummary(PrintStream out) {
        out.println("trialbench: latency from intended start, per tag (written to " + hlogFile + ")");
        LoadHistograms histograms = LoadHistograms.read(java.util.List.of(hlogFile));
        for (String tag : histograms.tags()) {
            LatencyStats stats = histograms.stats(tag);
            out.printf(java.util.Locale.ROOT, "  %-28s count %7d  p50 %8.2f ms  p95 %8.2f ms  p99 %8.2f ms  max %8.2f ms  statuses %s%n",
                    tag, stats.count(), stats.p50Millis(), stats.p95Millis(), stats.p99Millis(), stats.maxMillis(),
                    statuses().getOrDefault(tag, Map.of()));
        }
    }
}
