package dev.trialbench.seed;

import java.time.Duration;
import java.util.List;

/**
 * What one seeding run loaded: rows, COPY bytes and heap size per table, and the overall speed as
 * heap megabytes (10^6 bytes of {@code pg_relation_size}, main fork, after VACUUM) per second of
 * wall time, COPY and VACUUM (ANALYZE) included; and where the time went, step by step, so that a
 * slow seeding says which step to work on. Immutable; thread-safe.
 *
 * <p>The steps of one table's COPY: the generator writes rows straight into the COPY buffer (row
 * generation and encoding are one loop, {@link TableLoad#generateDuration()}); the buffer is sent in
 * chunks, and the time blocked in sending and in ending the COPY is the server's share
 * ({@link TableLoad#serverDuration()}: type input and heap inserts; and, when they stay in place, the
 * primary key and other indexes maintained row by row and the foreign-key checks); then, when they
 * were taken off, the table's keys and indexes are built ({@link TableLoad#indexDuration()}). The two tables of a step load on
 * two connections at once, so per-table durations add up to more than the wall time.
 *
 * @param config         what was seeded
 * @param tables         one entry per table, in load order
 * @param totalHeapBytes sum of the tables' heap sizes
 * @param loadDuration   from the start to the last COPY's end (the emptiness check, and the tables' keys and
 *                       indexes taken off and built again, included)
 * @param foreignKeyCheckDuration the foreign keys put back after the load, each checking every row once
 *                       ({@link KeysAfterLoad}); null when they stayed in place and were checked row by row
 * @param vacuumDuration VACUUM (ANALYZE) of the seeded tables
 * @param duration       the whole run
 * @param copyFormat     the COPY format sent: {@code binary} (the default) or {@code text}
 */
public record SeedSummary(
        SeedConfig config,
        List<TableLoad> tables,
        long totalHeapBytes,
        Duration loadDuration,
        Duration foreignKeyCheckDuration,
        Duration vacuumDuration,
        Duration duration,
        String copyFormat) {

    /**
     * One table's load.
     *
     * @param copyDuration     the COPY's wall time, from its start to the server's count of rows
     * @param generateDuration of that, the time the generator spent writing rows into the buffer
     * @param serverDuration   of that, the time blocked sending chunks and ending the COPY: the server's work
     * @param indexDuration    after the COPY, building the table's primary key and indexes
     *                         ({@link KeysAfterLoad}); null when they were maintained row by row during it
     */
    public record TableLoad(SeedTable table, long rows, long copyBytes, long heapBytes, Duration copyDuration,
                            Duration generateDuration, Duration serverDuration, Duration indexDuration) {

        TableLoad withHeapBytes(long heap) {
            return new TableLoad(table, rows, copyBytes, heap, copyDuration, generateDuration, serverDuration,
                    indexDuration);
        }

        TableLoad withIndexDuration(Duration index) {
            return new TableLoad(table, rows, copyBytes, heapBytes, copyDuration, generateDuration, serverDuration, index);
        }
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
