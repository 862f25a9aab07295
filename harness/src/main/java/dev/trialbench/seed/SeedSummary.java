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
 * ({@link TableLoad#serverDuration()}: type input, heap inserts, the primary key and any other index
 * of the schema, maintained row by row, and the foreign-key checks). The two tables of a step load on
 * two connections at once, so per-table durations add up to more than the wall time.
 *
 * @param config         what was seeded
 * @param tables         one entry per table, in load order
 * @param totalHeapBytes sum of the tables' heap sizes
 * @param loadDuration   from the start to the last COPY's end (the emptiness check included)
 * @param foreignKeyCheckDuration the foreign keys checked once each after the load ({@link ForeignKeyCheck});
 *                       null when the role may not turn their triggers off and they were checked row by row
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
     */
    public record TableLoad(SeedTable table, long rows, long copyBytes, long heapBytes, Duration copyDuration,
                            Duration generateDuration, Duration serverDuration) {

        TableLoad withHeapBytes(long heap) {
            return new TableLoad(table, rows, copyBytes, heap, copyDuration, generateDuration, serverDuration);
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
