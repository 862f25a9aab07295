package dev.trialbench.monitor;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The disk footprint of one table: heap (main fork plus free-space and visibility maps), its
 * indexes, and its TOAST table (with the TOAST index), which add up to {@code totalBytes}.
 * {@code estimatedRows} is the planner's {@code reltuples}, empty while the table was never vacuumed
 * or analyzed (PostgreSQL 14+ marks that with -1; on 13 a never-analyzed table reads as 0 rows).
 * Immutable and thread-safe.
 */
public record RelationSize(
        String schema,
        String table,
        long heapBytes,
        long indexBytes,
        long toastBytes,
        long totalBytes,
        OptionalLong estimatedRows,
        List<IndexSize> indexes) {

    /** One index of the table and its size on disk (all forks, so they add up to {@code indexBytes}). */
    public record IndexSize(String index, long bytes) {
    }

    public RelationSize {
        Objects.requireNonNull(estimatedRows, "estimatedRows");
        indexes = List.copyOf(indexes);
    }
}
