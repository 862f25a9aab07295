package dev.trialbench.activation;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Small, explicit test data written with plain SQL: a user with exactly the history a test needs.
 * Identifiers come from the given {@link Random}, so two databases filled from the same seed hold
 * the same rows. Not thread-safe (shares the Random).
 */
final class Fixtures {

    private final Jdbi jdbi;
    private final Random random;

    Fixtures(Jdbi jdbi, Random random) {
        this.jdbi = jdbi;
        this.random = random;
    }

    UUID newId() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    String newFingerprint() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    String newIp() {
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    UUID user() {
        UUID id = newId();
        jdbi.useHandle(handle -> handle.createUpdate(
                        "INSERT INTO users (user_id, email, name) VALUES (:id, :email, 'Test User')")
                .bind("id", id)
                .bind("email", "u" + id.toString().substring(0, 8) + "@example.test")
                .execute());
        return id;
    }

    void trial(UUID user, boolean active) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO free_trial_tokens (token_id, user_id, status, activated_at, expires_at, reports_remaining)
                        VALUES (:id, :user, :status, now() - interval '3 days',
                                now() + CASE WHEN :active THEN interval '4 days' ELSE interval '-20 days' END, 1)""")
                .bind("id", newId())
                .bind("user", user)
                .bind("status", active ? "active" : "expired")
                .bind("active", active)
                .execute());
    }

    void card(UUID user, String cardFingerprint, Duration ago) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO payment_verifications
                            (verification_id, user_id, card_fingerprint, card_last4, card_brand, verification_status, verification_date)
                        VALUES (:id, :user, :card, '4242', 'visa', 'succeeded', now() - make_interval(secs => :agoSeconds))""")
                .bind("id", newId())
                .bind("user", user)
                .bind("card", cardFingerprint)
                .bind("agoSeconds", (double) ago.toSeconds())
                .execute());
    }

    void device(String fingerprint, int trialCount, boolean blocked, UUID owner) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO device_fingerprints
                            (fingerprint_id, user_id, fingerprint_hash, device_data, trial_count, is_blocked, blocked_reason)
                        VALUES (:id, CAST(:owner AS uuid), :hash, '{"os":"test"}', :trials, :blocked,
                                CASE WHEN :blocked THEN 'chargeback' END)""")
                .bind("id", newId())
                .bind("owner", owner)
                .bind("hash", fingerprint)
                .bind("trials", trialCount)
                .bind("blocked", blocked)
                .execute());
    }

    void sessions(UUID user, String ip, int count, Duration ago) {
        jdbi.useHandle(handle -> {
            for (int i = 0; i < count; i++) {
                handle.createUpdate("""
                                INSERT INTO login_sessions (session_id, user_id, ip_address, user_agent, created_at)
                                VALUES (:id, :user, CAST(:ip AS inet), 'test', now() - make_interval(secs => :agoSeconds))""")
                        .bind("id", newId())
                        .bind("user", user)
                        .bind("ip", ip)
                        .bind("agoSeconds", (double) ago.toSeconds() + i)
                        .execute();
            }
        });
    }

    void flag(UUID user, String fingerprint, Severity severity, boolean resolved, Duration ago) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO trial_fraud_flags
                            (flag_id, user_id, fingerprint_hash, flag_type, severity, fraud_score, resolved, created_at)
                        VALUES (:id, CAST(:user AS uuid), :fingerprint, 'TEST', :severity, 50, :resolved,
                                now() - make_interval(secs => :agoSeconds))""")
                .bind("id", newId())
                .bind("user", user)
                .bind("fingerprint", fingerprint)
                .bind("severity", severity.dbValue())
                .bind("resolved", resolved)
                .bind("agoSeconds", (double) ago.toSeconds())
                .execute());
    }

    long count(String sql) {
        return jdbi.withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }

    /** Every row of every table the activation path writes, as one number per table. */
    String writtenRows() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT (SELECT count(*) FROM free_trial_tokens) || '/'
                            || (SELECT count(*) FROM device_fingerprints) || '/'
                            || (SELECT count(*) FROM trial_fraud_flags) || '/'
                            || (SELECT coalesce(sum(trial_count), 0) FROM device_fingerprints)""")
                .mapTo(String.class).one());
    }
}
