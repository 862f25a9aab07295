package dev.trialbench.bench.claims;

import dev.trialbench.bench.claims.SafetyJudges.Purpose;
import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.runfolder.ReliabilityEvidence;
import dev.trialbench.bench.runfolder.RunFolder;
import dev.trialbench.bench.runfolder.SafetyEvidence;
import dev.trialbench.monitor.ReportMonitorCheck;
import dev.trialbench.reliability.DatabaseOutage;
import dev.trialbench.reliability.HalfWrittenActivations;
import dev.trialbench.reliability.QueryTimeout;
import dev.trialbench.reliability.UserDeletion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The report's safety claims, each a row: "Data inconsistency on partial failures" and "Full
 * transaction support with automatic rollback" (backend terminated between the writes), "No query
 * timeout protection" and "30-second query timeout protection" (a statement past statement_timeout), "No
 * connection retry logic" (the outage), Fix 5's "proper cascading" (one user deleted, the foreign keys
 * without an index), Fix 6's findMissingIndexes and analyzeSlowQueries (against what the plans still
 * scan), and each Fix 2 index the workload never scanned. From {@code reliability.json} (its
 * {@code safety} part) and the index audit of {@code evidence.json}; a run without them gets NOT JUDGED
 * with the reason. The verdicts are {@link SafetyJudges}'. Stateless.
 */
final class SafetyClaims {

    private static final String ISSUES = "Critical Issues Found";
    private static final String EXPECTED = "Performance Improvements Expected";
    private static final String RELIABILITY = RunFolder.RELIABILITY;

    /** A Fix 2 index: the report's words for it, what it is for, and whether the workload makes that lookup. */
    record Fix2(String index, String quote, Purpose purpose, String why) {
    }

    static final List<Fix2> FIX_2 = List.of(
            new Fix2("idx_users_google_id", "`users.google_id` - No index for OAuth lookups", Purpose.NOT_EXERCISED,
                    "this workload makes no OAuth lookup"),
            new Fix2("idx_users_password_hash", "`users.password_hash` - No index for email/password auth",
                    Purpose.NO_SUCH_LOOKUP, "email/password login looks a user up by email, then compares the hash;"
                    + " no query looks a user up by hash"),
            new Fix2("idx_free_trial_tokens_user_id", "`free_trial_tokens.user_id` - No index for user token lookups",
                    Purpose.EXERCISED, "the fraud check counts the user's trials"),
            new Fix2("idx_free_trial_tokens_status", "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_free_trial_tokens_status",
                    Purpose.NOT_EXERCISED, "no query of this workload looks tokens up by status alone"),
            new Fix2("idx_device_fingerprints_hash", "`device_fingerprints.fingerprint_hash` - No index for device checks",
                    Purpose.EXERCISED, "the fraud check reads the device by its hash"),
            new Fix2("idx_device_fingerprints_user", "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_device_fingerprints_user",
                    Purpose.NOT_EXERCISED, "no query of this workload looks devices up by user"),
            new Fix2("idx_fraud_flags_user_fingerprint", "`trial_fraud_flags` composite indexes missing", Purpose.EXERCISED,
                    "the fraud check reads the open flags of the user or the device"),
            new Fix2("idx_login_sessions_ip_time", "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_login_sessions_ip_time",
                    Purpose.EXERCISED, "the fraud check counts the sessions of an IP in 24 hours"),
            new Fix2("idx_payment_verifications_card", "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_payment_verifications_card",
                    Purpose.EXERCISED, "the fraud check counts the users of a card"),
            new Fix2("idx_ascora_jobs_org_status", "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_ascora_jobs_org_status",
                    Purpose.NOT_EXERCISED, "this workload has no Ascora queries"),
            new Fix2("idx_ascora_customers_org_email", "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_ascora_customers_org_email",
                    Purpose.NOT_EXERCISED, "this workload has no Ascora queries"),
            new Fix2("idx_reports_user_created", "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reports_user_created",
                    Purpose.EXERCISED, "the listing reads a user's newest reports"),
            new Fix2("idx_reports_covering", "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reports_covering",
                    Purpose.NOT_EXERCISED, "it leads with report_id, which no query of this workload looks up by"));

    private SafetyClaims() {
    }

    static List<Claim> of(ClaimContext context) {
        Optional<ReliabilityEvidence> reliability = context.run().reliability();
        SafetyEvidence safety = reliability.map(ReliabilityEvidence::safety).orElse(null);
        String missing = reliability.isEmpty() ? "this run has no " + RELIABILITY
                : safety == null ? RELIABILITY + " was written before these experiments were recorded" : null;
        List<Claim> claims = new ArrayList<>();
        claims.add(claim(context, missing, ISSUES + ", 3. Transaction Handling Issues",
                "Data inconsistency on partial failures", safety == null ? null
                        : SafetyJudges.partialFailureRisk(safety.halfWritten()),
                safety == null ? null : halfWritten(safety.halfWritten(), "naive"),
                RELIABILITY + " safety.halfWritten (naive)"));
        claims.add(claim(context, missing, EXPECTED + ", after", "Full transaction support with automatic rollback",
                safety == null ? null : SafetyJudges.automaticRollback(safety.halfWritten()),
                safety == null ? null : halfWritten(safety.halfWritten(), "batched"),
                RELIABILITY + " safety.halfWritten (batched)"));
        QueryTimeout timeout = safety == null ? null : safety.queryTimeout();
        claims.add(claim(context, missing, EXPECTED + ", before", "No query timeout protection",
                safety == null ? null : SafetyJudges.noTimeoutBefore(timeout),
                timeout == null || timeout.before() == null ? null : statement(timeout.before()),
                RELIABILITY + " safety.queryTimeout (before)"));
        claims.add(claim(context, missing, EXPECTED + ", after (Fix 4)", "30-second query timeout protection",
                safety == null ? null : SafetyJudges.timeoutAfter(timeout),
                timeout == null || timeout.after() == null ? null
                        : "Fix 4 session: " + timeout.fix4StatementTimeout() + "; shortened: " + statement(timeout.after()),
                RELIABILITY + " safety.queryTimeout (after)"));
        DatabaseOutage.Result outage = reliability.map(ReliabilityEvidence::outage).orElse(null);
        claims.add(claim(context, reliability.isEmpty() ? "this run has no " + RELIABILITY : null,
                ISSUES + ", 4. Connection Pool Configuration Issues", "No connection retry logic",
                reliability.map(run -> SafetyJudges.connectionRetry(run.outage())).orElse(null),
                outage == null || !outage.ran() ? null : "while down: " + outage.statusesDuringOutage().entrySet().stream()
                        .map(status -> status.getValue() + " answered " + status.getKey()).collect(Collectors.joining(", "))
                        + "; 201 again " + Numbers.decimal(outage.recoverySeconds(), 1) + " s after the restart",
                RELIABILITY + " outage"));
        claims.add(claim(context, missing, "Fix 5", "Add missing foreign key constraints with proper cascading",
                safety == null ? null : SafetyJudges.cascading(safety.userDeletions(), safety.foreignKeysWithoutIndex()),
                safety == null ? null : deletions(safety.userDeletions()),
                RELIABILITY + " safety.userDeletions, safety.foreignKeysWithoutIndex"));
        ReportMonitorCheck monitor = safety == null ? null : safety.reportMonitor();
        claims.add(claim(context, missing, "Fix 6", "Check for missing indexes",
                safety == null ? null : SafetyJudges.findMissingIndexes(monitor),
                monitor == null ? null : "names " + monitor.findMissingIndexes().size() + " column(s); the plans still scan "
                        + monitor.lacks().stream().map(lack -> lack.table() + "." + lack.column()).distinct()
                                .collect(Collectors.joining(", ")),
                RELIABILITY + " safety.reportMonitor"));
        claims.add(claim(context, missing, "Fix 6", "Queries averaging over 100ms",
                safety == null ? null : SafetyJudges.analyzeSlowQueries(monitor),
                monitor == null ? null : "as written: " + (monitor.analyzeSlowQueries().asWrittenSqlState() == null ? "ran"
                        : "SQLState " + monitor.analyzeSlowQueries().asWrittenSqlState()) + "; "
                        + monitor.analyzeSlowQueries().rows().stream().filter(row -> row.thisDatabase()).count()
                        + " statement(s) of this run listed",
                RELIABILITY + " safety.reportMonitor.analyzeSlowQueries"));
        claims.addAll(unusedFix2Indexes(context));
        return claims;
    }

    /**
     * A row for each Fix 2 index that no query of the workload needs (always, whatever its scans, so
     * that two runs list the same claims: an incidental scan, one in a run, once moved a row in and out
     * of the table), and for each one the workload needs that it never scanned (a defect). The used
     * ones the workload needs are in the index table.
     */
    private static List<Claim> unusedFix2Indexes(ClaimContext context) {
        List<Claim> claims = new ArrayList<>();
        for (IndexUse use : Claims.indexUse(context.run())) {
            boolean exercised = FIX_2.stream().anyMatch(fix -> fix.index().equals(use.index())
                    && fix.purpose() == Purpose.EXERCISED);
            if (exercised && use.scans() != null && use.scans() > 0) {
                continue;
            }
            FIX_2.stream().filter(fix -> fix.index().equals(use.index())).findFirst().ifPresent(fix -> claims.add(
                    context.claim(ISSUES + ", 2. Missing Indexes (Fix 2)", fix.quote(),
                            "`" + use.index() + "` on `" + use.table() + "`: " + (use.scans() == null ? "not seen"
                                    : use.scans() + " scans during the run"),
                            SafetyJudges.fix2Index(use.scans(), fix.purpose(), fix.why()),
                            "evidence.json audit (scansPerIndex, unused)")));
        }
        return claims;
    }

    private static Claim claim(ClaimContext context, String missing, String section, String quote, Judgement judgement,
                               String measured, String source) {
        Judgement decided = judgement != null ? judgement : Judgement.notJudged(missing);
        return context.claim(section, quote, measured == null ? "not recorded" : measured, decided, source);
    }

    /** "before: 2 of 18; after: 2 of 18 faults left an activation half-written". */
    private static String halfWritten(List<HalfWrittenActivations> results, String implementation) {
        if (results == null || results.stream().noneMatch(result -> result.implementation().equals(implementation))) {
            return null;
        }
        return results.stream().filter(result -> result.implementation().equals(implementation))
                .map(result -> result.schema() + ": " + result.halfWritten() + " of " + result.faultsInjected())
                .collect(Collectors.joining("; ")) + " faults left an activation half-written";
    }

    private static String statement(QueryTimeout.Case statement) {
        return "statement_timeout " + statement.statementTimeout() + ", a " + statement.statementMillis() + " ms statement "
                + (statement.ranToEnd() ? "ran to its end" : "failed with SQLState " + statement.sqlState());
    }

    /** "rows left pointing at the deleted user: before 21, after 0". */
    private static String deletions(List<UserDeletion> deletions) {
        if (deletions == null || deletions.isEmpty()) {
            return null;
        }
        return "rows left pointing at the deleted user: " + deletions.stream()
                .map(run -> {
                    UserDeletion.Case deleted = run.of(UserDeletion.MOST_SESSIONS);
                    return run.schema() + " " + (deleted == null ? "n/a" : deleted.deleted() ? String.valueOf(deleted.orphans())
                            : "delete failed (" + deleted.sqlState() + ")");
                })
                .collect(Collectors.joining(", "));
    }
}
