package dev.trialbench.loadtest;

import java.nio.file.Path;
import java.util.List;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.UUID;

/**
 * What a load run measured, for the pipeline's report and invariant checks. Latencies are from
 * each request's intended start, merged over all injectors; warm-up requests are left out of
 * {@link #requests()} and {@link #stages()} (but their activations are in the user sets, since their
 * rows are in the database). Immutable and thread-safe.
 *
 * @param startEpochMs     when the first injector was started
 * @param endEpochMs       when the last injector ended
 * @param requests         per request type ({@code activate-batched}, {@code listing}, ...), all measured stages
 * @param stages           per measured stage, in order
 * @param kpiPassed        every injector's Gatling assertions passed (exit 0) and the intended-start numbers keep the budget
 * @param kpiFailures      why not, one sentence each (empty when passed)
 * @param injectorExitCodes Gatling's code per injector (0 or 2)
 * @param activated        users answered 201
 * @param denied           users answered 403
 * @param histogramLog     the merged {@code <out>/<label>.hlog}
 */
public record LoadOutcome(long startEpochMs, long endEpochMs, Map<String, RequestStats> requests, List<StageStats> stages,
                          boolean kpiPassed, List<String> kpiFailures, List<Integer> injectorExitCodes,
                          Set<UUID> activated, Set<UUID> denied, Path histogramLog) {

    public LoadOutcome {
        requests = Collections.unmodifiableSortedMap(new TreeMap<>(requests));
        stages = List.copyOf(stages);
        kpiFailures = List.copyOf(kpiFailures);
        injectorExitCodes = List.copyOf(injectorExitCodes);
        activated = Set.copyOf(activated);
        denied = Set.copyOf(denied);
    }
}
