package dev.trialbench.reliability;

import dev.trialbench.activation.ActivationRequest;
import dev.trialbench.activation.BatchedActivation;
import dev.trialbench.activation.NaiveActivation;
import dev.trialbench.activation.TrialActivation;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** The two activation paths the experiments compare, and the request they all send. Immutable. */
public enum Implementation {
    NAIVE, BATCHED;

    TrialActivation create(Jdbi jdbi) {
        return this == NAIVE ? new NaiveActivation(jdbi) : new BatchedActivation(jdbi);
    }

    /** The name reports use ({@code naive}, {@code batched}). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A well-formed activation of {@code user} on {@code fingerprint}, without an IP. */
    static ActivationRequest request(UUID user, String fingerprint) {
        return new ActivationRequest(user.toString(), fingerprint, Map.of("os", "linux"), null);
    }
}
