package dev.trialbench.loadtest.measure;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The interval histograms of one or several {@code .hlog} files (one per injector), merged by tag:
 * counts and percentiles per tag over the whole run or over a time window. Intervals keep their
 * absolute epoch timestamps, so logs of injectors on different machines merge as long as their
 * clocks agree (NTP).
 *
 * <p>Window rule: an interval (about 1 s) belongs to {@code [fromEpochMs, toEpochMs)} when its
 * midpoint does; the resolution of a window is therefore the flush interval. Values are
 * nanoseconds; {@link LatencyStats} converts to milliseconds. Immutable and thread-safe.
 */
public final class LoadHistograms {

    /** One interval histogram of one tag. */
    public record Interval(String tag, long startEpochMs, long endEpochMs, Histogram histogram) {
        long midpointEpochMs() {
            return startEpochMs + (endEpochMs - startEpochMs) / 2;
        }
    }

    private final List<Interval> intervals;

    public LoadHistograms(List<Interval> intervals) {
        List<Interval> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparingLong(Interval::startEpochMs).thenComparing(Interval::tag));
        this.intervals = List.copyOf(sorted);
    }

    /** Reads every interval of every file; an unreadable file fails with its path. */
    public static LoadHistograms read(List<Path> files) {
        List<Interval> intervals = new ArrayList<>();
        for (Path file : files) {
            try {
                HistogramLogReader reader = new HistogramLogReader(file.toFile());
                for (EncodableHistogram next = reader.nextIntervalHistogram(); next != null; next = reader.nextIntervalHistogram()) {
                    Histogram histogram = (Histogram) next;
                    String tag = histogram.getTag() == null ? "(untagged)" : histogram.getTag();
                    intervals.add(new Interval(tag, histogram.getStartTimeStamp(), histogram.getEndTimeStamp(), histogram));
                }
            } catch (FileNotFoundException e) {
                throw new UncheckedIOException("No histogram log at " + file, e);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Cannot read the histogram log " + file + ": " + e.getMessage(), e);
            }
        }
        return new LoadHistograms(intervals);
    }

    /** Every tag, sorted. */
    public Set<String> tags() {
        Set<String> tags = new TreeSet<>();
        intervals.forEach(interval -> tags.add(interval.tag()));
        return tags;
    }

    /** All intervals of the tags that {@code tags} accepts, over the whole run, merged. */
    public Histogram merged(Predicate<String> tags) {
        return merge(interval -> tags.test(interval.tag()));
    }

    /** One tag over the whole run. */
    public Histogram merged(String tag) {
        return merged(tag::equals);
    }

    /** One tag, intervals whose midpoint lies in [fromEpochMs, toEpochMs). */
    public Histogram merged(String tag, long fromEpochMs, long toEpochMs) {
        return merged(tag::equals, fromEpochMs, toEpochMs);
    }

    /** The accepted tags, intervals whose midpoint lies in [fromEpochMs, toEpochMs). */
    public Histogram merged(Predicate<String> tags, long fromEpochMs, long toEpochMs) {
        if (toEpochMs < fromEpochMs) {
            throw new IllegalArgumentException("The window ends (" + toEpochMs + ") before it starts (" + fromEpochMs + ")");
        }
        return merge(interval -> tags.test(interval.tag())
                && interval.midpointEpochMs() >= fromEpochMs && interval.midpointEpochMs() < toEpochMs);
    }

    /** Every measured stage of a request type ({@code type@1}, {@code type@2}, ...; never {@code type@warmup}). */
    public static Predicate<String> measured(String type) {
        return tag -> tag.startsWith(type + "@") && !tag.equals(LatencyLog.tag(type, IntendedSchedule.WARMUP_LABEL));
    }

    public LatencyStats stats(String tag) {
        return LatencyStats.of(merged(tag));
    }

    public LatencyStats stats(Predicate<String> tags) {
        return LatencyStats.of(merged(tags));
    }

    public LatencyStats stats(String tag, long fromEpochMs, long toEpochMs) {
        return LatencyStats.of(merged(tag, fromEpochMs, toEpochMs));
    }

    /** The epoch ms of the first interval's start, or 0 when there is none. */
    public long firstEpochMs() {
        return intervals.isEmpty() ? 0 : intervals.get(0).startEpochMs();
    }

    /** Writes all intervals, in time order, with their tags, into one log (absolute timestamps). */
    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            HistogramLogWriter writer = new HistogramLogWriter(file.toFile());
            writer.outputComment("trialbench load test, merged: nanoseconds from each request's intended start, tag = type@stage");
            writer.outputLogFormatVersion();
            writer.outputStartTime(firstEpochMs());
            writer.outputLegend();
            for (Interval interval : intervals) {
                writer.outputIntervalHistogram(interval.histogram());
            }
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the merged histogram log " + file + ": " + e.getMessage(), e);
        }
    }

    private Histogram merge(Predicate<Interval> accepted) {
        Histogram total = new Histogram(LatencyLog.HIGHEST_TRACKABLE_NANOS, LatencyLog.SIGNIFICANT_DIGITS);
        for (Interval interval : intervals) {
            if (accepted.test(interval)) {
                total.add(interval.histogram());
            }
        }
        return total;
    }
}
