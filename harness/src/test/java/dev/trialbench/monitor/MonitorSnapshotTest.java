package dev.trialbench.monitor;

import static dev.trialbench.monitor.MonitorFixtures.LISTING_SQL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MonitorSnapshotTest {

    @Test
    void snapshotGathersEverythingAndRendersItAsText() throws SQLException {
        try (HikariDataSource dataSource = TestPostgres.after("monitor-snapshot", 3)) {
            Monitor monitor = new Monitor(dataSource);
            monitor.ensureStatementStatistics();
            monitor.resetStatementStatistics();
            MonitorFixtures.insertUsersWithReports(dataSource, 10, 5);
            UUID userId = MonitorFixtures.anyUserWithReports(dataSource);
            try (Connection connection = dataSource.getConnection()) {
                MonitorFixtures.runListing(connection, userId);
            }
            Plan listing = Monitor.explain(dataSource, LISTING_SQL, userId);

            MonitorSnapshot snapshot = monitor.snapshot("trialbench-test", 50).withPlan("listing, AFTER", listing);
            String text = snapshot.toText();

            assertThat(snapshot.server().database()).startsWith("tb_monitor_snapshot");
            assertThat(snapshot.server().serverVersionNumber()).isGreaterThanOrEqualTo(130000);
            assertThat(snapshot.statementStatistics().usable()).isTrue();
            assertThat(snapshot.statements()).isNotEmpty().hasSizeLessThanOrEqualTo(50)
                    .anySatisfy(statement -> assertThat(statement.query()).contains("created_by_user_id = $1"));
            assertThat(snapshot.unusedIndexes()).extracting(IndexFinding::index).contains("idx_reports_covering");
            assertThat(snapshot.duplicateIndexes()).isEmpty();
            assertThat(snapshot.invalidIndexes()).isEmpty();
            assertThat(snapshot.connections().total()).isGreaterThanOrEqualTo(1);
            assertThat(snapshot.pool()).hasValueSatisfying(pool -> assertThat(pool.running()).isTrue());
            assertThat(snapshot.relations()).extracting(RelationSize::table).contains("reports", "users");
            assertThat(snapshot.plans()).containsOnlyKeys("listing, AFTER");

            assertThat(text)
                    .contains("database " + snapshot.server().database())
                    .contains("connections of trialbench-test:")
                    .contains("cache hit ratio: indexes ")
                    .contains("statements (top ")
                    .contains("SELECT report_id, title, created_at FROM reports WHERE created_by_user_id")
                    .doesNotContain(userId.toString())
                    .contains("UNUSED")
                    .contains("public.reports idx_reports_covering")
                    .contains("reports")
                    .contains("listing, AFTER: ")
                    .contains("idx_reports_user_created");
        }
    }

    @Test
    void snapshotWithoutStatementStatisticsSaysWhyAndStillReportsTheRest() {
        try (HikariDataSource dataSource = TestPostgres.before("monitor-snapshot-bare", 2)) {
            MonitorSnapshot snapshot = new Monitor(dataSource).snapshot();

            assertThat(snapshot.statementStatistics().usable()).isFalse();
            assertThat(snapshot.statements()).isEmpty();
            assertThat(snapshot.relations()).isNotEmpty();
            assertThat(snapshot.toText()).contains("statements: not available: ").contains("not installed");
        }
    }

    @Test
    void snapshotIsImmutable() {
        try (HikariDataSource dataSource = TestPostgres.before("monitor-snapshot-immutable", 2)) {
            MonitorSnapshot snapshot = new Monitor(dataSource).snapshot();

            assertThatThrownBy(() -> snapshot.relations().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> snapshot.plans().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> snapshot.unusedIndexes().clear()).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void sizesRatiosAndQueriesAreFormattedCompactly() {
        assertThat(SnapshotText.bytes(0)).isEqualTo("0 B");
        assertThat(SnapshotText.bytes(8192)).isEqualTo("8.0 kB");
        assertThat(SnapshotText.bytes(5L * 1024 * 1024 + 512 * 1024)).isEqualTo("5.5 MB");
        assertThat(SnapshotText.ratio(new HitRatio(0, 0))).startsWith("n/a");
        assertThat(SnapshotText.ratio(new HitRatio(99, 1))).isEqualTo("99.00% (99 hits, 1 reads)");
        assertThat(SnapshotText.oneLine("SELECT a,\n       b\n  FROM t")).isEqualTo("SELECT a, b FROM t");
        assertThat(SnapshotText.oneLine("x".repeat(200))).hasSize(SnapshotText.QUERY_WIDTH).endsWith("...");
    }
}
