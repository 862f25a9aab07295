package dev.trialbench.activation;

import java.sql.SQLException;

/** Reads the SQLState out of whatever Jdbi or the pool wrapped around an SQLException. */
final class SqlStates {

    static final String SERIALIZATION_FAILURE = "40001";
    static final String DEADLOCK_DETECTED = "40P01";

    private SqlStates() {
    }

    static String of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    /**
     * What a SQLState means for the caller, in words, for the SQLStates a fault can produce; empty
     * for the others. The statement_timeout and lock_timeout states name the setting, so that an
     * error that reaches a log says which limit was hit and where to change it.
     */
    static String meaning(String sqlState) {
        if (sqlState == null) {
            return "";
        }
        return switch (sqlState) {
            case "57014" -> "statement_timeout reached (or the statement was cancelled): the statement ran longer than"
                    + " the pool's statement timeout";
            case "55P03" -> "lock_timeout reached: a lock this statement needed was held by another transaction longer"
                    + " than the pool's lock timeout";
            case "25P03" -> "idle_in_transaction_session_timeout reached: the transaction stayed idle too long";
            case SERIALIZATION_FAILURE -> "serialization failure: a concurrent transaction changed the same rows";
            case DEADLOCK_DETECTED -> "deadlock detected: the server aborted this transaction to break a lock cycle";
            case "57P01", "57P02", "57P03" -> "the server terminated the connection (shutdown, restart or"
                    + " pg_terminate_backend); whatever was not committed was rolled back";
            default -> sqlState.startsWith("08")
                    ? "the connection to the server was lost; whatever was not committed was rolled back" : "";
        };
    }

    static boolean retryable(String sqlState) {
        return SERIALIZATION_FAILURE.equals(sqlState) || DEADLOCK_DETECTED.equals(sqlState);
    }
}
