package dev.trialbench.bench.report;

import dev.trialbench.bench.results.ReliabilityEvidence;
import dev.trialbench.reliability.BackendTermination;
import dev.trialbench.reliability.ConcurrencyComparison;
import java.util.List;
import java.util.Optional;

/**
 * The one-line verdicts of the reliability section on the optimization report's two sentences:
 * "full transaction support with automatic rollback" (judged by the backend terminations) and "risk of
 * data inconsistency" (judged by the race and the partial writes), from {@code reliability.json}
 * alone. Stateless.
 */
final class ReliabilityVerdicts {

    private static final String NAIVE = "naive";
    private static final String BATCHED = "batched";

    private ReliabilityVerdicts() {
    }

    static String rollback(ReliabilityEvidence run) {
        Optional<BackendTermination.Result> batched = termination(run, BATCHED);
        Optional<BackendTermination.Result> naive = termination(run, NAIVE);
        if (batched.isEmpty()) {
            return "**\"Full transaction support with automatic rollback\": NOT JUDGED** (no backend terminations on the"
                    + " batched path in this run).";
        }
        BackendTermination.Result proposed = batched.get();
        boolean holds = proposed.partialWrites() == 0 && proposed.exactlyOnceAfterRetry() == proposed.faultsInjected();
        String naivePart = naive.map(result -> "; the naive path, without a transaction, left " + result.partialWrites()
                + " partial write(s) in " + result.faultsInjected() + " faults").orElse("");
        return "**\"Full transaction support with automatic rollback\": " + (holds ? "HOLDS" : "FAILS")
                + "** for the batched path: the backend was terminated at " + proposed.faultsInjected() + " points, "
                + proposed.partialWrites() + " partial write(s), " + proposed.exactlyOnceAfterRetry()
                + " retries activated exactly once" + naivePart + ".";
    }

    static String inconsistency(ReliabilityEvidence run) {
        long naiveViolations = violations(run.concurrency(), NAIVE);
        long batchedViolations = violations(run.concurrency(), BATCHED);
        long naivePartial = termination(run, NAIVE).map(BackendTermination.Result::partialWrites).orElse(0);
        long batchedPartial = termination(run, BATCHED).map(BackendTermination.Result::partialWrites).orElse(0);
        boolean confirmed = naiveViolations + naivePartial > 0;
        return "**\"Risk of data inconsistency\" (of the naive path): " + (confirmed ? "CONFIRMED" : "NOT SEEN")
                + "**: under the same race and faults the naive path left " + naiveViolations + " invariant violation(s) and "
                + naivePartial + " partial write(s); the batched path " + batchedViolations + " and " + batchedPartial + ".";
    }

    /** A loud notice when the batched path broke what it must keep. */
    static Optional<String> batchedBroke(ReliabilityEvidence run) {
        long violations = violations(run.concurrency(), BATCHED);
        long partial = termination(run, BATCHED).map(BackendTermination.Result::partialWrites).orElse(0);
        if (violations + partial == 0) {
            return Optional.empty();
        }
        return Optional.of("The batched path left " + violations + " invariant violation(s) and " + partial
                + " partial write(s): it must leave none. See the tables below.");
    }

    private static Optional<BackendTermination.Result> termination(ReliabilityEvidence run, String implementation) {
        return run.terminations().stream().filter(result -> result.implementation().equals(implementation)).findFirst();
    }

    private static long violations(List<ConcurrencyComparison.Cell> cells, String implementation) {
        return cells.stream().filter(cell -> cell.implementation().equals(implementation))
                .mapToLong(cell -> cell.invariants().total()).sum();
    }
}
