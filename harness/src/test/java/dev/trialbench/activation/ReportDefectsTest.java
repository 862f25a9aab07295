package dev.trialbench.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.Jdbis;
import java.util.Random;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The optimization report's own SQL, run as written (only its {@code $n} placeholders renamed for
 * JDBC; pg-promise sends parameters untyped, so the server reads {@code $3} as an inet, which the
 * cast spells out for pgjdbc), to show the defects the reference implementation departs from (see the README's table).
 * If one of these tests fails, the README's claim about the report is wrong and must change.
 */
class ReportDefectsTest {

    /** Report, Fix 1, verbatim but for the placeholders. */
    private static final String REPORT_FRAUD_QUERY = """
            WITH user_data AS (
              SELECT
                u.user_id,
                u.email,
                (SELECT COUNT(*) FROM free_trial_tokens ft WHERE ft.user_id = u.user_id) as trial_count,
                (SELECT COUNT(DISTINCT user_id) FROM payment_verifications pv
                 WHERE pv.card_fingerprint = (
                   SELECT card_fingerprint FROM payment_verifications
                   WHERE user_id = :userId ORDER BY verification_date DESC LIMIT 1
                 )) as card_reuse_count
              FROM users u
              WHERE u.user_id = :userId
            ),
            device_data AS (
              SELECT
                fingerprint_hash,
                trial_count as device_trial_count,
                is_blocked,
                blocked_reason,
                last_seen_at
              FROM device_fingerprints
              WHERE fingerprint_hash = :fingerprint
            ),
            ip_data AS (
              SELECT COUNT(*) as ip_trial_count
              FROM login_sessions
              WHERE ip_address = CAST(:ip AS inet)
              AND created_at > NOW() - INTERVAL '24 hours'
            ),
            fraud_flags AS (
              SELECT COUNT(*) as critical_flags,
                     COUNT(*) FILTER (WHERE severity = 'high') as high_flags
              FROM trial_fraud_flags
              WHERE (user_id = :userId OR fingerprint_hash = :fingerprint)
              AND resolved = false
              AND created_at > NOW() - INTERVAL '7 days'
            )
            SELECT * FROM user_data, device_data, ip_data, fraud_flags""";

    /** Report, Fix 7: its device upsert. */
    private static final String REPORT_DEVICE_UPSERT = """
            INSERT INTO device_fingerprints (fingerprint_id, user_id, fingerprint_hash, device_data, trial_count, first_seen_at, last_seen_at, is_blocked)
            VALUES (:id, :userId, :fingerprint, CAST(:deviceData AS jsonb), 1, NOW(), NOW(), false)
            ON CONFLICT (fingerprint_hash)
            DO UPDATE SET
              user_id = :userId,
              trial_count = device_fingerprints.trial_count + 1,
              last_seen_at = NOW()""";

    /** Report, Fix 6: its slow-query monitor. */
    private static final String REPORT_SLOW_QUERIES = """
            SELECT query, calls, total_time, mean_time, max_time, stddev_time, rows
            FROM pg_stat_statements
            WHERE mean_time > 100
            ORDER BY mean_time DESC
            LIMIT 20""";

    private static HikariDataSource before;
    private static HikariDataSource after;

    @BeforeAll
    static void databases() {
        before = SchemaState.BEFORE.freshDatabase("report_defects", 2);
        after = SchemaState.AFTER.freshDatabase("report_defects", 2);
    }

    @AfterAll
    static void close() {
        before.close();
        after.close();
    }

    @Test
    void reportsBatchedFraudQueryReturnsNoRowForADeviceNeverSeenBefore() {
        Jdbi jdbi = Jdbis.create(after);
        Fixtures fixtures = new Fixtures(jdbi, new Random(9));
        UUID user = fixtures.user();
        String seenDevice = fixtures.newFingerprint();
        fixtures.device(seenDevice, 0, false, null);

        assertThat(reportFraudRows(jdbi, user, seenDevice, "192.0.2.1")).isEqualTo(1);
        assertThat(reportFraudRows(jdbi, user, fixtures.newFingerprint(), "192.0.2.1"))
                .as("rows for an unseen device: db.one() throws, the activation fails")
                .isZero();
        // The reference implementation's batched read answers for the same device.
        assertThat(new BatchedActivation(jdbi).readFraudSignals(
                StatementCountTest.request(user, fixtures.newFingerprint(), "192.0.2.1"))).isEqualTo(FraudSignals.NONE);
    }

    @Test
    void reportsEmptyStringForAMissingIpIsNotAValidInet() {
        Jdbi jdbi = Jdbis.create(after);
        Fixtures fixtures = new Fixtures(jdbi, new Random(10));
        UUID user = fixtures.user();
        String device = fixtures.newFingerprint();
        fixtures.device(device, 0, false, null);
        assertThatThrownBy(() -> reportFraudRows(jdbi, user, device, ""))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("invalid input syntax for type inet");
    }

    @Test
    void reportsUpsertFailsWithoutAUniqueIndexOnTheFingerprint() {
        Jdbi jdbi = Jdbis.create(before);
        Fixtures fixtures = new Fixtures(jdbi, new Random(11));
        UUID user = fixtures.user();
        assertThatThrownBy(() -> jdbi.useHandle(handle -> handle.createUpdate(REPORT_DEVICE_UPSERT)
                        .bind("id", UUID.randomUUID())
                        .bind("userId", user)
                        .bind("fingerprint", fixtures.newFingerprint())
                        .bind("deviceData", "{}")
                        .execute()))
                .hasMessageContaining("no unique or exclusion constraint matching the ON CONFLICT specification");
        // The same statement works once V3_5 made the report's index UNIQUE.
        Jdbi afterJdbi = Jdbis.create(after);
        UUID afterUser = new Fixtures(afterJdbi, new Random(12)).user();
        int inserted = afterJdbi.withHandle(handle -> handle.createUpdate(REPORT_DEVICE_UPSERT)
                .bind("id", UUID.randomUUID())
                .bind("userId", afterUser)
                .bind("fingerprint", "f".repeat(64))
                .bind("deviceData", "{}")
                .execute());
        assertThat(inserted).isEqualTo(1);
    }

    @Test
    void reportsSlowQueryMonitorUsesColumnsRemovedInPostgres13() {
        Jdbi jdbi = Jdbis.create(after);
        jdbi.useHandle(handle -> handle.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements"));
        assertThatThrownBy(() -> jdbi.withHandle(handle -> handle.createQuery(REPORT_SLOW_QUERIES).mapToMap().list()))
                .hasMessageContaining("column \"total_time\" does not exist");
    }

    private static int reportFraudRows(Jdbi jdbi, UUID user, String fingerprint, String ip) {
        return jdbi.withHandle(handle -> handle.createQuery(REPORT_FRAUD_QUERY)
                .bind("userId", user)
                .bind("fingerprint", fingerprint)
                .bind("ip", ip)
                .mapToMap()
                .list()
                .size());
    }
}
