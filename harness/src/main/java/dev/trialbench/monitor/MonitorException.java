package dev.trialbench.monitor;

/**
 * A monitoring query failed. The message names what was being read and carries the server's reason;
 * it never carries statement parameters.
 */
public class MonitorException extends RuntimeException {

    public MonitorException(String message) {
        super(message);
    }

    public MonitorException(String message, Throwable cause) {
        super(message, cause);
    }
}
