package dev.trialbench.loadtest.measure;

import org.HdrHistogram.Histogram;

/**
 * Count and percentiles of one histogram, in milliseconds (the histograms hold nanoseconds from
 * each request's intended start). Immutable and thread-safe.
 */
public record LatencyStats(long count, double p50Millis, double p95Millis, double p99Millis, double maxMillis) {

    public static final LatencyStats EMPTY = new LatencyStats(0, 0, 0, 0, 0);

    public static LatencyStats of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencyStats(histogram.getTotalCount(),
                millis(histogram.getValueAtPercentile(50)),
                millis(histogram.getValueAtPercentile(95)),
                millis(histogram.getValueAtPercentile(99)),
                millis(histogram.getMaxValue()));
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
