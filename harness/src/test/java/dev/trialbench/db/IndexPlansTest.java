package dev.trialbench.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.listing.ReportListing;
import dev.trialbench.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plans behind two of the report's claims ("Report listing: Full table scan" before, "Index
 * scan" after; the device check needs {@code fingerprint_hash} indexed), read back with
 * {@code EXPLAIN (FORMAT JSON)} on two databases that hold the same deterministic rows and differ
 * only by the migration. Values are bound as in production (a prepared statement: custom plans for
 * the real owner and limit), and the plan's nodes are pulled out of the JSON by PostgreSQL itself.
 */
class IndexPlansTest {

    /** The owner of {@value #OWNER_REPORTS} reports; 49 other users own {@value #OTHER_REPORTS} each. */
    private static final UUID OWNER = uuidOf("user1");
    private static final int OWNER_REPORTS = 1200;
    private static final int OTHER_REPORTS = 200;
    private static final int DEVICES = 5000;

    /** The report's device lookup (its {@code device_data} CTE) with a bound hash. */
    private static final String DEVICE_LOOKUP = """
            SELECT fingerprint_hash, trial_count, is_blocked, blocked_reason, last_seen_at
            FROM device_fingerprints WHERE fingerprint_hash = ?""";

    private static HikariDataSource before;
    private static HikariDataSource after;

    @BeforeAll
    static void sameRowsOnBothSchemas() {
        before = TestPostgres.before("plans_before", 2);
        after = TestPostgres.after("plans_after", 2);
        for (DataSource dataSource : List.of(before, after)) {
            MigrationsTest.execute(dataSource, """
                    INSERT INTO users (user_id, email)
                    SELECT md5('user' || u)::uuid, 'user' || u || '@example.test' FROM generate_series(1, 50) AS u""", """
                    INSERT INTO reports (report_id, created_by_user_id, title, damage_type, state, total_cost,
                                         created_at, deleted_at)
                    SELECT md5('report' || u || '-' || r)::uuid, md5('user' || u)::uuid, 'Report ' || r,
                           (ARRAY['water', 'fire', 'mould'])[r %% 3 + 1], 'NSW', (r * 37) %% 9000,
                           timestamptz '2025-01-01' + (r * 50 + u) * interval '1 minute',
                           CASE WHEN r %% 33 = 0 THEN timestamptz '2025-06-01' END
                    FROM generate_series(1, 50) AS u,
                         generate_series(1, CASE WHEN u = 1 THEN %d ELSE %d END) AS r""".formatted(OWNER_REPORTS, OTHER_REPORTS), """
                    INSERT INTO device_fingerprints (fingerprint_id, user_id, fingerprint_hash, trial_count)
                    SELECT md5('device' || d)::uuid, md5('user' || (d %% 50 + 1))::uuid, md5('fingerprint' || d), d %% 3
                    FROM generate_series(1, %d) AS d""".formatted(DEVICES),
                    "ANALYZE");
        }
    }

    @AfterAll
    static void closePools() {
        before.close();
        after.close();
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {ReportListing.PAGE, ReportListing.LARGE})
    void listingReadsTheUserCreatedIndexAfterTheMigration(int limit) {
        assertThat(listingPlan(after, limit))
                .anyMatch(node -> node.endsWith(" using idx_reports_user_created"))
                .noneMatch(node -> node.startsWith("Seq Scan"));
    }

    /**
     * A page is read in index order and the scan stops after 50 rows. (For 1000 of the owner's 1164
     * live rows the planner may rather collect them through a bitmap and sort: still the index, no
     * full scan, so the parameterized test above accepts either.)
     */
    @Test
    void pageOfFiftyIsReadInIndexOrderWithoutSorting() {
        assertThat(listingPlan(after, ReportListing.PAGE))
                .containsExactly("Limit", "Index Scan on reports using idx_reports_user_created");
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {ReportListing.PAGE, ReportListing.LARGE})
    void listingScansTheWholeReportsTableBeforeTheMigration(int limit) {
        assertThat(listingPlan(before, limit))
                .contains("Seq Scan on reports")
                .noneMatch(node -> node.contains(" using "));
    }

    @Test
    void deviceLookupUsesTheUniqueHashIndexAfterTheMigration() {
        assertThat(deviceLookupPlan(after)).containsExactly("Index Scan on device_fingerprints using idx_device_fingerprints_hash");
    }

    @Test
    void deviceLookupScansEveryDeviceBeforeTheMigration() {
        assertThat(deviceLookupPlan(before)).containsExactly("Seq Scan on device_fingerprints");
    }

    @Test
    void bothDatabasesHoldTheSameRows() {
        String fingerprint = """
                SELECT md5(string_agg(report_id::text || coalesce(deleted_at::text, ''), ',' ORDER BY report_id))
                       || (SELECT count(*) FROM device_fingerprints) || '/'
                       || (SELECT count(*) FILTER (WHERE deleted_at IS NOT NULL) FROM reports)
                FROM reports""";
        assertThat(MigrationsTest.strings(after, fingerprint)).isEqualTo(MigrationsTest.strings(before, fingerprint));
        assertThat(MigrationsTest.count(before, "SELECT count(*) FROM reports")).isEqualTo(OWNER_REPORTS + 49L * OTHER_REPORTS);
        assertThat(MigrationsTest.count(before, "SELECT count(*) FROM reports WHERE deleted_at IS NOT NULL"))
                .as("about 3 percent soft-deleted").isBetween(300L, 340L);
    }

    /** The listing's own statement, bound through Jdbi as {@link ReportListing} binds it. */
    private static List<String> listingPlan(DataSource dataSource, int limit) {
        String json = Jdbi.create(dataSource).withHandle(handle -> handle
                .createQuery("EXPLAIN (FORMAT JSON) " + ReportListing.sql())
                .bind("userId", OWNER)
                .bind("limit", limit)
                .mapTo(String.class)
                .one());
        return planNodes(dataSource, json);
    }

    private static List<String> deviceLookupPlan(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement explain = connection.prepareStatement("EXPLAIN (FORMAT JSON) " + DEVICE_LOOKUP)) {
            explain.setString(1, md5Hex("fingerprint2500"));
            try (ResultSet rows = explain.executeQuery()) {
                rows.next();
                return planNodes(dataSource, rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Every node of a JSON plan as "Node Type[ on relation][ using index]", outermost first. */
    private static List<String> planNodes(DataSource dataSource, String json) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement nodes = connection.prepareStatement("""
                     SELECT concat_ws(' ', node->>'Node Type', 'on ' || (node->>'Relation Name'), 'using ' || (node->>'Index Name'))
                     FROM jsonb_path_query(CAST(? AS jsonb), 'strict $.** ? (exists (@."Node Type"))') AS node""")) {
            nodes.setString(1, json);
            List<String> result = new ArrayList<>();
            try (ResultSet rows = nodes.executeQuery()) {
                while (rows.next()) {
                    result.add(rows.getString(1));
                }
            }
            assertThat(result).as("nodes of %s", json).isNotEmpty();
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static UUID uuidOf(String text) {
        return UUID.fromString(md5Hex(text).replaceFirst("(\\w{8})(\\w{4})(\\w{4})(\\w{4})(\\w{12})", "$1-$2-$3-$4-$5"));
    }

    private static String md5Hex(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("MD5").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
