package dev.trialbench.http;

import dev.trialbench.activation.ActivationFailedException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;

/**
 * Infrastructure failures as responses: a pool that could not hand out a connection within its
 * timeout (HikariCP's {@link SQLTransientConnectionException}, however deeply Jdbi or the
 * activation wrapped it) is 503 with {@code Retry-After: 1}; so is a connection the server dropped
 * (SQLState class 08, or 57P01..57P03: shutdown, restart, terminated backend), since its
 * transaction was rolled back and a retry later can succeed; anything else is 500. Neither shows a
 * message, a stack trace or SQL. Thread-safe (stateless).
 */
final class Failures {

    private static final int MAX_DEPTH = 32;

    private Failures() {
    }

    static Response toResponse(Throwable failure) {
        if (poolExhausted(failure)) {
            return Response.error(503, "no database connection available in time; retry later")
                    .withHeader("Retry-After", "1");
        }
        if (connectionLost(failure)) {
            return Response.error(503, "the database connection was lost; retry later")
                    .withHeader("Retry-After", "1");
        }
        return Response.error(500, "internal error");
    }

    static boolean poolExhausted(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++) {
            if (cause instanceof SQLTransientConnectionException) {
                return true;
            }
            cause = cause.getCause();
        }
        return false;
    }

    static boolean connectionLost(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++) {
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
            cause = cause.getCause();
        }
        return false;
    }

    /** The chain of exception classes and the SQLState, safe to log: no message can carry a parameter. */
    static String describe(Throwable failure) {
        List<String> chain = new ArrayList<>();
        String sqlState = null;
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++) {
            chain.add(cause.getClass().getName());
            if (cause instanceof ActivationFailedException activation && activation.sqlState() != null) {
                sqlState = activation.sqlState();
            }
            cause = cause.getCause();
        }
        return String.join(" <- ", chain) + (sqlState == null ? "" : " (SQLState " + sqlState + ")");
    }
}
