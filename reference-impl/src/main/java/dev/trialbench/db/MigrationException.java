package dev.trialbench.db;

/** A schema migration failed; the message carries the server's reason and what to do next. */
public class MigrationException extends RuntimeException {
    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
