package dev.trialbench.monitor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * Rows and helpers the monitor tests share: users with reports, the report listing statement (the
 * query idx_reports_user_created was made for), and a way to wait for statistics counters, which
 * PostgreSQL publishes asynchronously. Thread-safe (stateless).
 */
final class MonitorFixtures {

    /** A user's newest reports: the statement the report's Fix 2 index idx_reports_user_created serves. */
    static final String LISTING_SQL = """
            SELECT report_id, title, created_at
            FROM reports
            WHERE created_by_user_id = ? AND deleted_at IS NULL
            ORDER BY created_at DESC
            LIMIT 50""";

    private MonitorFixtures() {
    }

    /** {@code users} users with {@code reportsPerUser} reports each, one hour apart. */
    static void insertUsersWithReports(DataSource dataSource, int users, int reportsPerUser) {
        execute(dataSource, "INSERT INTO users (user_id, email, name)"
                + " SELECT gen_random_uuid(), 'user' || g || '@example.test', 'User ' || g"
                + " FROM generate_series(1, " + users + ") g");
        execute(dataSource, "INSERT INTO reports (report_id, created_by_user_id, title, created_at)"
                + " SELECT gen_random_uuid(), u.user_id, 'Report ' || g, now() - g * interval '1 hour'"
                + " FROM users u CROSS JOIN generate_series(1, " + reportsPerUser + ") g");
    }

    static UUID anyUserWithReports(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT created_by_user_id FROM reports LIMIT 1")) {
            if (!rows.next()) {
                throw new IllegalStateException("No reports: call insertUsersWithReports first");
            }
            return rows.getObject(1, UUID.class);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the listing for one user and returns how many rows it gave. */
    static int runListing(Connection connection, UUID userId) throws SQLException {
        try (PreparedStatement listing = connection.prepareStatement(LISTING_SQL)) {
            listing.setObject(1, userId);
            int count = 0;
            try (ResultSet rows = listing.executeQuery()) {
                while (rows.next()) {
                    count++;
                }
            }
            return count;
        }
    }

    static void execute(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Fixture statement failed: " + e.getMessage(), e);
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * Asks this connection's backend to publish its pending statistics (PostgreSQL 15+); they are
     * flushed when the backend goes idle, before it answers, so they are visible once this returns.
     */
    static void flushStatistics(Connection connection) throws SQLException {
        execute(connection, "SELECT pg_stat_force_next_flush()");
    }

    /** Polls until the condition holds; statistics may still arrive a moment late on a busy server. */
    static void awaitUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Gave up waiting for: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for: " + what, e);
            }
        }
    }
}
