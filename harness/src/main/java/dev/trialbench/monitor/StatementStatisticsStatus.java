package dev.trialbench.monitor;

/**
 * Whether {@code pg_stat_statements} can be read in the current database and, either way, why, in
 * words that say what to do next. An expected outcome, not an exception: an external server may
 * lack the library. Immutable and thread-safe.
 */
public record StatementStatisticsStatus(boolean usable, String reason) {

    static StatementStatisticsStatus usable(String reason) {
        return new StatementStatisticsStatus(true, reason);
    }

    static StatementStatisticsStatus unusable(String reason) {
        return new StatementStatisticsStatus(false, reason);
    }
}
