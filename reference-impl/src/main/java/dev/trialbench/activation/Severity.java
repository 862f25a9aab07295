package dev.trialbench.activation;

import java.util.Locale;

/** Severity of a fraud flag, stored as lower-case text in {@code trial_fraud_flags.severity}. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
