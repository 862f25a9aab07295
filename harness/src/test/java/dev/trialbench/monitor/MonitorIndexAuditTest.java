package dev.trialbench.monitor;

import static dev.trialbench.monitor.MonitorFixtures.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MonitorIndexAuditTest {

    /** The V3 indexes that enforce nothing; idx_device_fingerprints_hash is UNIQUE and stays out. */
    private static final Set<String> NON_UNIQUE_V3_INDEXES = Set.of(
            "idx_users_google_id", "idx_users_password_hash",
            "idx_free_trial_tokens_user_id", "idx_free_trial_tokens_status",
            "idx_device_fingerprints_user", "idx_fraud_flags_user_fingerprint",
            "idx_login_sessions_ip_time", "idx_payment_verifications_card",
            "idx_ascora_jobs_org_status", "idx_ascora_customers_org_email",
            "idx_reports_user_created", "idx_reports_covering");

    @Test
    void freshAfterDatabaseReportsEveryNonUniqueV3IndexAsUnused() {
        try (HikariDataSource dataSource = TestPostgres.after("monitor-unused", 3)) {
            List<IndexFinding> unused = new Monitor(dataSource).unusedIndexes();

            assertThat(names(unused)).filteredOn(name -> name.startsWith("idx_"))
                    .containsExactlyInAnyOrderElementsOf(NON_UNIQUE_V3_INDEXES);
            assertThat(names(unused)).doesNotContain("idx_device_fingerprints_hash")
                    .noneMatch(name -> name.endsWith("_pkey"));
            assertThat(unused).allSatisfy(finding -> {
                assertThat(finding.kind()).isEqualTo(IndexFinding.Kind.UNUSED);
                assertThat(finding.schema()).isEqualTo("public");
                assertThat(finding.definition()).startsWith("CREATE INDEX ");
                assertThat(finding.sizeBytes()).isPositive();
                assertThat(finding.reason()).contains("idx_scan = 0");
                assertThat(finding.redundantTo()).isEmpty();
                assertThat(finding.scans()).as("citable: scanned 0 times since ...").isZero();
                assertThat(finding.statisticsSince()).startsWith("the statistics");
            });
            assertThat(unused).filteredOn(finding -> finding.index().equals("idx_users_password_hash"))
                    .singleElement()
                    .satisfies(finding -> assertThat(finding.table()).isEqualTo("users"));
            assertThat(unused).filteredOn(finding -> finding.index().equals("idx_reports_user_created"))
                    .singleElement()
                    .satisfies(finding -> assertThat(finding.table()).isEqualTo("reports"));
        }
    }

    @Test
    void beforeDatabaseHasNoReportIndexesToJudge() {
        try (HikariDataSource dataSource = TestPostgres.before("monitor-unused-before", 3)) {
            assertThat(names(new Monitor(dataSource).unusedIndexes())).noneMatch(name -> name.startsWith("idx_"));
        }
    }

    @Test
    void indexScannedByTheListingIsNoLongerUnused() throws SQLException {
        try (HikariDataSource dataSource = TestPostgres.after("monitor-used", 3)) {
            MonitorFixtures.insertUsersWithReports(dataSource, 5, 4);
            UUID userId = MonitorFixtures.anyUserWithReports(dataSource);
            Monitor monitor = new Monitor(dataSource);
            try (Connection connection = dataSource.getConnection()) {
                // A handful of rows: without this the planner rightly prefers a sequential scan.
                execute(connection, "SET enable_seqscan = off");
                assertThat(MonitorFixtures.runListing(connection, userId)).isEqualTo(4);
                execute(connection, "RESET enable_seqscan");
                MonitorFixtures.flushStatistics(connection);
            }

            MonitorFixtures.awaitUntil("idx_reports_user_created to be counted as scanned",
                    () -> scans(monitor, "idx_reports_user_created") > 0);

            assertThat(names(monitor.unusedIndexes())).doesNotContain("idx_reports_user_created")
                    .contains("idx_reports_covering", "idx_users_password_hash");
        }
    }

    @Test
    void afterStateHasNoDuplicateOrRedundantIndexes() {
        try (HikariDataSource dataSource = TestPostgres.after("monitor-no-duplicates", 3)) {
            assertThat(new Monitor(dataSource).duplicateIndexes()).isEmpty();
        }
    }

    @Test
    void indexOnTheSameColumnsIsReportedAsDuplicateOfTheOlderOne() {
        try (HikariDataSource dataSource = TestPostgres.after("monitor-duplicate", 3)) {
            execute(dataSource, "CREATE INDEX idx_reports_user_created_again ON reports"
                    + " (created_by_user_id, created_at DESC) WHERE deleted_at IS NULL");

            List<IndexFinding> duplicates = new Monitor(dataSource).duplicateIndexes();

            assertThat(duplicates).singleElement().satisfies(finding -> {
                assertThat(finding.kind()).isEqualTo(IndexFinding.Kind.DUPLICATE);
                assertThat(finding.table()).isEqualTo("reports");
                assertThat(finding.index()).isEqualTo("idx_reports_user_created_again");
                assertThat(finding.redundantTo()).hasValue("idx_reports_user_created");
                assertThat(finding.definition()).contains("(created_by_user_id, created_at DESC)")
                        .contains("WHERE (deleted_at IS NULL)");
                assertThat(finding.reason()).contains("idx_reports_user_created");
            });
        }
    }

    @Test
    void plainIndexBesideAUniqueOneOnTheSameColumnIsTheDuplicate() {
        try (HikariDataSource dataSource = TestPostgres.after("monitor-duplicate-unique", 3)) {
            execute(dataSource, "CREATE INDEX idx_aaa_fingerprint_hash_plain ON device_fingerprints (fingerprint_hash)");

            assertThat(new Monitor(dataSource).duplicateIndexes()).singleElement().satisfies(finding -> {
                assertThat(finding.index()).isEqualTo("idx_aaa_fingerprint_hash_plain");
                assertThat(finding.redundantTo()).hasValue("idx_device_fingerprints_hash");
            });
        }
    }

    @Test
    void indexLedByALongerOneWithTheSamePredicateIsPrefixRedundant() {
        try (HikariDataSource dataSource = TestPostgres.after("monitor-prefix", 3)) {
            execute(dataSource, "CREATE INDEX idx_reports_user_only ON reports (created_by_user_id) WHERE deleted_at IS NULL");
            // Not redundant: other predicate; unique; other sort order of the shared column.
            execute(dataSource, "CREATE INDEX idx_reports_user_all ON reports (created_by_user_id)");
            execute(dataSource, "CREATE UNIQUE INDEX idx_users_email_name_unique ON users (email, name)");
            execute(dataSource, "CREATE UNIQUE INDEX idx_users_email_unique ON users (email)");
            execute(dataSource, "CREATE INDEX idx_login_sessions_ip_desc ON login_sessions (ip_address DESC)");

            List<IndexFinding> duplicates = new Monitor(dataSource).duplicateIndexes();

            assertThat(duplicates).singleElement().satisfies(finding -> {
                assertThat(finding.kind()).isEqualTo(IndexFinding.Kind.PREFIX_REDUNDANT);
                assertThat(finding.index()).isEqualTo("idx_reports_user_only");
                assertThat(finding.redundantTo()).hasValue("idx_reports_user_created");
            });
        }
    }

    @Test
    void failedConcurrentUniqueBuildLeavesAnIndexReportedAsInvalid() throws SQLException {
        try (HikariDataSource dataSource = TestPostgres.after("monitor-invalid", 3)) {
            execute(dataSource, "INSERT INTO users (user_id, email) VALUES"
                    + " (gen_random_uuid(), 'same@example.test'), (gen_random_uuid(), 'same@example.test')");
            try (Connection connection = dataSource.getConnection()) {
                assertThat(connection.getAutoCommit()).isTrue();
                assertThatThrownBy(() -> execute(connection,
                        "CREATE UNIQUE INDEX CONCURRENTLY idx_users_email_unique ON users (email)"))
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
            }
            Monitor monitor = new Monitor(dataSource);

            assertThat(monitor.invalidIndexes()).singleElement().satisfies(finding -> {
                assertThat(finding.kind()).isEqualTo(IndexFinding.Kind.INVALID);
                assertThat(finding.table()).isEqualTo("users");
                assertThat(finding.index()).isEqualTo("idx_users_email_unique");
                assertThat(finding.definition()).startsWith("CREATE UNIQUE INDEX idx_users_email_unique");
                assertThat(finding.reason()).contains("INVALID").contains("DROP INDEX CONCURRENTLY");
            });
            assertThat(names(monitor.unusedIndexes())).doesNotContain("idx_users_email_unique");
            assertThat(monitor.duplicateIndexes()).isEmpty();
        }
    }

    @Test
    void validDatabaseHasNoInvalidIndexes() {
        try (HikariDataSource dataSource = TestPostgres.after("monitor-valid", 3)) {
            assertThat(new Monitor(dataSource).invalidIndexes()).isEmpty();
        }
    }

    private static List<String> names(List<IndexFinding> findings) {
        return findings.stream().map(IndexFinding::index).toList();
    }

    private static long scans(Monitor monitor, String index) {
        return monitor.indexUsage().stream()
                .filter(usage -> usage.index().equals(index))
                .mapToLong(IndexUsage::scans)
                .sum();
    }
}
