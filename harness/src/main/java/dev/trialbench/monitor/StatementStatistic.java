package dev.trialbench.monitor;

import java.util.OptionalDouble;

/**
 * One row of {@code pg_stat_statements} for the current database, read with the column names of
 * PostgreSQL 13 and later ({@code total_exec_time}, {@code mean_exec_time}, ...). {@code query} is
 * the normalized text PostgreSQL keeps: constants and parameters appear as {@code $1, $2, ...}, so
 * it never holds the values a statement ran with. Times are milliseconds of execution (planning
 * time is not tracked by default). Immutable and thread-safe.
 */
public record StatementStatistic(
        long queryId,
        String query,
        long calls,
        double totalExecTimeMs,
        double meanExecTimeMs,
        double minExecTimeMs,
        double maxExecTimeMs,
        double stddevExecTimeMs,
        long rows,
        long sharedBlocksHit,
        long sharedBlocksRead,
        long tempBlocksRead,
        long tempBlocksWritten) {

    public double rowsPerCall() {
        return perCall(rows);
    }

    public double sharedBlocksHitPerCall() {
        return perCall(sharedBlocksHit);
    }

    public double sharedBlocksReadPerCall() {
        return perCall(sharedBlocksRead);
    }

    /** Share of the shared-buffer accesses that found the block in memory; empty when it touched none. */
    public OptionalDouble sharedBlocksHitRatio() {
        long accesses = sharedBlocksHit + sharedBlocksRead;
        return accesses == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) sharedBlocksHit / accesses);
    }

    private double perCall(long total) {
        return calls == 0 ? 0.0 : (double) total / calls;
    }
}
