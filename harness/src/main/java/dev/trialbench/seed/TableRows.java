package dev.trialbench.seed;

/**
 * Generates the rows of one table, each as a pure function of the plan and the row index, in the
 * column order of {@link SeedTable#columns()}. Implementations keep per-row scratch state and are
 * not thread-safe; create one per COPY.
 */
interface TableRows {

    long MINUTE = 60_000L;
    long HOUR = 60 * MINUTE;
    long DAY = 24 * HOUR;

    SeedTable table();

    /** Appends row {@code index} (0-based, below the plan's row count) to the buffer. */
    void write(long index, CopyBuffer out);

    static TableRows of(SeedTable table, SeedPlan plan) {
        return switch (table) {
            case USERS -> new UserRows(plan);
            case FREE_TRIAL_TOKENS -> new TokenRows(plan);
            case DEVICE_FINGERPRINTS -> new DeviceRows(plan);
            case TRIAL_FRAUD_FLAGS -> new FraudFlagRows(plan);
            case TRIAL_USAGE -> new UsageRows(plan);
            case PAYMENT_VERIFICATIONS -> new PaymentRows(plan);
            case LOGIN_SESSIONS -> new SessionRows(plan);
            case REPORTS -> new ReportRows(plan);
            case ASCORA_CUSTOMERS -> new CustomerRows(plan);
            case ASCORA_JOBS -> new JobRows(plan);
        };
    }
}
