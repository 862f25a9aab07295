package dev.trialbench.monitor;

import java.util.Objects;
import java.util.Optional;

/**
 * An index the audit thinks deserves a look, why, and (for duplicates) which other index makes it
 * redundant. {@code definition} is {@code pg_get_indexdef}; {@code sizeBytes} is the index's own
 * size on disk; {@code scans} is its {@code idx_scan} (null when the statistics have no row for it)
 * counted since {@code statisticsSince} ("the statistics reset at ..."), so that an UNUSED finding
 * can be cited as "scanned 0 times since ...". Immutable and thread-safe.
 */
public record IndexFinding(
        Kind kind,
        String schema,
        String table,
        String index,
        String definition,
        long sizeBytes,
        String reason,
        Optional<String> redundantTo,
        Long scans,
        String statisticsSince) {

    /** What the audit found. */
    public enum Kind {
        /** Never scanned since the statistics were reset, and enforces nothing. */
        UNUSED,
        /** Identical to another index on the same table. */
        DUPLICATE,
        /** Its key columns are a leading prefix of another index's, with the same predicate. */
        PREFIX_REDUNDANT,
        /** {@code pg_index.indisvalid = false}: maintained or half built, but never used by queries. */
        INVALID
    }

    public IndexFinding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(redundantTo, "redundantTo");
    }
}
