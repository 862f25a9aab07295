package dev.trialbench.activation;

import java.time.Instant;
import java.util.UUID;

/**
 * What an activation did.
 *
 * @param outcome          activated, denied, or unknown user
 * @param decision         the fraud decision (null for an unknown user)
 * @param tokenId          the new trial token (only when activated)
 * @param expiresAt        when the trial ends (only when activated)
 * @param reportsRemaining reports the trial allows (0 unless activated)
 * @param attempts         transaction attempts made (1 unless a retry happened; 1 for naive)
 */
public record ActivationResult(Outcome outcome, FraudDecision decision, UUID tokenId, Instant expiresAt,
                               int reportsRemaining, int attempts) {

    public enum Outcome { ACTIVATED, DENIED, USER_NOT_FOUND }

    static ActivationResult activated(FraudDecision decision, UUID tokenId, Instant expiresAt, int attempts) {
        return new ActivationResult(Outcome.ACTIVATED, decision, tokenId, expiresAt, TrialTerms.REPORTS_PER_TRIAL, attempts);
    }

    static ActivationResult denied(FraudDecision decision, int attempts) {
        return new ActivationResult(Outcome.DENIED, decision, null, null, 0, attempts);
    }

    static ActivationResult userNotFound(int attempts) {
        return new ActivationResult(Outcome.USER_NOT_FOUND, null, null, null, 0, attempts);
    }
}
