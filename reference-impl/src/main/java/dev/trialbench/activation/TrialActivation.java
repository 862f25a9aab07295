package dev.trialbench.activation;

/**
 * Activates a free trial: validate, read the fraud signals, decide ({@link FraudPolicy}), write.
 * Implementations differ only in how they talk to the database. Implementations are thread-safe.
 */
public interface TrialActivation {

    /** A short name for reports and benchmark parameters ({@code naive}, {@code batched}). */
    String name();

    /**
     * Reads the fraud signals alone, without writing or locking anything: the fraud-check cell of
     * the benchmarks.
     *
     * @throws InvalidRequestException before touching the database, if the request is malformed
     */
    FraudSignals readFraudSignals(ActivationRequest request);

    /**
     * Activates the trial if the policy allows it; a denied activation keeps its fraud flags.
     * Expected outcomes (activated, denied, unknown user) are values; database failures are
     * {@link ActivationFailedException}s.
     *
     * @throws InvalidRequestException before touching the database, if the request is malformed
     */
    ActivationResult activate(ActivationRequest request);
}
