package dev.trialbench.bench.runfolder;

import java.util.List;
import java.util.Map;

/**
 * Everything a run measured besides the JMH timings, as written to {@code evidence.json} in the run's
 * folder. The report is generated from this file, {@code environment.json} and the raw JMH JSON files
 * alone; nothing in a report is typed by hand. Immutable; field names are the JSON names.
 *
 * @param seed       what the seeder loaded, and pgbench's load speed on the same server for reference
 * @param migration  the move from BEFORE to AFTER, timed, with a concurrent writer's lock waits
 * @param cells      per benchmark cell, the statements and round trips of one operation
 * @param statements per schema state and statement: pg_stat_statements figures and the plan
 * @param audit      the index audit after the AFTER measurements
 * @param database   database-wide figures per schema state (hit ratios, deadlocks, rollbacks)
 * @param phases     wall time of each pipeline phase, in order
 * @param statementStatisticsNotCollected why pg_stat_statements could not be read (the statements' calls and
 *                   times are then not collected, not zero); null when it was, or in runs made before this was recorded
 * @param harnessOverhead pgbench with one client on the batched activation's transaction, after the migrations, to
 *                   set beside the JMH cell of the batched activation; null in runs made before it was measured
 */
public record RunEvidence(
        SeedEvidence seed,
        MigrationEvidence migration,
        List<CellEvidence> cells,
        List<StatementEvidence> statements,
        IndexAudit audit,
        List<DatabaseEvidence> database,
        List<Phase> phases,
        String statementStatisticsNotCollected,
        HarnessOverhead harnessOverhead) {

    /**
     * pgbench with one client running the batched activation's accepted-activation transaction (the
     * statements of {@code ActivationSql}, in the batched path's order) on the AFTER schema, right after
     * the JMH cells of that schema: what the same transaction costs without the JVM, Jdbi, HikariCP, the
     * activation's Java code and JMH. Figures are null when pgbench did not measure ({@code note} says why).
     *
     * @param roundTrips round trips of one pgbench transaction (the inputs fetch, BEGIN, the statements, COMMIT)
     * @param meanMillis mean latency of one transaction
     */
    public record HarnessOverhead(int clients, int seconds, int roundTrips, Double tps, Double meanMillis,
                                  Double p50Millis, Double p95Millis, long transactions, long failed, String note) {
    }

    /**
     * Rows and speed of the seed; pgbench figures are null when pgbench was not available.
     *
     * @param loadSeconds   wall time of the load (every table's COPY, two tables at a time); null in runs
     *                      recorded before the seeding's steps were timed, as are the two fields below
     * @param foreignKeySeconds wall time of checking the foreign keys once each after the load (since the seeder
     *                      builds keys after the load: of putting them back, which checks every row); null when
     *                      they were checked row by row during the COPY
     * @param vacuumSeconds wall time of the VACUUM (ANALYZE) after the load
     * @param copyFormat    the COPY format the seeder sent ({@code binary} or {@code text})
     * @param tables        per table, in load order: where its COPY's time went
     */
    public record SeedEvidence(long rows, long heapBytes, double seconds, double heapMegabytesPerSecond,
                               Double pgbenchHeapMegabytesPerSecond, Double pgbenchSeconds, String pgbenchNote,
                               Map<String, Long> rowsPerTable, Double loadSeconds, Double foreignKeySeconds,
                               Double vacuumSeconds,
                               String copyFormat, List<SeedTableLoad> tables) {
    }

    /**
     * One table's COPY during seeding.
     *
     * @param copySeconds     the COPY's wall time
     * @param generateSeconds of that, the generator writing the rows into the COPY buffer (Java)
     * @param serverSeconds   of that, blocked while the server took the chunks in (type input, heap; and when
     *                        they stayed in place, primary key and other indexes, foreign-key checks)
     * @param indexSeconds    after the COPY, building the table's primary key and indexes; null when they were
     *                        maintained row by row during it, and in runs recorded before the seeder built them after
     */
    public record SeedTableLoad(String table, long rows, long heapBytes, double copySeconds, double generateSeconds,
                                double serverSeconds, Double indexSeconds) {
    }

    /**
     * @param steps               each migration with its duration
     * @param writerInserts       inserts a concurrent writer completed during the migration
     * @param writerFailures      inserts that failed (lock timeout or otherwise)
     * @param maxWriterWaitMillis the longest a single insert of that writer took (lock waits included)
     * @param maxLockWaitMillis   the writer's longest lock wait seen in pg_stat_activity (sampled every 10 ms)
     * @param rerunApplied        migrations a second migrateToAfter applied (0 = idempotent)
     * @param lockConflicts       times a transactional step gave way to a running transaction (lock_timeout or
     *                            deadlock) and was tried again; null in runs recorded before it was counted
     */
    public record MigrationEvidence(List<MigrationStep> steps, double totalMillis, long writerInserts, long writerFailures,
                                    double maxWriterWaitMillis, double maxLockWaitMillis, int rerunApplied,
                                    Integer lockConflicts) {
    }

    /**
     * One migration step.
     *
     * @param writerMaxMillis the concurrent writer's longest insert that overlapped this step (any attempt of
     *                        it); null in runs recorded before the figure existed
     */
    public record MigrationStep(String version, String description, double millis, Double writerMaxMillis) {
    }

    /**
     * One operation of a benchmark cell, counted through the connection over {@code operations} runs.
     *
     * @param benchmark      JMH class simple name, e.g. {@code ActivationBenchmark}
     * @param method         JMH method, e.g. {@code naive}
     * @param schema         {@code before} or {@code after}
     * @param statementsPerOp statement executions per operation (a JDBC batch counts once)
     * @param commitsPerOp   commits per operation
     * @param roundTripsPerOp statements plus commits and rollbacks per operation
     * @param outcomes       outcome name to count, for activations (e.g. ACTIVATED: 20)
     */
    public record CellEvidence(String benchmark, String method, String schema, int operations, double statementsPerOp,
                               double commitsPerOp, double roundTripsPerOp, Map<String, Long> outcomes) {
    }

    /**
     * @param schema   {@code before} or {@code after}
     * @param name     the statement's constant name, e.g. {@code ALL_FRAUD_SIGNALS}
     * @param sql      its text as the server sees it (placeholders, never values)
     * @param calls    pg_stat_statements calls during that schema state's measurements (0 if unavailable)
     * @param plan     one-line summary of its EXPLAIN plan with representative values
     * @param indexes  indexes the plan uses
     * @param seqScans relations the plan scans sequentially
     */
    public record StatementEvidence(String schema, String name, String sql, long calls, double meanMillis,
                                    double totalMillis, double sharedHitPerCall, double sharedReadPerCall,
                                    String plan, List<String> indexes, List<String> seqScans) {
    }

    public record IndexAudit(List<IndexNote> unused, List<IndexNote> duplicates, List<IndexNote> invalid,
                             Map<String, Long> scansPerIndex) {
    }

    public record IndexNote(String table, String index, String definition, long sizeBytes, String reason) {
    }

    /** Database-wide counters over one schema state's measurements. Ratios are null when undefined. */
    public record DatabaseEvidence(String schema, Double indexHitRatio, Double tableHitRatio, long deadlocks,
                                   long commits, long rollbacks) {
    }

    public record Phase(String name, double seconds) {
    }
}
