package dev.trialbench.activation;

import dev.trialbench.activation.ActivationRequest.ValidRequest;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The activation path as the optimization report proposes it, made correct: one transaction (READ
 * COMMITTED, the server default) that
 * <ol>
 *   <li>locks the user row and, with an advisory lock, the device fingerprint (one statement);</li>
 *   <li>reads all fraud signals in one statement, on the same connection, after the locks, so it sees
 *       every activation of this user or device that committed before;</li>
 *   <li>writes the flags (denied: as one JDBC batch, then commits, so they are kept) or the device
 *       and the token (activated), and commits once. The device is inserted or updated as the fraud
 *       read found it, by the naive path's own statements: the read ran under the device lock, so it
 *       still holds when the write runs.</li>
 * </ol>
 * Serialization failures and deadlocks are retried with jittered backoff ({@link RetryPolicy}).
 * The report's version reads its fraud data through the pool's other connections (outside its own
 * transaction), throws away the flags it has just written by throwing inside the transaction, and
 * needs a unique index for its upsert; see the project's README for the list.
 * Thread-safe (holds the Jdbi instance and a counter).
 */
public final class BatchedActivation implements TrialActivation {

    private final Jdbi jdbi;
    private final RetryPolicy retryPolicy;
    private final LongAdder retries = new LongAdder();

    public BatchedActivation(Jdbi jdbi) {
        this(jdbi, RetryPolicy.DEFAULT);
    }

    public BatchedActivation(Jdbi jdbi, RetryPolicy retryPolicy) {
        this.jdbi = jdbi;
        this.retryPolicy = retryPolicy;
    }

    @Override
    public String name() {
        return "batched";
    }

    /** Retries made so far (each one after a 40001 or 40P01). */
    public long retries() {
        return retries.sum();
    }

    @Override
    public FraudSignals readFraudSignals(ActivationRequest request) {
        ValidRequest valid = request.validate();
        try {
            return jdbi.withHandle(handle -> ActivationStatements.allFraudSignals(handle, valid));
        } catch (JdbiException e) {
            throw new ActivationFailedException("batched fraud read failed", SqlStates.of(e), e);
        }
    }

    @Override
    public ActivationResult activate(ActivationRequest request) {
        ValidRequest valid = request.validate();
        for (int attempt = 1; ; attempt++) {
            int thisAttempt = attempt;
            try {
                return jdbi.inTransaction(handle -> attempt(handle, valid, thisAttempt));
            } catch (JdbiException e) {
                String sqlState = SqlStates.of(e);
                if (!SqlStates.retryable(sqlState) || attempt >= retryPolicy.maxAttempts()) {
                    throw new ActivationFailedException("batched activation failed after " + attempt + " attempt(s)",
                            sqlState, e);
                }
                retries.increment();
                pause(attempt, sqlState, e);
            }
        }
    }

    private static ActivationResult attempt(Handle handle, ValidRequest request, int attempt) {
        if (!ActivationStatements.lockUserAndDevice(handle, request)) {
            return ActivationResult.userNotFound(attempt);
        }
        FraudSignals signals = ActivationStatements.allFraudSignals(handle, request);
        FraudDecision decision = FraudPolicy.decide(signals);
        if (!decision.allowed()) {
            ActivationStatements.insertFlagsAsBatch(handle, request, decision);
            return ActivationResult.denied(decision, attempt);
        }
        ActivationStatements.recordDevice(handle, request, signals);
        UUID tokenId = UUID.randomUUID();
        Instant expiresAt = ActivationStatements.insertToken(handle, request, tokenId);
        return ActivationResult.activated(decision, tokenId, expiresAt, attempt);
    }

    private void pause(int attempt, String sqlState, JdbiException cause) {
        try {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(retryPolicy.backoff(attempt).toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActivationFailedException("interrupted while waiting to retry", sqlState, cause);
        }
    }
}
