package dev.trialbench.reliability;

import java.util.List;
import java.util.Map;

/**
 * What the bad-input campaign found. Immutable.
 *
 * @param tried              requests sent
 * @param rejectedCleanly    answered 4xx with a JSON {@code error} that says what is wrong, no stack
 *                           trace or SQL, and none of the input echoed back
 * @param serverErrors       answered 5xx
 * @param rowsWritten        rows added or removed in the tables an activation writes (and users),
 *                           counted before and after the campaign
 * @param triedByCategory    requests per kind of defect, in a stable order
 * @param examplesOfFailures the first few requests not rejected cleanly, each with what came back
 */
public record BadInputResult(int tried, int rejectedCleanly, int serverErrors, long rowsWritten,
                             Map<String, Integer> triedByCategory, List<String> examplesOfFailures) {

    public BadInputResult {
        triedByCategory = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(triedByCategory));
        examplesOfFailures = List.copyOf(examplesOfFailures);
    }

    /** True when every request was rejected cleanly and nothing was written. */
    public boolean clean() {
        return rejectedCleanly == tried && serverErrors == 0 && rowsWritten == 0;
    }
}
