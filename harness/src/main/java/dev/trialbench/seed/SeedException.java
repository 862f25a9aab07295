package dev.trialbench.seed;

/** Seeding failed for a reason outside the generator (the server refused, the connection broke). */
public class SeedException extends RuntimeException {
    public SeedException(String message, Throwable cause) {
        super(message, cause);
    }

    public SeedException(String message) {
        super(message);
    }
}
