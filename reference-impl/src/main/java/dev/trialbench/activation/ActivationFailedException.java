package dev.trialbench.activation;

/**
 * The database failed during an activation (after retries, for the batched path). Carries the
 * SQLState and which step failed, never the statement's parameters.
 */
public class ActivationFailedException extends RuntimeException {

    private final String sqlState;

    public ActivationFailedException(String message, String sqlState, Throwable cause) {
        super(message + describe(sqlState) + (poolTimedOut(cause)
                ? " (no database connection became free within the pool's connection timeout)" : ""), cause);
        this.sqlState = sqlState;
    }

    private static String describe(String sqlState) {
        if (sqlState == null) {
            return "";
        }
        String meaning = SqlStates.meaning(sqlState);
        return " (SQLState " + sqlState + (meaning.isEmpty() ? "" : ": " + meaning) + ")";
    }

    private static boolean poolTimedOut(Throwable cause) {
        for (int depth = 0; cause != null && depth < 32; depth++, cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    /** The SQLState of the underlying failure, or null when there was none. */
    public String sqlState() {
        return sqlState;
    }
}
