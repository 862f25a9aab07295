package dev.trialbench.monitor;

/**
 * What a {@link LockWaitSampler} saw between its start and {@link LockWaitSampler#close()} (or the
 * moment {@link LockWaitSampler#summary()} was called). Waits are lower bounds: a wait is seen at
 * its age when sampled, so it may have lasted up to one interval longer. Immutable; thread-safe.
 *
 * @param sampled whether lock waits could be sampled at all ({@code false} on PostgreSQL older than
 *     14, which has no {@code pg_locks.waitstart}, or when sampling failed; {@link #note} says why)
 * @param note one sentence on how the figures were taken, or why there are none
 * @param samples samples taken
 * @param samplesWithWaiters samples in which at least one backend waited for a lock
 * @param waitingBackends distinct backends (by pid) seen waiting
 * @param longestRelationWait the longest wait seen for a lock on a table or index; null if none
 * @param longestOtherWait the longest wait seen for any other lock (transactionid, advisory, tuple,
 *     ...); null if none
 */
public record LockWaitSummary(boolean sampled, String note, long samples, long samplesWithWaiters,
                              int waitingBackends, LockWait longestRelationWait, LockWait longestOtherWait) {

    /**
     * One waiting lock request as seen in one sample. No query text and no parameters: only whether
     * the waiting statement was DDL, classified inside the sampler by the statement's first keyword.
     *
     * @param millis how long it had waited when sampled
     * @param lockType {@code pg_locks.locktype} (relation, transactionid, advisory, tuple, ...)
     * @param relation the table or index for a relation lock (schema-qualified when not on the
     *     search path), else null
     * @param mode the lock mode asked for (e.g. AccessExclusiveLock)
     * @param ddl whether the waiting statement was DDL (ALTER, CREATE, DROP, ...)
     */
    public record LockWait(double millis, String lockType, String relation, String mode, boolean ddl) {
    }

    /** Whether any backend was ever seen waiting. */
    public boolean anyWaiter() {
        return samplesWithWaiters > 0;
    }
}
