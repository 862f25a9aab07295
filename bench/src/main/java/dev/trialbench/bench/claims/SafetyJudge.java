package dev.trialbench.bench.claims;

import dev.trialbench.bench.format.Numbers;
import java.util.List;

/**
 * The verdict logic of the report's plan, migration-safety and KPI claims, with their thresholds.
 * Pure functions of the measured figures, each tested on both outcomes. Stateless.
 */
public final class SafetyJudge {

    /** A writer's insert that takes longer than this during the migration counts as blocked. */
    public static final double WRITER_STALL_MILLIS = 1000;
    static final double P95_LIMIT_MILLIS = 50;
    static final double INDEX_HIT_RATIO_FLOOR = 0.95;
    static final double ROLLBACK_RATE_LIMIT = 0.01;

    private static final String WINDOW = "counted over the measured window (the AFTER benchmarks), not a day of production";

    private SafetyJudge() {
    }

    /** "Full table scan": the plan reads the relation with a sequential scan. */
    static Judgement seqScan(String relation, List<String> seqScans, String plan) {
        return seqScans.contains(relation)
                ? Judgement.holds("the plan scans " + relation + " sequentially: " + plan)
                : Judgement.fails("the plan does not scan " + relation + " sequentially: " + plan);
    }

    /** "Index scan": the plan uses an index and no longer scans the relation sequentially. */
    static Judgement indexScan(String relation, List<String> indexes, List<String> seqScans, String plan) {
        if (!indexes.isEmpty() && !seqScans.contains(relation)) {
            return Judgement.holds("the plan uses " + String.join(", ", indexes) + ": " + plan);
        }
        return Judgement.fails("the plan still " + (seqScans.contains(relation) ? "scans " + relation + " sequentially"
                : "uses no index") + ": " + plan);
    }

    /** "CREATE INDEX CONCURRENTLY - No table locks", judged by a writer inserting throughout the migration. */
    static Judgement noTableLocks(long writerInserts, long writerFailures, double maxWriterWaitMillis,
                                  double maxLockWaitMillis) {
        String figures = Numbers.count(writerInserts) + " inserts by a concurrent writer, " + Numbers.count(writerFailures)
                + " failed; longest insert " + Numbers.ms(maxWriterWaitMillis) + ", longest lock wait seen "
                + Numbers.ms(maxLockWaitMillis);
        if (writerInserts == 0 && writerFailures == 0) {
            return Judgement.notJudged("no concurrent writer ran during the migration");
        }
        if (writerFailures > 0 || maxWriterWaitMillis > WRITER_STALL_MILLIS) {
            return Judgement.fails(figures + " (a writer counts as blocked after " + Numbers.ms(WRITER_STALL_MILLIS) + ")");
        }
        return Judgement.holdsOnlyIf("\"no table locks\" means \"writers are not blocked\"", figures
                + ". CREATE INDEX CONCURRENTLY still takes a SHARE UPDATE EXCLUSIVE lock on the table (it blocks DDL"
                + " and VACUUM, not reads or writes) and waits for the transactions already running");
    }

    /** "IF NOT EXISTS clauses - Idempotent operations". */
    static Judgement idempotent(int rerunApplied, List<String> invalidIndexes) {
        if (!invalidIndexes.isEmpty()) {
            return Judgement.fails("INVALID indexes after the migration: " + String.join(", ", invalidIndexes)
                    + ". IF NOT EXISTS skips an index of that name even when a failed concurrent build left it"
                    + " INVALID, so a re-run reports success and keeps the broken index");
        }
        if (rerunApplied > 0) {
            return Judgement.fails("a second migration to AFTER applied " + rerunApplied + " more migration"
                    + (rerunApplied == 1 ? "" : "s"));
        }
        return Judgement.holds("a second migration to AFTER applied nothing and no index is INVALID (the schema"
                + " history skips applied scripts; IF NOT EXISTS matters when a script runs again by hand)");
    }

    /**
     * "Transaction wrapping - Automatic rollback on failure".
     *
     * @param concurrentBuilds migration steps that build an index CONCURRENTLY, so cannot run in a transaction
     */
    static Judgement transactionWrapping(List<String> concurrentBuilds, int steps) {
        if (concurrentBuilds.isEmpty()) {
            return Judgement.holds("none of the " + steps + " migration steps builds an index CONCURRENTLY");
        }
        return Judgement.fails(concurrentBuilds.size() + " of " + steps + " migration steps build an index CONCURRENTLY,"
                + " outside any transaction (" + String.join(", ", concurrentBuilds) + "). PostgreSQL refuses CREATE INDEX"
                + " CONCURRENTLY inside a transaction block (SQLSTATE 25001); a failed concurrent build does not roll"
                + " back but leaves an INVALID index behind");
    }

    /** "Proper down migrations - Reversible changes". */
    static Judgement downMigrations(boolean reportShipsThem, boolean harnessReverts) {
        if (reportShipsThem) {
            return Judgement.holds("the report ships down migrations");
        }
        return Judgement.fails("the report ships no down migration for Fix 2 or Fix 5"
                + (harnessReverts ? "; trialbench adds its own (db/down, Migrations.revertToBefore()), and its tests"
                + " check that the catalog after reverting equals the baseline" : ""));
    }

    /**
     * "P95 query latency < 50ms", over every AFTER cell (operations, several queries each).
     *
     * @param p95ByCell   label to p95 in ms of every measured AFTER cell, in report order
     * @param notMeasured AFTER cells missing from the run
     */
    static Judgement p95Below(java.util.Map<String, Double> p95ByCell, List<String> notMeasured) {
        if (p95ByCell.isEmpty()) {
            return Judgement.notJudged("no AFTER cell was measured");
        }
        List<String> over = p95ByCell.entrySet().stream().filter(entry -> entry.getValue() >= P95_LIMIT_MILLIS)
                .map(entry -> entry.getKey() + " " + Numbers.ms(entry.getValue())).toList();
        double worst = p95ByCell.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        String missing = notMeasured.isEmpty() ? "" : "; not measured: " + String.join(", ", notMeasured);
        if (!over.isEmpty()) {
            return Judgement.fails("p95 at or above " + Numbers.ms(P95_LIMIT_MILLIS) + ": " + String.join(", ", over) + missing);
        }
        return Judgement.holds("the highest p95 of the " + p95ByCell.size() + " AFTER cells is " + Numbers.ms(worst)
                + " (one client; whole operations, so stricter than per query)" + missing);
    }

    /** "Index hit ratio > 95%". */
    static Judgement indexHitRatio(Double ratio) {
        if (ratio == null) {
            return Judgement.notJudged("no index block was accessed during the AFTER measurements");
        }
        String text = "index blocks found in shared_buffers: " + Numbers.percent(ratio) + " during the AFTER measurements";
        return ratio > INDEX_HIT_RATIO_FLOOR ? Judgement.holds(text) : Judgement.fails(text);
    }

    /** "Zero deadlocks per day". */
    static Judgement zeroDeadlocks(long deadlocks) {
        String text = Numbers.count(deadlocks) + " deadlock" + (deadlocks == 1 ? "" : "s") + " during the AFTER measurements";
        return deadlocks == 0 ? Judgement.holdsOnlyIf(WINDOW, text) : Judgement.fails(text);
    }

    /** "Transaction rollback rate < 1%". */
    static Judgement rollbackRate(long commits, long rollbacks) {
        long total = commits + rollbacks;
        if (total == 0) {
            return Judgement.notJudged("no transaction ended during the AFTER measurements");
        }
        double rate = (double) rollbacks / total;
        String text = Numbers.count(rollbacks) + " rollbacks of " + Numbers.count(total) + " transactions: "
                + Numbers.percent(rate);
        return rate < ROLLBACK_RATE_LIMIT ? Judgement.holdsOnlyIf(WINDOW, text) : Judgement.fails(text);
    }

    /** "Connection pool utilization < 80%": not a benchmark's question. */
    static Judgement poolUtilization() {
        return Judgement.notJudged("needs the load test: JMH drives one connection at a time, so the pool is never"
                + " under pressure here");
    }
}
