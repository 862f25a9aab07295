package dev.trialbench.seed;

/**
 * The tables the seeder fills, every referenced table before the tables that reference it (in
 * either schema state), with their row counts at scale 1 and the columns each COPY writes.
 */
public enum SeedTable {
    USERS("users", 100_000,
            "user_id, email, name, password_hash, google_id, created_at, last_login_at"),
    FREE_TRIAL_TOKENS("free_trial_tokens", 100_000,
            "token_id, user_id, status, activated_at, expires_at, reports_remaining, created_at, updated_at"),
    DEVICE_FINGERPRINTS("device_fingerprints", 100_000,
            "fingerprint_id, user_id, fingerprint_hash, device_data, trial_count, first_seen_at, last_seen_at,"
                    + " is_blocked, blocked_reason"),
    TRIAL_FRAUD_FLAGS("trial_fraud_flags", 50_000,
            "flag_id, user_id, fingerprint_hash, ip_address, flag_type, severity, fraud_score, details, resolved,"
                    + " created_at"),
    TRIAL_USAGE("trial_usage", 50_000,
            "usage_id, token_id, user_id, action, report_id, created_at"),
    PAYMENT_VERIFICATIONS("payment_verifications", 200_000,
            "verification_id, user_id, card_fingerprint, card_last4, card_brand, verification_status,"
                    + " verification_date"),
    LOGIN_SESSIONS("login_sessions", 1_000_000,
            "session_id, user_id, ip_address, user_agent, created_at"),
    REPORTS("reports", 500_000,
            "report_id, created_by_user_id, title, property_address, damage_type, state, summary, total_cost,"
                    + " created_at, updated_at, deleted_at"),
    ASCORA_CUSTOMERS("ascora_customers", 10_000,
            "customer_id, organization_id, email, name, created_at"),
    ASCORA_JOBS("ascora_jobs", 20_000,
            "job_id, organization_id, customer_id, job_status, created_at");

    private final String tableName;
    private final long rowsAtScaleOne;
    private final String columns;

    SeedTable(String tableName, long rowsAtScaleOne, String columns) {
        this.tableName = tableName;
        this.rowsAtScaleOne = rowsAtScaleOne;
        this.columns = columns;
    }

    public String tableName() {
        return tableName;
    }

    public long rowsAtScaleOne() {
        return rowsAtScaleOne;
    }

    /** The column list of the COPY statement, in the order the generator writes the fields. */
    public String columns() {
        return columns;
    }
}
