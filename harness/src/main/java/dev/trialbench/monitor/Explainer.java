package dev.trialbench.monitor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import javax.sql.DataSource;

/**
 * Runs {@code EXPLAIN ... (FORMAT JSON)} for one statement with its parameters bound through
 * {@link PreparedStatement#setObject}, so the planner sees the same values (and types) as the real
 * call; the plan is the custom plan for those values.
 *
 * <p>With {@link ExplainMode#ANALYZE_BUFFERS} the statement really runs: in autocommit the
 * connection is switched to a transaction that is rolled back; inside the caller's transaction a
 * savepoint is rolled back instead, so the caller's transaction survives (also when the statement
 * fails). Session settings of the given connection (for example {@code enable_seqscan}) apply.
 *
 * <p>Thread-safe (stateless); a connection must not be shared by threads while it explains.
 */
final class Explainer {

    private Explainer() {
    }

    static Plan explain(DataSource dataSource, ExplainMode mode, String sql, Object... params) {
        try (Connection connection = dataSource.getConnection()) {
            return explain(connection, mode, sql, params);
        } catch (SQLException e) {
            throw new MonitorException("Could not get a connection to explain a statement: " + Jdbc.reason(e), e);
        }
    }

    static Plan explain(Connection connection, ExplainMode mode, String sql, Object... params) {
        String statement = withoutTrailingSemicolons(sql);
        try {
            if (mode == ExplainMode.ESTIMATE) {
                return run(connection, mode, statement, params);
            }
            return runAndRollBack(connection, mode, statement, params);
        } catch (SQLException e) {
            throw new MonitorException("EXPLAIN failed: " + Jdbc.reason(e) + " -- statement: " + statement, e);
        }
    }

    private static Plan runAndRollBack(Connection connection, ExplainMode mode, String sql, Object... params)
            throws SQLException {
        if (connection.getAutoCommit()) {
            connection.setAutoCommit(false);
            try {
                return run(connection, mode, sql, params);
            } finally {
                try {
                    connection.rollback();
                } finally {
                    connection.setAutoCommit(true);
                }
            }
        }
        Savepoint savepoint = connection.setSavepoint();
        try {
            return run(connection, mode, sql, params);
        } finally {
            connection.rollback(savepoint);
            connection.releaseSavepoint(savepoint);
        }
    }

    private static Plan run(Connection connection, ExplainMode mode, String sql, Object... params) throws SQLException {
        try (PreparedStatement explain = connection.prepareStatement(mode.prefix() + sql)) {
            for (int i = 0; params != null && i < params.length; i++) {
                explain.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = explain.executeQuery()) {
                if (!rows.next()) {
                    throw new MonitorException("EXPLAIN returned no plan for: " + sql);
                }
                return Plan.fromJson(rows.getString(1));
            }
        }
    }

    static String withoutTrailingSemicolons(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("Nothing to explain: the statement is empty");
        }
        String statement = sql.strip();
        while (statement.endsWith(";")) {
            statement = statement.substring(0, statement.length() - 1).stripTrailing();
        }
        return statement;
    }
}
