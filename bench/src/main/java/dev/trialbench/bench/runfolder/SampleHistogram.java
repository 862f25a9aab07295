package dev.trialbench.bench.runfolder;

import java.util.Map;
import java.util.TreeMap;

/**
 * Samples as (value, count) pairs, with the statistics JMH reports for SampleTime: the mean, and
 * percentiles by the rank {@code p * (n + 1) / 100} interpolated between the two neighbouring samples
 * (the minimum at rank 0). Computing them the same way makes a one-fork cell's fork p50 equal JMH's p50.
 * Not thread-safe while being filled.
 */
final class SampleHistogram {

    private final TreeMap<Double, Long> counts = new TreeMap<>();
    private long size;

    void add(double value, long count) {
        if (count < 0) {
            throw new IllegalArgumentException("negative count " + count + " for value " + value);
        }
        if (count > 0) {
            counts.merge(value, count, Long::sum);
            size += count;
        }
    }

    long size() {
        return size;
    }

    double mean() {
        if (size == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (Map.Entry<Double, Long> entry : counts.entrySet()) {
            sum += entry.getKey() * entry.getValue();
        }
        return sum / size;
    }

    /** @param rank 0 to 100 */
    double percentile(double rank) {
        if (rank < 0 || rank > 100) {
            throw new IllegalArgumentException("rank must be within 0..100, was " + rank);
        }
        if (size == 0) {
            return Double.NaN;
        }
        if (rank == 0) {
            return counts.firstKey();
        }
        double position = rank * (size + 1) / 100;
        double below = Math.floor(position);
        double lower = valueAt((long) below);
        double upper = valueAt((long) below + 1);
        return lower + (upper - lower) * (position - below);
    }

    /** The value of the sample at a 1-based position; positions past the end give the maximum. */
    private double valueAt(long position) {
        long seen = 0;
        for (Map.Entry<Double, Long> entry : counts.entrySet()) {
            seen += entry.getValue();
            if (seen >= position) {
                return entry.getKey();
            }
        }
        return counts.lastKey();
    }
}
