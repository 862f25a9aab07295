package dev.trialbench.bench.claims;

import dev.trialbench.bench.runfolder.ReliabilityEvidence;
import dev.trialbench.bench.runfolder.ReliabilityEvidence.Tally;
import dev.trialbench.reliability.BackendTermination;
import dev.trialbench.reliability.ConcurrencyComparison;
import dev.trialbench.reliability.DatabaseOutage;
import dev.trialbench.reliability.LockConflicts;
import dev.trialbench.reliability.PoolExhaustion;
import dev.trialbench.reliability.TimeoutEnforcement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The decisions of the reliability section, from {@code reliability.json} alone: which injected faults
 * were survived (and what survived means for each), and the verdicts on the optimization report's two
 * sentences, "full transaction support with automatic rollback" (judged by the backend terminations)
 * and "risk of data inconsistency" (judged by the race and the partial writes). The section renders
 * them. Stateless.
 */
public final class ReliabilityVerdicts {

    private static final String NAIVE = "naive";
    private static final String BATCHED = "batched";

    private ReliabilityVerdicts() {
    }

    /**
     * "Full transaction support with automatic rollback", for the batched path: it holds when no
     * terminated backend left a partial write and every retry activated exactly once.
     *
     * @param naive the naive path's terminations, shown beside it, when the run has them
     */
    public record Rollback(boolean holds, BackendTermination.Result batched, Optional<BackendTermination.Result> naive) {
    }

    /**
     * "Risk of data inconsistency" of the naive path: confirmed when the naive path left an invariant
     * violation or a partial write under the same race and faults as the batched path.
     */
    public record Inconsistency(long naiveViolations, long naivePartialWrites, long batchedViolations,
                                long batchedPartialWrites) {

        public boolean confirmed() {
            return naiveViolations + naivePartialWrites > 0;
        }

        /** The batched path broke what it must keep: a loud notice. */
        public boolean batchedBroke() {
            return batchedViolations + batchedPartialWrites > 0;
        }
    }

    /** One kind of fault: how often it was injected, how often survived, and what survived means. */
    public record Fault(String fault, int injected, int survived, String survivedMeans) {
    }

    /** Empty when the run terminated no backend on the batched path (then the sentence is not judged). */
    public static Optional<Rollback> rollback(ReliabilityEvidence run) {
        return termination(run, BATCHED).map(proposed -> new Rollback(
                proposed.partialWrites() == 0 && proposed.exactlyOnceAfterRetry() == proposed.faultsInjected(), proposed,
                termination(run, NAIVE)));
    }

    public static Inconsistency inconsistency(ReliabilityEvidence run) {
        return new Inconsistency(violations(run.concurrency(), NAIVE),
                termination(run, NAIVE).map(BackendTermination.Result::partialWrites).orElse(0),
                violations(run.concurrency(), BATCHED),
                termination(run, BATCHED).map(BackendTermination.Result::partialWrites).orElse(0));
    }

    /** Every fault injected, in the section's order, each with its count of survivals. */
    public static List<Fault> faults(ReliabilityEvidence run) {
        List<Fault> faults = new ArrayList<>();
        for (BackendTermination.Result result : run.terminations()) {
            int survived = (int) result.points().stream()
                    .filter(point -> point.failedClearly() && !point.partialWrite() && point.exactlyOnceAfterRetry()).count();
            faults.add(new Fault("backend terminated mid-activation, " + result.implementation(), result.faultsInjected(),
                    survived, "clear error, no partial write, retry activates exactly once"));
        }
        PoolExhaustion.Result pool = run.poolExhaustion();
        faults.add(new Fault("pool exhausted", 1, pool.bounded() && pool.httpStatus() == 503 ? 1 : 0,
                "503 with Retry-After within the connection timeout + 5 s"));
        for (TimeoutEnforcement.Case timeout : run.timeouts()) {
            faults.add(new Fault(timeout.setting() + " exceeded", 1, timeout.enforced() ? 1 : 0,
                    "SQLState " + timeout.expectedSqlState() + ", message names the setting, nothing written"));
        }
        LockConflicts.Result conflicts = run.lockConflicts();
        faults.add(new Fault("deadlocks and serialization failures", conflicts.deadlocksProvoked()
                + conflicts.serializationFailuresProvoked(), conflicts.activatedAfterRetry(), "retried to success"));
        DatabaseOutage.Result outage = run.outage();
        if (outage.ran()) {
            faults.add(new Fault("server stopped (immediate) under load and restarted", 1,
                    outage.answered503Quickly() && outage.recoveredInTime() && outage.tokensLost() == 0 ? 1 : 0,
                    "503 quickly while down, recovers within 10 s, no commit lost"));
        }
        for (List<Tally> tallies : Arrays.asList(run.badInputs(), run.migrationFaults(), run.security())) {
            if (tallies != null) {
                for (Tally tally : tallies) {
                    faults.add(new Fault(tally.name(), tally.tried(), tally.passed(), tally.note() == null ? "" : tally.note()));
                }
            }
        }
        return faults;
    }

    private static Optional<BackendTermination.Result> termination(ReliabilityEvidence run, String implementation) {
        return run.terminations().stream().filter(result -> result.implementation().equals(implementation)).findFirst();
    }

    private static long violations(List<ConcurrencyComparison.Cell> cells, String implementation) {
        return cells.stream().filter(cell -> cell.implementation().equals(implementation))
                .mapToLong(cell -> cell.invariants().total()).sum();
    }
}
