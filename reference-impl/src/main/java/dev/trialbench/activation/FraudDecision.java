package dev.trialbench.activation;

import java.util.List;

/**
 * The outcome of {@link FraudPolicy#decide(FraudSignals)}.
 *
 * @param allowed whether the trial may be activated
 * @param score   0 to 100
 * @param flags   every reason found, strongest first (may be non-empty for an allowed activation)
 * @param reason  a sentence for the caller: why it was denied, or "no fraud signals" / "low risk"
 */
public record FraudDecision(boolean allowed, int score, List<FraudFlag> flags, String reason) {
    public FraudDecision {
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("score must be within 0..100, was " + score);
        }
        flags = List.copyOf(flags);
    }
}
