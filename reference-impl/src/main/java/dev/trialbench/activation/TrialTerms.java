package dev.trialbench.activation;

/**
 * The trial's terms. The report names {@code TRIAL_DURATION_DAYS} and {@code MAX_REPORTS_PER_TRIAL}
 * without giving values; these are the reference implementation's.
 */
public final class TrialTerms {
    public static final int DURATION_DAYS = 7;
    public static final int REPORTS_PER_TRIAL = 3;

    private TrialTerms() {
    }
}
