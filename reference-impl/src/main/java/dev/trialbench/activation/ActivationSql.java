package dev.trialbench.activation;

/**
 * Every statement of the activation path, written once. Each starts with a comment that names it
 * ("trialbench NAME"); pg_stat_statements keeps that comment in its query text, so per-statement
 * figures can be matched to the statement that produced them. The batched fraud read is composed
 * from the naive path's six reads, so both ask exactly the same questions; each read is an aggregate, so it
 * returns one row even for a user, device or IP never seen before (the report's batched query
 * cross-joins a {@code device_data} CTE that has no row for a new device, and so returns nothing).
 */
public final class ActivationSql {

    private ActivationSql() {
    }

    /** Namespace of the transaction-level advisory locks taken per device fingerprint. */
    public static final int DEVICE_LOCK_NAMESPACE = 20251023;

    // ---- reads -------------------------------------------------------------------------------

    /** Naive: does the user exist. */
    public static final String FIND_USER = "/* trialbench FIND_USER */ SELECT user_id FROM users WHERE user_id = :userId";

    /**
     * Batched: lock the user row (one activation per user at a time) and the device fingerprint
     * (an advisory lock, so the device cannot be inserted twice even where no unique index exists).
     * Both locks are taken in one statement, before any fraud signal is read, so that the next
     * statement's snapshot sees every activation that committed while this one waited.
     */
    public static final String LOCK_USER_AND_DEVICE = """
            /* trialbench LOCK_USER_AND_DEVICE */
            SELECT user_id, pg_advisory_xact_lock(%d, hashtext(:fingerprint)) AS device_locked
            FROM users WHERE user_id = :userId FOR UPDATE""".formatted(DEVICE_LOCK_NAMESPACE);

    /** Fraud read 1: the user's trials. */
    public static final String USER_TRIALS = """
            /* trialbench USER_TRIALS */
            SELECT count(*) AS user_trials,
                   count(*) FILTER (WHERE status = 'active' AND expires_at > now()) AS user_active_trials
            FROM free_trial_tokens WHERE user_id = :userId""";

    /** Fraud read 2: the card of the user's latest payment verification (no row if none). */
    public static final String LATEST_CARD = """
            /* trialbench LATEST_CARD */
            SELECT card_fingerprint FROM payment_verifications
            WHERE user_id = :userId ORDER BY verification_date DESC LIMIT 1""";

    /** Fraud read 3: how many users share that card; {@code :card} is null when there is none. */
    public static final String CARD_USERS = """
            /* trialbench CARD_USERS */
            SELECT count(DISTINCT user_id) AS card_users FROM payment_verifications
            WHERE card_fingerprint = :card""";

    /** Fraud read 4: the device, aggregated (one row even for a new device or duplicated rows). */
    public static final String DEVICE = """
            /* trialbench DEVICE */
            SELECT count(*) AS device_rows,
                   coalesce(sum(trial_count), 0) AS device_trials,
                   coalesce(bool_or(is_blocked), false) AS device_blocked
            FROM device_fingerprints WHERE fingerprint_hash = :fingerprint""";

    /** Fraud read 5: sessions from the IP in the last 24 hours (0 when the IP is null). */
    public static final String IP_SESSIONS = """
            /* trialbench IP_SESSIONS */
            SELECT count(*) AS ip_sessions_24h FROM login_sessions
            WHERE ip_address = CAST(:ip AS inet) AND created_at > now() - interval '24 hours'""";

    /** Fraud read 6: open flags of the user or the device, last 7 days (the report's predicate). */
    public static final String OPEN_FLAGS = """
            /* trialbench OPEN_FLAGS */
            SELECT count(*) FILTER (WHERE severity = 'critical') AS open_critical_flags,
                   count(*) FILTER (WHERE severity = 'high') AS open_high_flags
            FROM trial_fraud_flags
            WHERE (user_id = :userId OR fingerprint_hash = :fingerprint)
              AND resolved = false
              AND created_at > now() - interval '7 days'""";

    /** The naive path's six fraud reads, in the order it runs them. */
    public static final java.util.List<String> NAIVE_FRAUD_READS =
            java.util.List.of(USER_TRIALS, LATEST_CARD, CARD_USERS, DEVICE, IP_SESSIONS, OPEN_FLAGS);

    /** Batched: the six reads in one statement and one round trip; always exactly one row. */
    public static final String ALL_FRAUD_SIGNALS = "/* trialbench ALL_FRAUD_SIGNALS */\n"
            + "WITH user_trials AS (" + USER_TRIALS + "),\n"
            + " card AS (" + CARD_USERS.replace(":card", "(" + LATEST_CARD + ")") + "),\n"
            + " device AS (" + DEVICE + "),\n"
            + " ip AS (" + IP_SESSIONS + "),\n"
            + " flags AS (" + OPEN_FLAGS + ")\n"
            + "SELECT * FROM user_trials, card, device, ip, flags";

    /** Every statement by name, in the order they are declared (for EXPLAIN and pg_stat_statements). */
    public static java.util.Map<String, String> byName() {
        java.util.Map<String, String> statements = new java.util.LinkedHashMap<>();
        statements.put("FIND_USER", FIND_USER);
        statements.put("LOCK_USER_AND_DEVICE", LOCK_USER_AND_DEVICE);
        statements.put("USER_TRIALS", USER_TRIALS);
        statements.put("LATEST_CARD", LATEST_CARD);
        statements.put("CARD_USERS", CARD_USERS);
        statements.put("DEVICE", DEVICE);
        statements.put("IP_SESSIONS", IP_SESSIONS);
        statements.put("OPEN_FLAGS", OPEN_FLAGS);
        statements.put("ALL_FRAUD_SIGNALS", ALL_FRAUD_SIGNALS);
        statements.put("INSERT_FLAG", INSERT_FLAG);
        statements.put("UPDATE_DEVICE", UPDATE_DEVICE);
        statements.put("INSERT_DEVICE", INSERT_DEVICE);
        statements.put("INSERT_TOKEN", INSERT_TOKEN);
        return java.util.Collections.unmodifiableMap(statements);
    }

    // ---- writes ------------------------------------------------------------------------------

    /** A fraud flag of a denied activation. */
    public static final String INSERT_FLAG = """
            /* trialbench INSERT_FLAG */
            INSERT INTO trial_fraud_flags
                (flag_id, user_id, fingerprint_hash, ip_address, flag_type, severity, fraud_score, details, created_at)
            VALUES (:flagId, :userId, :fingerprint, CAST(:ip AS inet), :flagType, :severity, :fraudScore,
                    CAST(:details AS jsonb), now())""";

    /** A known device gets one more trial. */
    public static final String UPDATE_DEVICE = """
            /* trialbench UPDATE_DEVICE */
            UPDATE device_fingerprints
            SET user_id = :userId, trial_count = trial_count + 1, last_seen_at = now(),
                device_data = coalesce(CAST(:deviceData AS jsonb), device_data)
            WHERE fingerprint_hash = :fingerprint""";

    private static final String DEVICE_INSERT_HEAD = """
            INSERT INTO device_fingerprints
                (fingerprint_id, user_id, fingerprint_hash, device_data, trial_count, first_seen_at, last_seen_at, is_blocked)
            """;
    private static final String DEVICE_NEW_ROW =
            ":fingerprintId, :userId, :fingerprint, CAST(:deviceData AS jsonb), 1, now(), now(), false";

    /**
     * A new device, after the device read ({@link #DEVICE}, or its part of {@link #ALL_FRAUD_SIGNALS})
     * found none. Both paths choose between this and {@link #UPDATE_DEVICE} from that read, so they
     * write the same rows by the same statements and differ only in what the report changes. Naive:
     * racy (no lock; without a unique index two requests can insert the device twice). Batched: safe
     * in both schema states, with no unique index needed, because the read and the write run in one
     * transaction under the device's advisory lock ({@link #LOCK_USER_AND_DEVICE}), so no one else
     * can record the device in between. (The report's {@code ON CONFLICT (fingerprint_hash)} fails on
     * a schema without a unique index. An update-or-insert in one statement would search the table a
     * second time, a full scan before the migrations, and the comparison would measure that scan.)
     */
    public static final String INSERT_DEVICE = "/* trialbench INSERT_DEVICE */\n"
            + DEVICE_INSERT_HEAD + "VALUES (" + DEVICE_NEW_ROW + ")";

    /** The trial token. */
    public static final String INSERT_TOKEN = """
            /* trialbench INSERT_TOKEN */
            INSERT INTO free_trial_tokens
                (token_id, user_id, status, activated_at, expires_at, reports_remaining, created_at, updated_at)
            VALUES (:tokenId, :userId, 'active', now(), now() + make_interval(days => :trialDays), :reportsRemaining,
                    now(), now())
            RETURNING expires_at""";
}
