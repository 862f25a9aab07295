package dev.trialbench.activation;

import dev.trialbench.activation.ActivationRequest.ValidRequest;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The activation path as the optimization report found it: a user lookup, then each fraud signal
 * its own query (six reads, six round trips), then the writes one by one in autocommit, with no
 * transaction and no lock. Correct one activation at a time; under concurrency it can give a user
 * two trials and (without a unique index) insert a device twice, which the harness counts.
 *
 * <p>Where the report's code is wrong this implementation is not: an unseen user, device or IP reads
 * as zeros, and a denied activation's flags are kept. Thread-safe (holds only the Jdbi instance).
 */
public final class NaiveActivation implements TrialActivation {

    private final Jdbi jdbi;

    public NaiveActivation(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public String name() {
        return "naive";
    }

    @Override
    public FraudSignals readFraudSignals(ActivationRequest request) {
        ValidRequest valid = request.validate();
        try {
            return jdbi.withHandle(handle -> ActivationStatements.sixFraudReads(handle, valid));
        } catch (JdbiException e) {
            throw new ActivationFailedException("naive fraud read failed", SqlStates.of(e), e);
        }
    }

    @Override
    public ActivationResult activate(ActivationRequest request) {
        ValidRequest valid = request.validate();
        try {
            return jdbi.withHandle(handle -> activate(handle, valid));
        } catch (JdbiException e) {
            throw new ActivationFailedException("naive activation failed", SqlStates.of(e), e);
        }
    }

    private static ActivationResult activate(Handle handle, ValidRequest request) {
        if (!ActivationStatements.userExists(handle, request)) {
            return ActivationResult.userNotFound(1);
        }
        FraudSignals signals = ActivationStatements.sixFraudReads(handle, request);
        FraudDecision decision = FraudPolicy.decide(signals);
        if (!decision.allowed()) {
            ActivationStatements.insertFlagsOneByOne(handle, request, decision);
            return ActivationResult.denied(decision, 1);
        }
        ActivationStatements.recordDevice(handle, request, signals);
        UUID tokenId = UUID.randomUUID();
        Instant expiresAt = ActivationStatements.insertToken(handle, request, tokenId);
        return ActivationResult.activated(decision, tokenId, expiresAt, 1);
    }
}
