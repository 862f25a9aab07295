package dev.trialbench.monitor;

import static dev.trialbench.monitor.MonitorFixtures.LISTING_SQL;
import static dev.trialbench.monitor.MonitorFixtures.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Plans of the report listing in both schema states, on the same data: 100 users with 50 reports
 * each, analyzed, so the planner's choice follows from the schema and the statistics alone.
 */
class MonitorExplainPlanTest {

    private static HikariDataSource before;
    private static HikariDataSource after;

    @BeforeAll
    static void createBothStates() {
        before = TestPostgres.before("monitor-explain-before", 3);
        after = TestPostgres.after("monitor-explain-after", 3);
        for (DataSource dataSource : new DataSource[] {before, after}) {
            MonitorFixtures.insertUsersWithReports(dataSource, 100, 50);
            execute(dataSource, "ANALYZE");
        }
    }

    @AfterAll
    static void closePools() {
        before.close();
        after.close();
    }

    @Test
    void listingUsesTheReportIndexInAfterState() {
        Plan plan = Monitor.explain(after, LISTING_SQL, MonitorFixtures.anyUserWithReports(after));

        assertThat(plan.usesIndex("idx_reports_user_created")).as(plan.summary()).isTrue();
        assertThat(plan.seqScannedRelations()).as(plan.summary()).isEmpty();
        assertThat(plan.nodeTypes()).contains("Limit");
        assertThat(plan.analyzed()).isFalse();
        assertThat(plan.json()).startsWith("[");
    }

    @Test
    void listingSeqScansReportsInBeforeState() {
        Plan plan = Monitor.explain(before, LISTING_SQL, MonitorFixtures.anyUserWithReports(before));

        assertThat(plan.nodeTypes()).as(plan.summary()).contains("Seq Scan");
        assertThat(plan.seqScans("reports")).isTrue();
        assertThat(plan.indexNames()).doesNotContain("idx_reports_user_created");
    }

    @Test
    void sessionSettingsOfTheGivenConnectionApply() throws SQLException {
        UUID userId = MonitorFixtures.anyUserWithReports(after);
        try (Connection connection = after.getConnection()) {
            execute(connection, "SET enable_indexscan = off");
            execute(connection, "SET enable_bitmapscan = off");

            Plan plan = Monitor.explain(connection, LISTING_SQL, userId);

            assertThat(plan.seqScans("reports")).as(plan.summary()).isTrue();
        }
    }

    @Test
    void analyzeMeasuresTimeAndBuffers() {
        Plan plan = Monitor.explain(after, ExplainMode.ANALYZE_BUFFERS, LISTING_SQL,
                MonitorFixtures.anyUserWithReports(after));

        assertThat(plan.analyzed()).isTrue();
        assertThat(plan.executionTimeMs()).isPresent();
        assertThat(plan.sharedBlocksHit()).isPresent();
        assertThat(plan.usesIndex("idx_reports_user_created")).as(plan.summary()).isTrue();
    }

    @Test
    void analyzedDeleteIsRolledBackInAutocommit() throws SQLException {
        UUID userId = MonitorFixtures.anyUserWithReports(after);
        long reportsBefore = count(after, "SELECT count(*) FROM reports");
        try (Connection connection = after.getConnection()) {
            Plan plan = Monitor.explain(connection, ExplainMode.ANALYZE_BUFFERS,
                    "DELETE FROM reports WHERE created_by_user_id = ?;", userId);

            assertThat(plan.nodeTypes()).contains("ModifyTable");
            assertThat(connection.getAutoCommit()).isTrue();
        }
        assertThat(count(after, "SELECT count(*) FROM reports")).isEqualTo(reportsBefore);
    }

    @Test
    void analyzedDeleteInsideACallersTransactionIsRolledBackToASavepoint() throws SQLException {
        UUID userId = MonitorFixtures.anyUserWithReports(after);
        UUID newUser = UUID.randomUUID();
        long reportsBefore = count(after, "SELECT count(*) FROM reports");
        try (Connection connection = after.getConnection()) {
            connection.setAutoCommit(false);
            execute(connection, "INSERT INTO users (user_id, email) VALUES ('" + newUser + "', 'kept@example.test')");

            Monitor.explain(connection, ExplainMode.ANALYZE_BUFFERS, "DELETE FROM reports WHERE created_by_user_id = ?", userId);
            assertThatThrownBy(() -> Monitor.explain(connection, ExplainMode.ANALYZE_BUFFERS, "SELECT no_such_column FROM reports"))
                    .isInstanceOf(MonitorException.class);
            connection.commit();
            connection.setAutoCommit(true);
        }
        assertThat(count(after, "SELECT count(*) FROM reports")).isEqualTo(reportsBefore);
        assertThat(count(after, "SELECT count(*) FROM users WHERE user_id = '" + newUser + "'")).isEqualTo(1);
        execute(after, "DELETE FROM users WHERE user_id = '" + newUser + "'");
    }

    @Test
    void failingStatementIsReportedWithItsText() {
        assertThatThrownBy(() -> Monitor.explain(after, "SELECT * FROM no_such_table WHERE id = ?", 1))
                .isInstanceOf(MonitorException.class)
                .hasMessageContaining("EXPLAIN failed")
                .hasMessageContaining("no_such_table");
        assertThatThrownBy(() -> Monitor.explain(after, "  ")).isInstanceOf(IllegalArgumentException.class);
    }

    private static long count(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
