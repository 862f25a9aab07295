package dev.trialbench.seed;

import static dev.trialbench.seed.SeededDatabases.SEED;
import static dev.trialbench.seed.SeededDatabases.queryLong;
import static dev.trialbench.seed.SeededDatabases.seeded;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.Migrations;
import dev.trialbench.seed.SeededDatabases.Seeded;
import dev.trialbench.seed.SeededDatabases.State;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The guarantees a benchmark relies on, checked on the rows read back, in both schema states. */
class SeededDataIntegrityTest {

    /** Every AFTER-state constraint, as a count of the rows that would violate it (V4_1's checks). */
    private static final List<String> VIOLATIONS = List.of(
            "SELECT count(*) FROM free_trial_tokens t WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.user_id = t.user_id)",
            "SELECT count(*) FROM device_fingerprints d WHERE d.user_id IS NOT NULL"
                    + " AND NOT EXISTS (SELECT 1 FROM users u WHERE u.user_id = d.user_id)",
            "SELECT count(*) FROM trial_fraud_flags f WHERE f.user_id IS NOT NULL"
                    + " AND NOT EXISTS (SELECT 1 FROM users u WHERE u.user_id = f.user_id)",
            "SELECT count(*) FROM trial_usage tu WHERE NOT EXISTS (SELECT 1 FROM free_trial_tokens t WHERE t.token_id = tu.token_id)",
            "SELECT count(*) FROM trial_usage tu WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.user_id = tu.user_id)",
            "SELECT count(*) FROM payment_verifications p WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.user_id = p.user_id)",
            "SELECT count(*) FROM login_sessions s WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.user_id = s.user_id)",
            "SELECT count(*) FROM reports r WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.user_id = r.created_by_user_id)",
            "SELECT count(*) FROM free_trial_tokens WHERE reports_remaining < 0",
            "SELECT count(*) FROM reports WHERE total_cost < 0",
            "SELECT count(*) FROM trial_fraud_flags WHERE fraud_score < 0 OR fraud_score > 100",
            "SELECT count(*) - count(DISTINCT fingerprint_hash) FROM device_fingerprints",
            "SELECT count(*) FROM device_fingerprints WHERE fingerprint_hash !~ '^[0-9a-f]{64}$'");

    @ParameterizedTest
    @EnumSource(State.class)
    void noRowViolatesAnyAfterStateConstraint(State state) {
        HikariDataSource dataSource = seeded(state, SEED, 0).dataSource();
        for (String violation : VIOLATIONS) {
            assertThat(queryLong(dataSource, violation)).as(violation).isZero();
        }
    }

    @Test
    void afterStateEnforcedEveryConstraintWhileLoading() {
        HikariDataSource dataSource = seeded(State.AFTER, SEED, 0).dataSource();
        assertThat(queryLong(dataSource, "SELECT count(*) FROM pg_constraint WHERE contype IN ('f', 'c')"
                + " AND connamespace = 'public'::regnamespace AND convalidated")).isEqualTo(11);
        assertThat(queryLong(dataSource, "SELECT count(*) FROM pg_index WHERE indisunique AND indisvalid"
                + " AND indexrelid = 'idx_device_fingerprints_hash'::regclass")).isEqualTo(1);
    }

    @Test
    void seededBeforeStateAcceptsTheAfterMigration() {
        try (HikariDataSource dataSource = SeededDatabases.fresh(State.BEFORE, "seed_then_migrate")) {
            new Seeder().seed(dataSource, SeededDatabases.config(SEED), SeedProgress.none());
            // Builds the UNIQUE fingerprint index and validates every foreign key and check on the rows.
            new Migrations(dataSource).migrateToAfter();
            assertThat(new Migrations(dataSource).state()).isEqualTo(Migrations.SchemaState.AFTER);
            assertThat(queryLong(dataSource, "SELECT count(*) FROM pg_constraint WHERE NOT convalidated")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(State.class)
    void reservedUsersOwnNoRowAnywhere(State state) throws SQLException {
        Seeded seeded = seeded(state, SEED, 0);
        List<Object> reserved = new ArrayList<>();
        for (int k = 0; k < seeded.plan().reservedUserCount(); k++) {
            reserved.add(seeded.plan().reservedUser(k));
        }
        assertThat(reserved).hasSize(200);
        assertThat(countMatching(seeded, "SELECT count(*) FROM users WHERE user_id = ANY (?)", "uuid", reserved))
                .isEqualTo(200);
        for (String owned : List.of("free_trial_tokens", "payment_verifications", "trial_fraud_flags",
                "login_sessions", "device_fingerprints", "trial_usage")) {
            assertThat(countMatching(seeded, "SELECT count(*) FROM " + owned + " WHERE user_id = ANY (?)", "uuid", reserved))
                    .as(owned).isZero();
        }
        assertThat(countMatching(seeded, "SELECT count(*) FROM reports WHERE created_by_user_id = ANY (?)", "uuid", reserved))
                .isZero();
    }

    @ParameterizedTest
    @EnumSource(State.class)
    void reservedFingerprintsAndIpsAreAbsentAndExistingOnesArePresent(State state) throws SQLException {
        Seeded seeded = seeded(state, SEED, 0);
        SeedPlan plan = seeded.plan();
        List<Object> fingerprints = new ArrayList<>();
        for (int k = 0; k < plan.reservedDeviceCount(); k++) {
            fingerprints.add(plan.reservedFingerprint(k));
        }
        List<Object> ips = new ArrayList<>();
        for (int k = 0; k < plan.reservedIpCount(); k++) {
            ips.add(plan.reservedIp(k));
        }
        for (String table : List.of("device_fingerprints", "trial_fraud_flags")) {
            assertThat(countMatching(seeded, "SELECT count(*) FROM " + table + " WHERE fingerprint_hash = ANY (?)",
                    "text", fingerprints)).as(table).isZero();
        }
        for (String table : List.of("login_sessions", "trial_fraud_flags")) {
            assertThat(countMatching(seeded, "SELECT count(*) FROM " + table + " WHERE ip_address = ANY (?::inet[])",
                    "text", ips)).as(table).isZero();
            assertThat(queryLong(seeded.dataSource(), "SELECT count(*) FROM " + table
                    + " WHERE ip_address << '198.18.0.0/15' OR ip_address << '2001:db8::/32'")).as(table).isZero();
        }
        List<Object> existing = new ArrayList<>();
        for (long i = 0; i < plan.rowCount(SeedTable.DEVICE_FINGERPRINTS); i += 97) {
            existing.add(plan.existingFingerprint(i));
        }
        assertThat(countMatching(seeded, "SELECT count(*) FROM device_fingerprints WHERE fingerprint_hash = ANY (?)",
                "text", existing)).isEqualTo(existing.size());
    }

    @ParameterizedTest
    @EnumSource(State.class)
    void heavyOwnersHaveAtLeastAThousandLiveReports(State state) {
        Seeded seeded = seeded(state, SEED, 0);
        assertThat(seeded.plan().heavyReportOwnerCount()).isGreaterThanOrEqualTo(2);
        for (int k = 0; k < seeded.plan().heavyReportOwnerCount(); k++) {
            assertThat(queryLong(seeded.dataSource(), "SELECT count(*) FROM reports WHERE deleted_at IS NULL"
                    + " AND created_by_user_id = '" + seeded.plan().heavyReportOwner(k) + "'"))
                    .isGreaterThanOrEqualTo(SeedPlan.HEAVY_OWNER_MIN_LIVE_REPORTS);
        }
    }

    @ParameterizedTest
    @EnumSource(State.class)
    void noUserHasTwoActiveTokensAndUsageFollowsItsToken(State state) {
        HikariDataSource dataSource = seeded(state, SEED, 0).dataSource();
        String anchor = "'" + SeededDatabases.ANCHOR + "'::timestamptz";
        assertThat(queryLong(dataSource, "SELECT count(*) FROM (SELECT user_id FROM free_trial_tokens"
                + " WHERE status = 'active' AND expires_at > " + anchor + " GROUP BY user_id HAVING count(*) > 1) twice"))
                .isZero();
        assertThat(queryLong(dataSource, "SELECT count(*) FROM free_trial_tokens WHERE status = 'active'"
                + " AND expires_at > " + anchor)).isPositive();
        assertThat(queryLong(dataSource, "SELECT count(*) FROM free_trial_tokens WHERE status NOT IN ('active', 'expired')"
                + " OR (status = 'active') <> (expires_at > " + anchor + ")")).isZero();
        assertThat(queryLong(dataSource, "SELECT count(*) FROM trial_usage u JOIN free_trial_tokens t USING (token_id)"
                + " WHERE t.user_id <> u.user_id OR u.created_at > " + anchor)).isZero();
    }

    private static long countMatching(Seeded seeded, String sql, String elementType, List<Object> values)
            throws SQLException {
        try (Connection connection = seeded.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            Array array = connection.createArrayOf(elementType, values.toArray());
            statement.setArray(1, array);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
