package dev.trialbench.monitor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.util.PSQLException;

/**
 * The one place the monitor runs a catalog query: binds parameters with {@code setObject}, maps
 * rows, and turns an {@link SQLException} into a {@link MonitorException} that says what was being
 * read (never the parameter values). Thread-safe (stateless).
 */
final class Jdbc {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private Jdbc() {
    }

    static <T> List<T> list(DataSource dataSource, String what, String sql, RowMapper<T> mapper, Object... params) {
        try (Connection connection = dataSource.getConnection()) {
            return list(connection, sql, mapper, params);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    static <T> T one(DataSource dataSource, String what, String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = list(dataSource, what, sql, mapper, params);
        if (rows.size() != 1) {
            throw new MonitorException("Could not read " + what + ": expected one row, got " + rows.size());
        }
        return rows.get(0);
    }

    static <T> List<T> list(Connection connection, String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            List<T> result = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
            }
            return result;
        }
    }

    static MonitorException failure(String what, SQLException e) {
        return new MonitorException("Could not read " + what + ": " + reason(e), e);
    }

    /**
     * The server's primary message and SQLState, without the DETAIL that pgjdbc appends (a DETAIL
     * can quote row values, such as the duplicated key of a unique violation).
     */
    static String reason(SQLException e) {
        String message = e.getMessage();
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null
                && psql.getServerErrorMessage().getMessage() != null) {
            message = psql.getServerErrorMessage().getMessage();
        } else if (message == null) {
            message = e.getClass().getSimpleName();
        } else if (message.indexOf('\n') > 0) {
            message = message.substring(0, message.indexOf('\n'));
        }
        return message + " (SQLState " + e.getSQLState() + ")";
    }
}
