package dev.trialbench.seed;

import java.time.Duration;
import java.util.List;

/**
 * What one seeding run loaded: rows, COPY bytes and heap size per table, and the overall speed as
 * heap megabytes (10^6 bytes of {@code pg_relation_size}, main fork, after VACUUM) per second of
 * wall time, COPY and VACUUM (ANALYZE) included. Immutable; thread-safe.
 *
 * @param config         what was seeded
 * @param tables         one entry per table, in load order
 * @param totalHeapBytes sum of the tables' heap sizes
 * @param loadDuration   the COPY transaction, from the emptiness check to the commit
 * @param vacuumDuration VACUUM (ANALYZE) of the seeded tables
 * @param duration       the whole run
 */
public record SeedSummary(
        SeedConfig config,
        List<TableLoad> tables,
        long totalHeapBytes,
        Duration loadDuration,
        Duration vacuumDuration,
        Duration duration) {

    /** One table's load. */
    public record TableLoad(SeedTable table, long rows, long copyBytes, long heapBytes, Duration copyDuration) {
    }

    public SeedSummary {
        tables = List.copyOf(tables);
    }

    public TableLoad table(SeedTable table) {
        return tables.stream().filter(load -> load.table() == table).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not seeded: " + table));
    }

    public long totalRows() {
        return tables.stream().mapToLong(TableLoad::rows).sum();
    }

    /** Heap MB (10^6 bytes) per second of the whole run. */
    public double heapMegabytesPerSecond() {
        double seconds = duration.toNanos() / 1e9;
        return seconds <= 0 ? 0 : totalHeapBytes / 1e6 / seconds;
    }
}
