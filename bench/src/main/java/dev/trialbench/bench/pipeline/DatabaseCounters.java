package dev.trialbench.bench.pipeline;

import dev.trialbench.bench.runfolder.RunEvidence.DatabaseEvidence;
import dev.trialbench.monitor.Monitor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Scopes the server's cumulative statistics to one measurement window: {@link #reset} before it,
 * {@link #read} after it. Resetting needs the right to call pg_stat_reset (superuser or granted);
 * where that is missing, the figures cover the database's whole life and say so in the log.
 */
final class DatabaseCounters {

    private DatabaseCounters() {
    }

    /** Resets the database's statistics and pg_stat_statements; returns false if not allowed. */
    static boolean reset(DataSource dataSource, Monitor monitor, boolean statementStatistics) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_reset()");
            if (statementStatistics) {
                monitor.resetStatementStatistics();
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    static DatabaseEvidence read(String schema, DataSource dataSource, Monitor monitor) {
        forceFlush(dataSource);
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT xact_commit, xact_rollback, deadlocks FROM pg_stat_database WHERE datname = current_database()")) {
            rows.next();
            return new DatabaseEvidence(schema, ratio(monitor.indexHitRatio().ratioOrNaN()),
                    ratio(monitor.tableHitRatio().ratioOrNaN()), rows.getLong(3), rows.getLong(1), rows.getLong(2));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read pg_stat_database: " + e.getMessage(), e);
        }
    }

    /** Statistics reach the shared views asynchronously; PostgreSQL 15+ can be asked to flush now. */
    static void forceFlush(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_force_next_flush()");
            statement.execute("SELECT 1");
        } catch (SQLException e) {
            // Older server: the figures may lag by up to a second.
        }
    }

    private static Double ratio(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
