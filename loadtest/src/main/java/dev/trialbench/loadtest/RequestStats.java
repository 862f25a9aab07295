package dev.trialbench.loadtest;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The numbers of one request type over some stages: how many, which statuses (0 = no response),
 * how many failed (a status outside the type's success set), latency from the intended start, and
 * throughput (completed requests per second of the stages' duration). Immutable and thread-safe.
 */
public record RequestStats(long count, Map<Integer, Long> statuses, long failed, double p50Millis, double p95Millis,
                           double p99Millis, double maxMillis, double throughputPerSecond) {

    public RequestStats {
        statuses = Collections.unmodifiableSortedMap(new TreeMap<>(statuses));
    }

    /** failed / count in percent; 0 without requests. */
    public double failedPercent() {
        return count == 0 ? 0 : 100.0 * failed / count;
    }
}
