package dev.trialbench.monitor;

import java.util.OptionalDouble;

/**
 * Buffer-cache hits against reads for a set of relations ({@code pg_statio_user_*}). A "read" is a
 * block PostgreSQL did not find in shared_buffers; the operating system's page cache may still have
 * served it, so a low ratio means "not in shared_buffers", not necessarily "from disk".
 * {@link #ratio()} is empty when nothing was accessed at all. Immutable and thread-safe.
 */
public record HitRatio(long hits, long reads) {

    public OptionalDouble ratio() {
        long accesses = hits + reads;
        return accesses == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) hits / accesses);
    }

    /** {@link #ratio()} or {@link Double#NaN} when nothing was accessed. */
    public double ratioOrNaN() {
        return ratio().orElse(Double.NaN);
    }
}
