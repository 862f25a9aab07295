package dev.trialbench.bench.gate;

/**
 * A baseline cannot be read, or cannot be made from the runs given. The message names the file, run,
 * cell or statement at fault and says what to do next.
 */
public final class BaselineException extends RuntimeException {

    public BaselineException(String message) {
        super(message);
    }

    public BaselineException(String message, Throwable cause) {
        super(message, cause);
    }
}
