package dev.trialbench.monitor;

import static dev.trialbench.monitor.MonitorFixtures.execute;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MonitorSizesAndConnectionsTest {

    private static final List<String> TABLES = List.of("users", "free_trial_tokens", "device_fingerprints",
            "trial_fraud_flags", "trial_usage", "payment_verifications", "login_sessions", "reports",
            "ascora_customers", "ascora_jobs");

    @Test
    void relationSizesListEveryTableWithPartsThatAddUp() {
        try (HikariDataSource dataSource = TestPostgres.after("monitor-sizes", 3)) {
            MonitorFixtures.insertUsersWithReports(dataSource, 20, 10);
            execute(dataSource, "ANALYZE reports");

            List<RelationSize> sizes = new Monitor(dataSource).relationSizes();

            assertThat(sizes).extracting(RelationSize::table).containsAll(TABLES);
            assertThat(sizes).allSatisfy(size -> {
                assertThat(size.schema()).isEqualTo("public");
                assertThat(size.heapBytes() + size.indexBytes() + size.toastBytes()).isEqualTo(size.totalBytes());
                assertThat(size.indexes()).extracting(RelationSize.IndexSize::bytes)
                        .allSatisfy(bytes -> assertThat(bytes).isPositive());
                assertThat(size.indexes().stream().mapToLong(RelationSize.IndexSize::bytes).sum())
                        .isEqualTo(size.indexBytes());
            });
            assertThat(sizes).extracting(RelationSize::totalBytes).isSortedAccordingTo((a, b) -> Long.compare(b, a));
            RelationSize reports = table(sizes, "reports");
            assertThat(reports.estimatedRows()).hasValue(200);
            assertThat(reports.heapBytes()).isPositive();
            assertThat(reports.indexes()).extracting(RelationSize.IndexSize::index)
                    .containsExactlyInAnyOrder("reports_pkey", "idx_reports_user_created", "idx_reports_covering");
            assertThat(table(sizes, "ascora_jobs").estimatedRows()).as("never analyzed").isEmpty();
        }
    }

    @Test
    void connectionStatsCountTheAskingConnectionAndFilterByApplication() throws SQLException {
        try (HikariDataSource dataSource = TestPostgres.after("monitor-connections", 4)) {
            Monitor monitor = new Monitor(dataSource);

            ConnectionStats all = monitor.connectionStats(null);
            ConnectionStats ours = monitor.connectionStats("trialbench-test");
            ConnectionStats nobody = monitor.connectionStats("no-such-application");

            assertThat(all.total()).isGreaterThanOrEqualTo(1);
            assertThat(all.active()).isGreaterThanOrEqualTo(1);
            assertThat(all.total()).isGreaterThanOrEqualTo(all.active() + all.idle() + all.idleInTransaction());
            assertThat(all.maxConnections()).isPositive();
            assertThat(all.database()).startsWith("tb_monitor_connections");
            assertThat(all.applicationName()).isEmpty();
            assertThat(ours.total()).isGreaterThanOrEqualTo(1);
            assertThat(ours.applicationName()).hasValue("trialbench-test");
            assertThat(nobody.total()).isZero();
        }
    }

    @Test
    void connectionStatsSeeIdleInTransactionAndLockWaits() throws Exception {
        try (HikariDataSource dataSource = TestPostgres.after("monitor-locks", 4)) {
            Monitor monitor = new Monitor(dataSource);
            try (Connection holder = dataSource.getConnection()) {
                holder.setAutoCommit(false);
                execute(holder, "LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
                CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> countUsers(dataSource));

                MonitorFixtures.awaitUntil("a session waiting on the lock", () -> monitor.connectionStats(null).waitingOnLock() >= 1);
                assertThat(monitor.connectionStats(null).idleInTransaction()).isGreaterThanOrEqualTo(1);

                holder.rollback();
                blocked.get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void poolStatsReadTheHikariPool() throws SQLException {
        HikariDataSource dataSource = TestPostgres.freshDatabase("monitor-pool", 3);
        try (dataSource; Connection borrowed = dataSource.getConnection()) {
            assertThat(borrowed.isClosed()).isFalse();
            PoolStats stats = Monitor.poolStats(dataSource);

            assertThat(stats.running()).isTrue();
            assertThat(stats.poolName()).isEqualTo(dataSource.getPoolName());
            assertThat(stats.active()).isGreaterThanOrEqualTo(1);
            assertThat(stats.total()).isGreaterThanOrEqualTo(stats.active());
            assertThat(stats.threadsAwaiting()).isZero();
            assertThat(stats.maximumPoolSize()).isEqualTo(3);
        }
        assertThat(Monitor.poolStats(dataSource).running()).isFalse();
    }

    @Test
    void hitRatiosAreEmptyWithoutAccessesAndFractionsAfterReads() throws SQLException {
        try (HikariDataSource empty = TestPostgres.freshDatabase("monitor-hits-empty", 2)) {
            Monitor monitor = new Monitor(empty);

            assertThat(monitor.indexHitRatio().ratio()).isEmpty();
            assertThat(monitor.indexHitRatio().ratioOrNaN()).isNaN();
            assertThat(monitor.tableHitRatio().ratio()).isEmpty();
        }
        try (HikariDataSource dataSource = TestPostgres.after("monitor-hits", 3)) {
            MonitorFixtures.insertUsersWithReports(dataSource, 10, 10);
            try (Connection connection = dataSource.getConnection()) {
                execute(connection, "SET enable_seqscan = off");
                MonitorFixtures.runListing(connection, MonitorFixtures.anyUserWithReports(dataSource));
                MonitorFixtures.flushStatistics(connection);
            }
            Monitor monitor = new Monitor(dataSource);
            MonitorFixtures.awaitUntil("index block accesses to be counted", () -> monitor.indexHitRatio().ratio().isPresent());

            assertThat(monitor.indexHitRatio().ratio().getAsDouble()).isBetween(0.0, 1.0);
            assertThat(monitor.tableHitRatio().ratio()).isPresent();
        }
    }

    private static RelationSize table(List<RelationSize> sizes, String name) {
        return sizes.stream().filter(size -> size.table().equals(name)).findFirst().orElseThrow();
    }

    private static void countUsers(HikariDataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, "SELECT count(*) FROM users");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
