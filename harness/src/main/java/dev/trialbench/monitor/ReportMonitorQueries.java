package dev.trialbench.monitor;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * The optimization report's Fix 6 ({@code DatabasePerformanceMonitor}) run as the report writes it, so
 * that its claims can be judged on what it names, not on what trialbench's own {@link Monitor} does:
 * <ul>
 *   <li>{@code findMissingIndexes}: the report's {@code pg_stats} query, verbatim ({@code n_distinct >
 *       100 AND correlation < 0.1}). It runs as written on any PostgreSQL; its rows depend on the last
 *       ANALYZE. It skips every column whose distinct count the planner scales with the table
 *       ({@code n_distinct} negative, -1 for unique columns), which are the most selective ones.</li>
 *   <li>{@code analyzeSlowQueries}: the report's {@code pg_stat_statements} query is tried verbatim
 *       first. On PostgreSQL 13 and later it cannot run as written ({@code total_time},
 *       {@code mean_time}, {@code max_time} and {@code stddev_time} were renamed {@code *_exec_time}:
 *       SQLState 42703); the failure is recorded and the same query is run with the new names, which
 *       is what the report's author would have had to do. Like the report's, it reads every database
 *       of the server; each row says whether it is of the current one.</li>
 * </ul>
 * Reads only. Thread-safe (stateless).
 */
public final class ReportMonitorQueries {

    /** The report's findMissingIndexes query, verbatim. */
    public static final String FIND_MISSING_INDEXES = """
            SELECT
              schemaname,
              tablename,
              attname,
              n_distinct,
              correlation
            FROM pg_stats
            WHERE schemaname = 'public'
              AND n_distinct > 100
              AND correlation < 0.1
            ORDER BY n_distinct DESC""";

    /** The report's analyzeSlowQueries query, verbatim (PostgreSQL 12 and older column names). */
    public static final String ANALYZE_SLOW_QUERIES = """
            SELECT
              query,
              calls,
              total_time,
              mean_time,
              max_time,
              stddev_time,
              rows
            FROM pg_stat_statements
            WHERE mean_time > 100  -- Queries averaging over 100ms
            ORDER BY mean_time DESC
            LIMIT 20""";

    /** The same query with PostgreSQL 13's names, and whether each row is of this database. */
    public static final String ANALYZE_SLOW_QUERIES_PG13 = """
            SELECT
              query,
              calls,
              total_exec_time,
              mean_exec_time,
              max_exec_time,
              stddev_exec_time,
              rows,
              dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AS this_database
            FROM pg_stat_statements
            WHERE mean_exec_time > 100  -- Queries averaging over 100ms
            ORDER BY mean_exec_time DESC
            LIMIT 20""";

    /** One row of findMissingIndexes: a column the report would call a missing index. */
    public record MissingIndexRow(String table, String column, double nDistinct, double correlation) {
    }

    /** One row of analyzeSlowQueries. {@code query} is normalized by the server: no parameter values. */
    public record SlowQueryRow(String query, long calls, double meanMillis, double maxMillis, boolean thisDatabase) {
    }

    /**
     * What analyzeSlowQueries gave.
     *
     * @param asWrittenSqlState the SQLState the verbatim query failed with, or null if it ran
     * @param asWrittenError    its message, or null
     * @param ranAs             {@code "as written"}, {@code "with PostgreSQL 13 names"}, or null when neither ran
     * @param notRunReason      why neither ran (no extension, library not loaded), or null
     * @param rows              its rows (empty when it did not run: see {@code ranAs})
     */
    public record SlowQueries(String asWrittenSqlState, String asWrittenError, String ranAs,
                              String notRunReason, List<SlowQueryRow> rows) {
        public SlowQueries {
            rows = List.copyOf(rows);
        }
    }

    private ReportMonitorQueries() {
    }

    public static List<MissingIndexRow> findMissingIndexes(DataSource dataSource) {
        return Jdbc.list(dataSource, "the report's findMissingIndexes query", FIND_MISSING_INDEXES,
                row -> new MissingIndexRow(row.getString("tablename"), row.getString("attname"),
                        row.getDouble("n_distinct"), row.getDouble("correlation")));
    }

    public static SlowQueries analyzeSlowQueries(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            try {
                List<SlowQueryRow> rows = Jdbc.list(connection, ANALYZE_SLOW_QUERIES, row -> new SlowQueryRow(
                        row.getString("query"), row.getLong("calls"), row.getDouble("mean_time"),
                        row.getDouble("max_time"), false));
                return new SlowQueries(null, null, "as written", null, rows);
            } catch (SQLException asWritten) {
                try {
                    List<SlowQueryRow> rows = Jdbc.list(connection, ANALYZE_SLOW_QUERIES_PG13, row -> new SlowQueryRow(
                            row.getString("query"), row.getLong("calls"), row.getDouble("mean_exec_time"),
                            row.getDouble("max_exec_time"), row.getBoolean("this_database")));
                    return new SlowQueries(asWritten.getSQLState(), Jdbc.reason(asWritten),
                            "with PostgreSQL 13 names", null, rows);
                } catch (SQLException renamed) {
                    return new SlowQueries(asWritten.getSQLState(), Jdbc.reason(asWritten), null,
                            StatementStatisticsReader.explain(renamed), List.of());
                }
            }
        } catch (SQLException e) {
            throw Jdbc.failure("a connection for the report's analyzeSlowQueries", e);
        }
    }
}
