package dev.trialbench.monitor;

/**
 * How often one index was used since the statistics were reset ({@code pg_stat_user_indexes}):
 * scans, index entries read, and table rows fetched through it. Counters reach the view
 * asynchronously (a backend flushes them when it goes idle, at most about once a second unless
 * {@code pg_stat_force_next_flush()} is called, PostgreSQL 15+). Immutable and thread-safe.
 */
public record IndexUsage(
        String schema,
        String table,
        String index,
        long scans,
        long tuplesRead,
        long tuplesFetched,
        long sizeBytes,
        boolean unique) {
}
