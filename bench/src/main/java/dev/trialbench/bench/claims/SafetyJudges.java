package dev.trialbench.bench.claims;

import dev.trialbench.bench.format.Numbers;
import dev.trialbench.monitor.ForeignKeyFinding;
import dev.trialbench.monitor.ReportMonitorCheck;
import dev.trialbench.monitor.ReportMonitorQueries.SlowQueryRow;
import dev.trialbench.reliability.DatabaseOutage;
import dev.trialbench.reliability.HalfWrittenActivations;
import dev.trialbench.reliability.QueryTimeout;
import dev.trialbench.reliability.UserDeletion;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The verdict logic of the report's safety claims: transactions, timeouts, retries, cascades, Fix 6's
 * monitor and Fix 2's unused indexes. Pure functions of the experiments' records (null when the
 * experiment did not run: NOT JUDGED with the reason), so each outcome is tested on planted records.
 * Stateless.
 */
final class SafetyJudges {

    private static final String NAIVE = "naive";
    private static final String BATCHED = "batched";

    private SafetyJudges() {
    }

    /** "Data inconsistency on partial failures" (the naive path, as found): borne out by half-written activations. */
    static Judgement partialFailureRisk(List<HalfWrittenActivations> halfWritten) {
        List<HalfWrittenActivations> naive = of(halfWritten, NAIVE);
        if (naive.isEmpty()) {
            return Judgement.notJudged("no backend was terminated between the naive path's writes in this run");
        }
        int left = naive.stream().mapToInt(HalfWrittenActivations::halfWritten).sum();
        String measured = describe(naive);
        return left > 0
                ? Judgement.holds("a backend terminated between the naive path's autocommitted writes left " + measured)
                : Judgement.fails("no terminated backend left the naive path half-written: " + measured);
    }

    /** "Full transaction support with automatic rollback" (the batched path): no half-written activation, retries exactly once. */
    static Judgement automaticRollback(List<HalfWrittenActivations> halfWritten) {
        List<HalfWrittenActivations> batched = of(halfWritten, BATCHED);
        if (batched.isEmpty()) {
            return Judgement.notJudged("no backend was terminated between the batched path's writes in this run");
        }
        int left = batched.stream().mapToInt(HalfWrittenActivations::halfWritten).sum();
        int faults = batched.stream().mapToInt(HalfWrittenActivations::faultsInjected).sum();
        int exactlyOnce = batched.stream().mapToInt(result -> result.detail().exactlyOnceAfterRetry()).sum();
        String measured = describe(batched) + "; " + exactlyOnce + " of " + faults + " retries activated exactly once";
        return left == 0 && exactlyOnce == faults
                ? Judgement.holds("the server rolled back every terminated transaction: " + measured)
                : Judgement.fails("the batched path must leave nothing half-written: " + measured);
    }

    /** "No query timeout protection" (as found): the overrunning statement runs to its end without Fix 4's settings. */
    static Judgement noTimeoutBefore(QueryTimeout timeout) {
        QueryTimeout.Case before = timeout == null ? null : timeout.before();
        if (before == null) {
            return Judgement.notJudged("the query-timeout experiment did not run in this run");
        }
        String figures = "a " + before.statementMillis() + " ms statement on a connection without Fix 4's settings"
                + " (statement_timeout " + before.statementTimeout() + ")";
        return before.ranToEnd()
                ? Judgement.holds(figures + " ran to its end: nothing stops a runaway query")
                : Judgement.fails(figures + " was stopped (SQLState " + before.sqlState() + "): the server or role"
                        + " sets a limit of its own");
    }

    /** "30-second query timeout protection" (Fix 4): a Fix 4 session has 30 s, and an overrunning statement is cancelled. */
    static Judgement timeoutAfter(QueryTimeout timeout) {
        QueryTimeout.Case after = timeout == null ? null : timeout.after();
        if (after == null) {
            return Judgement.notJudged("the query-timeout experiment did not run in this run");
        }
        String figures = "a Fix 4 session reports statement_timeout " + timeout.fix4StatementTimeout() + "; with it"
                + " shortened to " + after.statementTimeout() + ", a " + after.statementMillis() + " ms statement "
                + (after.cancelledByTimeout() ? "was cancelled with SQLState 57014"
                        : after.ranToEnd() ? "ran to its end" : "failed with SQLState " + after.sqlState());
        return after.cancelledByTimeout() && "30s".equals(timeout.fix4StatementTimeout())
                ? Judgement.holds(figures)
                : Judgement.fails(figures);
    }

    /** "No connection retry logic" (as found), from what the service does while the server restarts. */
    static Judgement connectionRetry(DatabaseOutage.Result outage) {
        if (outage == null) {
            return Judgement.notJudged("the outage experiment did not run in this run");
        }
        if (!outage.ran()) {
            return Judgement.notJudged("the outage experiment was skipped: " + outage.skippedReason());
        }
        String figures = outage.requestsDuringOutage() + " requests sent while the server was down: "
                + outage.refusedDuringOutage() + " answered 503 (with Retry-After) after the pool's "
                + outage.connectionTimeoutMillis() + " ms wait for a connection, " + outage.createdDuringOutage()
                + " answered 201 because the server came back within that wait; after the restart "
                + outage.notCreatedWhileUp() + " more were refused until the pool reconnected, 201 again after "
                + Numbers.decimal(outage.recoverySeconds(), 1) + " s (limit " + outage.recoveryLimitSeconds() + " s); "
                + outage.tokensLost() + " committed activations lost"
                + (outage.committedWithoutCreated() > 0 ? ", " + outage.committedWithoutCreated()
                        + " committed without a 201 (the stop fell between COMMIT and its answer)" : "");
        if (outage.requestsDuringOutage() == 0) {
            return Judgement.notJudged("no request was sent while the server was down: " + figures);
        }
        if (outage.refusedDuringOutage() == 0 && outage.otherDuringOutage() == 0) {
            return Judgement.fails("every request sent while the server was down was answered 201: " + figures);
        }
        if (outage.createdDuringOutage() > 0) {
            return Judgement.holdsOnlyIf("retry means more than the pool's " + outage.connectionTimeoutMillis()
                    + " ms wait for a connection (HikariCP keeps trying to connect during it)", figures);
        }
        return Judgement.holds(figures);
    }

    /**
     * Fix 5's "proper cascading": deleting a user removes what referenced it (nothing left behind), and
     * no cascade has to scan its table for want of an index.
     *
     * @param deletions   the user deletions, before and after the migrations
     * @param unindexed   the audit's foreign keys without a supporting index after the migrations, or null
     */
    static Judgement cascading(List<UserDeletion> deletions, List<ForeignKeyFinding> unindexed) {
        Optional<UserDeletion.Case> after = deletion(deletions, "after", UserDeletion.MOST_SESSIONS);
        if (after.isEmpty()) {
            return Judgement.notJudged("no user was deleted after the migrations in this run");
        }
        UserDeletion.Case is = after.get();
        if (!is.deleted()) {
            return Judgement.fails("deleting the user with most sessions failed after the migrations (SQLState "
                    + is.sqlState() + ", " + is.blockedBy() + ")");
        }
        String before = deletion(deletions, "before", UserDeletion.MOST_SESSIONS)
                .map(was -> "before the migrations the delete left " + was.orphans() + " rows pointing at the user; ")
                .orElse("");
        String owner = deletion(deletions, "after", UserDeletion.MOST_REPORTS)
                .filter(found -> !found.deleted())
                .map(found -> "; the owner of the most reports cannot be deleted at all (SQLState " + found.sqlState()
                        + ", " + found.blockedBy() + ": Fix 5 leaves that key without an ON DELETE rule)")
                .orElse("");
        if (is.orphans() > 0) {
            return Judgement.fails(before + "after it " + is.orphans() + " rows still point at the deleted user" + owner);
        }
        List<String> scanning = unindexed == null
                ? is.tables().stream().filter(table -> table.seqScans() > 0 && (table.rowsDeleted() > 0 || table.rowsUpdated() > 0))
                        .map(table -> table.table() + " (" + table.seqScans() + " seq scan, " + Numbers.count(table.seqRowsRead())
                                + " rows read)").toList()
                : unindexed.stream().filter(key -> key.onDelete().equals("CASCADE") || key.onDelete().equals("SET NULL"))
                        .map(key -> key.table() + "." + String.join(",", key.columns()) + " (" + key.onDelete() + ")")
                        .toList();
        String cascaded = before + "after it the cascades left nothing behind and locked "
                + is.locks().stream().filter(lock -> lock.kind().equals("table") && lock.mode().equals("RowExclusiveLock"))
                        .count() + " tables";
        if (scanning.isEmpty()) {
            return Judgement.holds(cascaded + owner);
        }
        return Judgement.holdsOnlyIf("the referencing tables stay small: no index starts with "
                + String.join(", ", scanning), cascaded + "; each such cascade scans its whole table, under its lock" + owner);
    }

    /** Fix 6's findMissingIndexes: does it name what the plans show the workload still lacks? */
    static Judgement findMissingIndexes(ReportMonitorCheck check) {
        if (check == null) {
            return Judgement.notJudged("Fix 6's monitor was not run in this run");
        }
        String named = check.findMissingIndexes().isEmpty() ? "nothing"
                : check.findMissingIndexes().stream().map(row -> row.table() + "." + row.column())
                        .collect(Collectors.joining(", "));
        if (check.lacks().isEmpty()) {
            return Judgement.notJudged("no statement of the workload still scans a table after the migrations, so there"
                    + " is nothing to find; it named " + named);
        }
        List<String> missed = check.lacks().stream().filter(lack -> !lack.namedByFindMissingIndexes())
                .map(lack -> lack.table() + "." + lack.column() + " (" + lack.statement() + ")").distinct().toList();
        if (missed.isEmpty()) {
            return Judgement.holds("it names every column the plans still scan for; it named " + named);
        }
        return Judgement.fails("the plans still scan " + String.join(", ", missed) + ", which it does not name; it named "
                + named + " (n_distinct > 100 and correlation < 0.1 describe the layout of values, not a lookup)");
    }

    /** Fix 6's analyzeSlowQueries: can it run as written, and does it report a statement of this run? */
    static Judgement analyzeSlowQueries(ReportMonitorCheck check) {
        if (check == null) {
            return Judgement.notJudged("Fix 6's monitor was not run in this run");
        }
        var slow = check.analyzeSlowQueries();
        List<SlowQueryRow> ours = slow.rows().stream().filter(SlowQueryRow::thisDatabase).toList();
        String rows = slow.ranAs() == null ? "it could not run at all (" + slow.notRunReason() + ")"
                : "run " + slow.ranAs() + ", it listed " + slow.rows().size() + " statements, " + ours.size()
                        + " of this run's database";
        if (slow.ranAs() == null) {
            return Judgement.notJudged("pg_stat_statements could not be read on this server, so neither the report's query"
                    + " nor its PostgreSQL 13 form ran: " + slow.notRunReason());
        }
        if (slow.asWrittenSqlState() != null) {
            return Judgement.fails("it cannot run as written on this server (" + slow.asWrittenError()
                    + "; PostgreSQL 13 renamed the *_time columns *_exec_time); " + rows);
        }
        return ours.isEmpty()
                ? Judgement.fails(rows + ": none of the statements this run measured averages over 100 ms")
                : Judgement.holds(rows);
    }

    /** What a Fix 2 index is for, and whether this run's workload makes that lookup. */
    enum Purpose {
        /** The workload runs the lookup the index is for. */
        EXERCISED,
        /** No query looks rows up that way (the index cannot serve what the report says it is for). */
        NO_SUCH_LOOKUP,
        /** The workload does not make that lookup; another might. */
        NOT_EXERCISED
    }

    /**
     * One of Fix 2's indexes, by the index audit's scan count over the run.
     *
     * @param scans index scans during the measurements, null when the audit did not see it
     * @param why   what the index is for, or why no query uses it
     */
    static Judgement fix2Index(Long scans, Purpose purpose, String why) {
        if (scans == null) {
            return Judgement.notJudged("the index audit did not see it (not built?)");
        }
        if (scans > 0 && purpose == Purpose.NOT_EXERCISED) {
            return Judgement.notJudged("scanned " + Numbers.count(scans) + " times, though no query of the workload needs"
                    + " it (" + why + "): the harness's own statements, not the workload, scanned it");
        }
        if (scans > 0) {
            return Judgement.holds("scanned " + Numbers.count(scans) + " times during the run: " + why);
        }
        return switch (purpose) {
            case EXERCISED -> Judgement.fails("scanned 0 times during the run, although the workload makes the lookup it"
                    + " is for: " + why);
            case NO_SUCH_LOOKUP -> Judgement.fails("scanned 0 times during the run: " + why);
            case NOT_EXERCISED -> Judgement.notJudged("scanned 0 times, but " + why);
        };
    }

    private static List<HalfWrittenActivations> of(List<HalfWrittenActivations> halfWritten, String implementation) {
        return halfWritten == null ? List.of()
                : halfWritten.stream().filter(result -> result.implementation().equals(implementation)).toList();
    }

    /** "2 half-written activations in 18 faults before the migrations (device row or trial without its token: 1, ...)". */
    private static String describe(List<HalfWrittenActivations> results) {
        return results.stream().map(result -> result.halfWritten() + " half-written activation(s) in "
                        + result.faultsInjected() + " faults " + result.schema() + " the migrations"
                        + (result.byKind().isEmpty() ? "" : " (" + result.byKind().entrySet().stream()
                                .map(kind -> kind.getKey() + ": " + kind.getValue()).collect(Collectors.joining(", ")) + ")"))
                .collect(Collectors.joining("; "));
    }

    private static Optional<UserDeletion.Case> deletion(List<UserDeletion> deletions, String schema, String subject) {
        return deletions == null ? Optional.empty()
                : deletions.stream().filter(run -> run.schema().equals(schema)).map(run -> run.of(subject))
                        .filter(java.util.Objects::nonNull).findFirst();
    }
}
