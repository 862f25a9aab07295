package dev.trialbench.reliability;

import java.util.List;

/**
 * What {@link SecurityChecks} found. Immutable.
 *
 * @param checksRun    checks performed
 * @param checksPassed checks that held
 * @param failures     one sentence per check that did not hold (never the secret itself)
 */
public record SecurityCheckResult(int checksRun, int checksPassed, List<String> failures) {

    public SecurityCheckResult {
        failures = List.copyOf(failures);
    }
}
