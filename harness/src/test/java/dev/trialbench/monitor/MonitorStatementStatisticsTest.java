package dev.trialbench.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class MonitorStatementStatisticsTest {

    private static final String LISTING_LIKE = "%FROM reports%WHERE created_by_user_id = $1%";

    @Test
    void extensionIsInstalledOnDemandAndThenUsable() {
        try (HikariDataSource dataSource = TestPostgres.freshDatabase("monitor-ensure", 2)) {
            Monitor monitor = new Monitor(dataSource);
            StatementStatisticsStatus before = monitor.statementStatisticsStatus();

            StatementStatisticsStatus ensured = monitor.ensureStatementStatistics();

            assertThat(before.usable()).isFalse();
            assertThat(before.reason()).contains("not installed").contains("ensureStatementStatistics");
            assertThat(ensured.usable()).as(ensured.reason()).isTrue();
            assertThat(monitor.ensureStatementStatistics().usable()).as("a second call is harmless").isTrue();
        }
    }

    @Test
    void readingWithoutTheExtensionSaysWhatToDo() {
        try (HikariDataSource dataSource = TestPostgres.freshDatabase("monitor-missing-extension", 2)) {
            Monitor monitor = new Monitor(dataSource);

            assertThatThrownBy(monitor::statementStatistics).isInstanceOf(MonitorException.class)
                    .hasMessageContaining("ensureStatementStatistics");
            assertThatThrownBy(monitor::resetStatementStatistics).isInstanceOf(MonitorException.class);
        }
    }

    @Test
    void statementRunAfterResetIsCountedWithItsNormalizedText() throws SQLException {
        try (HikariDataSource dataSource = TestPostgres.after("monitor-statements", 3)) {
            MonitorFixtures.insertUsersWithReports(dataSource, 3, 10);
            UUID userId = MonitorFixtures.anyUserWithReports(dataSource);
            Monitor monitor = new Monitor(dataSource);
            assertThat(monitor.ensureStatementStatistics().usable()).isTrue();
            monitor.resetStatementStatistics();
            assertThat(monitor.statementStatistics(LISTING_LIKE, 10)).isEmpty();

            runListing(dataSource, userId, 3);

            List<StatementStatistic> listing = monitor.statementStatistics(LISTING_LIKE, 10);
            assertThat(listing).singleElement().satisfies(statement -> {
                assertThat(statement.calls()).isEqualTo(3);
                assertThat(statement.rows()).isEqualTo(30);
                assertThat(statement.rowsPerCall()).isEqualTo(10.0);
                assertThat(statement.query()).contains("created_by_user_id = $1").doesNotContain(userId.toString());
                assertThat(statement.queryId()).isNotZero();
                assertThat(statement.totalExecTimeMs()).isGreaterThanOrEqualTo(statement.meanExecTimeMs());
                assertThat(statement.maxExecTimeMs()).isGreaterThanOrEqualTo(statement.minExecTimeMs());
                assertThat(statement.sharedBlocksHit() + statement.sharedBlocksRead()).isPositive();
                assertThat(statement.sharedBlocksHitRatio()).isPresent();
            });
        }
    }

    @Test
    void statisticsAreSortedByTotalTimeAndLimited() throws SQLException {
        try (HikariDataSource dataSource = TestPostgres.after("monitor-statements-sorted", 3)) {
            MonitorFixtures.insertUsersWithReports(dataSource, 2, 5);
            Monitor monitor = new Monitor(dataSource);
            monitor.ensureStatementStatistics();
            runListing(dataSource, MonitorFixtures.anyUserWithReports(dataSource), 2);

            List<StatementStatistic> all = monitor.statementStatistics(null, 100);
            List<StatementStatistic> top = monitor.statementStatistics(null, 2);

            assertThat(all.size()).isGreaterThan(2);
            assertThat(all).extracting(StatementStatistic::totalExecTimeMs)
                    .isSortedAccordingTo((a, b) -> Double.compare(b, a));
            assertThat(top).hasSize(2);
            assertThat(monitor.statementStatistics()).hasSizeLessThanOrEqualTo(Monitor.DEFAULT_STATEMENT_LIMIT);
            assertThatThrownBy(() -> monitor.statementStatistics(null, 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void eachDatabaseSeesAndResetsOnlyItsOwnStatements() throws SQLException {
        try (HikariDataSource first = TestPostgres.after("monitor-statements-first", 3);
             HikariDataSource second = TestPostgres.after("monitor-statements-second", 3)) {
            MonitorFixtures.insertUsersWithReports(first, 1, 1);
            MonitorFixtures.insertUsersWithReports(second, 1, 1);
            Monitor firstMonitor = new Monitor(first);
            Monitor secondMonitor = new Monitor(second);
            firstMonitor.ensureStatementStatistics();
            secondMonitor.ensureStatementStatistics();
            firstMonitor.resetStatementStatistics();
            secondMonitor.resetStatementStatistics();

            runListing(first, MonitorFixtures.anyUserWithReports(first), 2);
            runListing(second, MonitorFixtures.anyUserWithReports(second), 5);
            firstMonitor.resetStatementStatistics();

            assertThat(firstMonitor.statementStatistics(LISTING_LIKE, 10)).isEmpty();
            assertThat(secondMonitor.statementStatistics(LISTING_LIKE, 10))
                    .singleElement().extracting(StatementStatistic::calls).isEqualTo(5L);
        }
    }

    @Test
    void libraryMissingFromSharedPreloadLibrariesIsExplainedAsAFix() {
        // What PostgreSQL answers when the extension exists but the server was started without it;
        // the shared test server has it preloaded, so the answer is built here.
        String reason = StatementStatisticsReader.explain(new SQLException(
                "pg_stat_statements must be loaded via \"shared_preload_libraries\"", "55000"));

        assertThat(reason).contains("not loaded").contains("shared_preload_libraries").contains("restart");
    }

    private static void runListing(DataSource dataSource, UUID userId, int times) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            for (int i = 0; i < times; i++) {
                MonitorFixtures.runListing(connection, userId);
            }
        }
    }
}
