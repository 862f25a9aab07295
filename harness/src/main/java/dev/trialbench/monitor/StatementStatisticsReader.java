package dev.trialbench.monitor;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs, checks, resets and reads {@code pg_stat_statements} for the current database only.
 *
 * <p>The view is qualified with the schema the extension lives in (read from {@code pg_extension}),
 * because hosted servers often install extensions into a schema of their own that is not on the
 * search path. Reading needs the PostgreSQL 13+ columns; older servers are reported unusable.
 * Resetting clears only the current database's entries: an external server may hold other people's
 * statistics. Thread-safe (stateless apart from the data source).
 */
final class StatementStatisticsReader {

    private static final Logger LOG = LoggerFactory.getLogger(StatementStatisticsReader.class);

    static final int MINIMUM_SERVER_VERSION = 130000;
    private static final String NOT_LOADED_STATE = "55000";

    private static final String EXTENSION_SCHEMA_SQL = """
            SELECT quote_ident(n.nspname)
            FROM pg_extension e
            JOIN pg_namespace n ON n.oid = e.extnamespace
            WHERE e.extname = 'pg_stat_statements'""";

    private static final String STATISTICS_SQL = """
            SELECT s.queryid, s.query, s.calls,
                   s.total_exec_time, s.mean_exec_time, s.min_exec_time, s.max_exec_time, s.stddev_exec_time,
                   s.rows, s.shared_blks_hit, s.shared_blks_read, s.temp_blks_read, s.temp_blks_written
            FROM %s.pg_stat_statements s
            JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname = current_database()
              AND (CAST(? AS text) IS NULL OR s.query ILIKE CAST(? AS text))
            ORDER BY s.total_exec_time DESC, s.queryid
            LIMIT ?""";

    private static final String RESET_SQL = """
            SELECT %s.pg_stat_statements_reset(0::oid, d.oid, 0::bigint)
            FROM pg_database d
            WHERE d.datname = current_database()""";

    private final DataSource dataSource;

    StatementStatisticsReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    StatementStatisticsStatus ensure() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        } catch (SQLException e) {
            StatementStatisticsStatus status = status();
            if (status.usable()) {
                return status; // created by a concurrent caller in the meantime
            }
            LOG.info("pg_stat_statements could not be installed: {}", Jdbc.reason(e));
            return StatementStatisticsStatus.unusable("CREATE EXTENSION pg_stat_statements failed: " + Jdbc.reason(e)
                    + ". Ask a superuser to run it in this database;"
                    + " the server also needs shared_preload_libraries = 'pg_stat_statements'.");
        }
        return status();
    }

    StatementStatisticsStatus status() {
        try (Connection connection = dataSource.getConnection()) {
            int version = Jdbc.list(connection, "SELECT current_setting('server_version_num')::int",
                    row -> row.getInt(1)).get(0);
            if (version < MINIMUM_SERVER_VERSION) {
                return StatementStatisticsStatus.unusable("PostgreSQL " + version + " is older than 13: this monitor"
                        + " reads pg_stat_statements' PostgreSQL 13+ columns (total_exec_time, mean_exec_time, ...).");
            }
            Optional<String> schema = extensionSchema(connection);
            if (schema.isEmpty()) {
                return StatementStatisticsStatus.unusable(notInstalled());
            }
            try (Statement probe = connection.createStatement()) {
                probe.executeQuery("SELECT 1 FROM " + schema.get() + ".pg_stat_statements LIMIT 1").close();
            } catch (SQLException e) {
                return StatementStatisticsStatus.unusable(explain(e));
            }
            return StatementStatisticsStatus.usable("pg_stat_statements is installed in schema " + schema.get()
                    + " and its library is loaded.");
        } catch (SQLException e) {
            return StatementStatisticsStatus.unusable("Could not check pg_stat_statements: " + Jdbc.reason(e));
        }
    }

    /**
     * Installed, preloaded, readable: each checked on its own, so that the warning can say which step
     * is missing. Installs nothing.
     */
    StatementStatisticsAvailability availability() {
        try (Connection connection = dataSource.getConnection()) {
            boolean installed = extensionSchema(connection).isPresent();
            Boolean preloaded = preloaded(connection);
            StatementStatisticsStatus status = status();
            if (!status.usable() && installed && preloaded == null) {
                // The setting is superuser-only; the view says whether the library is loaded.
                preloaded = status.reason().contains("shared_preload_libraries") ? Boolean.FALSE : null;
            }
            return new StatementStatisticsAvailability(installed, status.usable() ? Boolean.TRUE : preloaded,
                    status.usable(), status.reason());
        } catch (SQLException e) {
            return new StatementStatisticsAvailability(false, null, false,
                    "Could not check pg_stat_statements: " + Jdbc.reason(e));
        }
    }

    /** Reads the statistics, or says why they are not collected; never throws for their absence. */
    StatementStatisticsReading reading(String queryLike, int limit) {
        StatementStatisticsStatus status = status();
        if (!status.usable()) {
            return StatementStatisticsReading.notCollected(status.reason());
        }
        try {
            return new StatementStatisticsReading(true, null, read(queryLike, limit));
        } catch (MonitorException e) {
            return StatementStatisticsReading.notCollected(e.getMessage());
        }
    }

    /** Whether shared_preload_libraries names pg_stat_statements; null when this user may not read it. */
    private static Boolean preloaded(Connection connection) {
        try {
            String libraries = Jdbc.list(connection, "SELECT current_setting('shared_preload_libraries')",
                    row -> row.getString(1)).get(0);
            for (String library : libraries.split(",")) {
                if (library.strip().replace("\"", "").replace("'", "").equals("pg_stat_statements")) {
                    return true;
                }
            }
            return false;
        } catch (SQLException e) {
            return null;
        }
    }

    void reset() {
        try (Connection connection = dataSource.getConnection()) {
            String schema = requireSchema(connection);
            Jdbc.list(connection, RESET_SQL.formatted(schema), row -> row.getObject(1));
        } catch (SQLException e) {
            throw new MonitorException("Could not reset pg_stat_statements for this database: " + explain(e), e);
        }
    }

    List<StatementStatistic> read(String queryLike, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("The statement limit must be at least 1, was " + limit);
        }
        try (Connection connection = dataSource.getConnection()) {
            String schema = requireSchema(connection);
            return Jdbc.list(connection, STATISTICS_SQL.formatted(schema), row -> new StatementStatistic(
                    row.getLong("queryid"), row.getString("query"), row.getLong("calls"),
                    row.getDouble("total_exec_time"), row.getDouble("mean_exec_time"),
                    row.getDouble("min_exec_time"), row.getDouble("max_exec_time"),
                    row.getDouble("stddev_exec_time"), row.getLong("rows"),
                    row.getLong("shared_blks_hit"), row.getLong("shared_blks_read"),
                    row.getLong("temp_blks_read"), row.getLong("temp_blks_written")),
                    queryLike, queryLike, limit);
        } catch (SQLException e) {
            throw new MonitorException("Could not read pg_stat_statements: " + explain(e), e);
        }
    }

    private static String requireSchema(Connection connection) throws SQLException {
        return extensionSchema(connection).orElseThrow(() -> new MonitorException(notInstalled()));
    }

    private static Optional<String> extensionSchema(Connection connection) throws SQLException {
        return Jdbc.list(connection, EXTENSION_SCHEMA_SQL, row -> row.getString(1)).stream().findFirst();
    }

    private static String notInstalled() {
        return "The pg_stat_statements extension is not installed in this database:"
                + " call Monitor.ensureStatementStatistics() (CREATE EXTENSION pg_stat_statements) first.";
    }

    /** The server's reason, turned into what to do when it is the usual one (library not preloaded). */
    static String explain(SQLException e) {
        if (NOT_LOADED_STATE.equals(e.getSQLState())) {
            return "pg_stat_statements is installed but its library is not loaded (" + Jdbc.reason(e)
                    + "): add pg_stat_statements to shared_preload_libraries and restart the server.";
        }
        return Jdbc.reason(e);
    }
}
