package dev.trialbench.loadtest;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One measured stage: the rate offered (total over injectors), its length, and the numbers per
 * request type. Immutable and thread-safe.
 *
 * @param label the stage's label in the histogram tags (1, 2, ...)
 */
public record StageStats(String label, double offeredRatePerSecond, int seconds, Map<String, RequestStats> requests) {

    public StageStats {
        requests = Collections.unmodifiableSortedMap(new TreeMap<>(requests));
    }
}
