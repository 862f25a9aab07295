package dev.trialbench.bench.runfolder;

import dev.trialbench.reliability.BackendTermination;
import dev.trialbench.reliability.ConcurrencyComparison;
import dev.trialbench.reliability.DatabaseOutage;
import dev.trialbench.reliability.LockConflicts;
import dev.trialbench.reliability.PoolExhaustion;
import dev.trialbench.reliability.TimeoutEnforcement;
import java.util.List;

/**
 * What the pipeline's reliability step measured, as written to {@code reliability.json} in the run's
 * folder (optional: runs made with {@code --skip-reliability} or before the step existed have none).
 * The experiments' own result records, from {@code dev.trialbench.reliability}, are kept as they are.
 * Immutable; field names are the JSON names.
 *
 * @param terminations    backend terminated at every point of an activation, per implementation
 * @param poolExhaustion  every connection taken: the wait and the answer
 * @param timeouts        lock_timeout and statement_timeout provoked
 * @param lockConflicts   deadlocks and serialization failures provoked, and the retries counted
 * @param outage          the server stopped and restarted under HTTP load (skipped with a reason if it cannot be)
 * @param concurrency     naive and batched under the same certain race, before and after the migrations
 * @param badInputs       malformed requests tried and rejected cleanly; null until that experiment is wired in
 * @param migrationFaults migration faults provoked and handled; null until that experiment is wired in
 * @param security        security checks made and passed; null until that experiment is wired in
 * @param seconds         wall time of the step
 * @param safety          evidence for the report's safety claims (half-written activations, query timeout,
 *                        deleting a user, foreign keys without an index, Fix 6's monitor); null in runs
 *                        made before it was recorded
 */
public record ReliabilityEvidence(
        List<BackendTermination.Result> terminations,
        PoolExhaustion.Result poolExhaustion,
        List<TimeoutEnforcement.Case> timeouts,
        LockConflicts.Result lockConflicts,
        DatabaseOutage.Result outage,
        List<ConcurrencyComparison.Cell> concurrency,
        List<Tally> badInputs,
        List<Tally> migrationFaults,
        List<Tally> security,
        double seconds,
        SafetyEvidence safety) {

    /**
     * A family of checks another experiment ran: how many it tried and how many went as they must.
     *
     * @param name   what was tried, for the report ("malformed JSON bodies", "INVALID index repaired")
     * @param tried  how many cases
     * @param passed how many behaved as required (rejected cleanly, repaired, not leaked...)
     * @param note   one sentence on what "passed" means, or null
     */
    public record Tally(String name, int tried, int passed, String note) {
    }

    /** The same evidence with the security checks, which run once the run folder's files are written. */
    public ReliabilityEvidence withSecurity(List<Tally> checks) {
        return new ReliabilityEvidence(terminations, poolExhaustion, timeouts, lockConflicts, outage, concurrency, badInputs,
                migrationFaults, checks, seconds, safety);
    }
}
