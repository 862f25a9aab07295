package dev.trialbench.activation;

/**
 * One reason the policy found for suspicion.
 *
 * @param type     a stable code, stored in {@code trial_fraud_flags.flag_type}
 * @param severity how bad it is
 * @param points   what it adds to the score (the total is capped at 100)
 * @param signal   the measured value that triggered it (a count), stored in the flag's details
 */
public record FraudFlag(String type, Severity severity, int points, long signal) {
}
