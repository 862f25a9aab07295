package dev.trialbench.bench.claims;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.claims.SafetyJudges.Purpose;
import dev.trialbench.monitor.ForeignKeyFinding;
import dev.trialbench.monitor.PlanScans;
import dev.trialbench.monitor.ReportMonitorCheck;
import dev.trialbench.monitor.ReportMonitorQueries.MissingIndexRow;
import dev.trialbench.monitor.ReportMonitorQueries.SlowQueries;
import dev.trialbench.monitor.ReportMonitorQueries.SlowQueryRow;
import dev.trialbench.reliability.BackendTermination;
import dev.trialbench.reliability.DatabaseOutage;
import dev.trialbench.reliability.HalfWrittenActivations;
import dev.trialbench.reliability.QueryTimeout;
import dev.trialbench.reliability.UserDeletion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each safety judge on planted records: every verdict it can give, and NOT JUDGED without evidence. */
class SafetyJudgesTest {

    // --- transactions ------------------------------------------------------------------------------

    @Test
    void partialFailureRiskHoldsWhenTheNaivePathWasLeftHalfWrittenAndFailsWhenNever() {
        assertThat(SafetyJudges.partialFailureRisk(List.of(halfWritten("naive", "before", 18, 2)))
                .verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(SafetyJudges.partialFailureRisk(List.of(halfWritten("naive", "before", 18, 0)))
                .verdict()).isEqualTo(Verdict.FAILS);
        assertThat(SafetyJudges.partialFailureRisk(null).verdict()).isEqualTo(Verdict.NOT_JUDGED);
        assertThat(SafetyJudges.partialFailureRisk(List.of(halfWritten("batched", "after", 9, 0))).verdict())
                .isEqualTo(Verdict.NOT_JUDGED);
    }

    @Test
    void automaticRollbackHoldsOnlyWithNothingHalfWrittenOnAnySchema() {
        assertThat(SafetyJudges.automaticRollback(List.of(halfWritten("batched", "before", 9, 0),
                halfWritten("batched", "after", 9, 0))).verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(SafetyJudges.automaticRollback(List.of(halfWritten("batched", "before", 9, 0),
                halfWritten("batched", "after", 9, 1))).verdict()).isEqualTo(Verdict.FAILS);
        assertThat(SafetyJudges.automaticRollback(List.of(halfWritten("naive", "after", 18, 2))).verdict())
                .isEqualTo(Verdict.NOT_JUDGED);
    }

    // --- timeouts ----------------------------------------------------------------------------------

    @Test
    void noTimeoutBeforeHoldsWhenTheStatementRanToItsEnd() {
        assertThat(SafetyJudges.noTimeoutBefore(timeout("30s", true, true)).verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(SafetyJudges.noTimeoutBefore(timeout("30s", true, false)).verdict()).isEqualTo(Verdict.FAILS);
        assertThat(SafetyJudges.noTimeoutBefore(null).verdict()).isEqualTo(Verdict.NOT_JUDGED);
    }

    @Test
    void thirtySecondTimeoutHoldsWhenTheSessionHas30sAndTheOverrunIsCancelled() {
        assertThat(SafetyJudges.timeoutAfter(timeout("30s", true, true)).verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(SafetyJudges.timeoutAfter(timeout("30s", false, true)).verdict()).isEqualTo(Verdict.FAILS);
        assertThat(SafetyJudges.timeoutAfter(timeout("0", true, true)).verdict()).isEqualTo(Verdict.FAILS);
        assertThat(SafetyJudges.timeoutAfter(new QueryTimeout("30s", List.of())).verdict()).isEqualTo(Verdict.NOT_JUDGED);
    }

    // --- retries -----------------------------------------------------------------------------------

    @Test
    void connectionRetryReachesEveryVerdictFromTheOutage() {
        assertThat(SafetyJudges.connectionRetry(outage(Map.of(503, 12))).verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(SafetyJudges.connectionRetry(outage(Map.of(503, 10, 201, 2))))
                .satisfies(judgement -> {
                    assertThat(judgement.verdict()).isEqualTo(Verdict.HOLDS_ONLY_IF);
                    assertThat(judgement.condition()).contains("1000 ms");
                });
        assertThat(SafetyJudges.connectionRetry(outage(Map.of(201, 12))).verdict()).isEqualTo(Verdict.FAILS);
        assertThat(SafetyJudges.connectionRetry(DatabaseOutage.Result.skipped("a url server")).reason()).contains("a url server");
        assertThat(SafetyJudges.connectionRetry(null).verdict()).isEqualTo(Verdict.NOT_JUDGED);
        assertThat(SafetyJudges.connectionRetry(outage(Map.of())).verdict()).isEqualTo(Verdict.NOT_JUDGED);
    }

    // --- cascades ----------------------------------------------------------------------------------

    @Test
    void cascadingHoldsOnlyIfTablesStaySmallWhenACascadeHasNoIndex() {
        List<UserDeletion> deletions = List.of(deletion("before", true, 21), deletion("after", true, 0));

        assertThat(SafetyJudges.cascading(deletions, List.of()).verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(SafetyJudges.cascading(deletions, List.of(unindexed("login_sessions", "CASCADE"))))
                .satisfies(judgement -> {
                    assertThat(judgement.verdict()).isEqualTo(Verdict.HOLDS_ONLY_IF);
                    assertThat(judgement.condition()).contains("login_sessions.user_id (CASCADE)");
                    assertThat(judgement.reason()).contains("left 21 rows");
                });
        assertThat(SafetyJudges.cascading(deletions, List.of(unindexed("reports", "NO ACTION"))).verdict())
                .as("a key that does not cascade scans nothing on delete: not this claim's").isEqualTo(Verdict.HOLDS);
        assertThat(SafetyJudges.cascading(List.of(deletion("after", true, 3)), List.of()).verdict())
                .isEqualTo(Verdict.FAILS);
        assertThat(SafetyJudges.cascading(List.of(deletion("after", false, 0)), List.of()).verdict())
                .isEqualTo(Verdict.FAILS);
        assertThat(SafetyJudges.cascading(List.of(deletion("before", true, 21)), List.of()).verdict())
                .isEqualTo(Verdict.NOT_JUDGED);
    }

    // --- Fix 6 -------------------------------------------------------------------------------------

    @Test
    void findMissingIndexesHoldsWhenItNamesWhatThePlansStillScan() {
        assertThat(SafetyJudges.findMissingIndexes(check(true, null, List.of())).verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(SafetyJudges.findMissingIndexes(check(false, null, List.of())).reason())
                .contains("payment_verifications.user_id (LATEST_CARD)");
        assertThat(SafetyJudges.findMissingIndexes(check(false, null, List.of())).verdict()).isEqualTo(Verdict.FAILS);
        assertThat(SafetyJudges.findMissingIndexes(new ReportMonitorCheck(List.of(), slow(null, List.of()), List.of(),
                List.of())).verdict()).isEqualTo(Verdict.NOT_JUDGED);
        assertThat(SafetyJudges.findMissingIndexes(null).verdict()).isEqualTo(Verdict.NOT_JUDGED);
    }

    @Test
    void analyzeSlowQueriesFailsWhenItCannotRunAsWrittenOrNamesNothingOfThisRun() {
        SlowQueryRow ours = new SlowQueryRow("/* trialbench LATEST_CARD */ SELECT ...", 10, 150, 300, true);
        SlowQueryRow theirs = new SlowQueryRow("CREATE DATABASE x", 1, 350, 350, false);

        assertThat(SafetyJudges.analyzeSlowQueries(check(false, "42703", List.of(ours)))).satisfies(judgement -> {
            assertThat(judgement.verdict()).isEqualTo(Verdict.FAILS);
            assertThat(judgement.reason()).contains("cannot run as written", "total_time");
        });
        assertThat(SafetyJudges.analyzeSlowQueries(check(false, null, List.of(ours))).verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(SafetyJudges.analyzeSlowQueries(check(false, null, List.of(theirs))).verdict()).isEqualTo(Verdict.FAILS);
        assertThat(SafetyJudges.analyzeSlowQueries(null).verdict()).isEqualTo(Verdict.NOT_JUDGED);
        ReportMonitorCheck withoutExtension = new ReportMonitorCheck(List.of(), new SlowQueries("42P01",
                "relation \"pg_stat_statements\" does not exist", null, "not installed", List.of()), List.of(), List.of());
        assertThat(SafetyJudges.analyzeSlowQueries(withoutExtension)).satisfies(judgement -> {
            assertThat(judgement.verdict()).as("the server's lack, not the report's query").isEqualTo(Verdict.NOT_JUDGED);
            assertThat(judgement.reason()).contains("not installed");
        });
    }

    // --- Fix 2 -------------------------------------------------------------------------------------

    @Test
    void fix2IndexIsJudgedByItsScansAndWhatItIsFor() {
        assertThat(SafetyJudges.fix2Index(12L, Purpose.EXERCISED, "x").verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(SafetyJudges.fix2Index(0L, Purpose.EXERCISED, "x").verdict()).isEqualTo(Verdict.FAILS);
        assertThat(SafetyJudges.fix2Index(0L, Purpose.NO_SUCH_LOOKUP, "no query looks a user up by hash"))
                .satisfies(judgement -> {
                    assertThat(judgement.verdict()).isEqualTo(Verdict.FAILS);
                    assertThat(judgement.reason()).contains("scanned 0 times", "by hash");
                });
        assertThat(SafetyJudges.fix2Index(0L, Purpose.NOT_EXERCISED, "no OAuth lookup").verdict())
                .isEqualTo(Verdict.NOT_JUDGED);
        assertThat(SafetyJudges.fix2Index(null, Purpose.EXERCISED, "x").verdict()).isEqualTo(Verdict.NOT_JUDGED);
    }

    // --- planted records ---------------------------------------------------------------------------

    static HalfWrittenActivations halfWritten(String implementation, String schema, int faults, int halfWritten) {
        BackendTermination.Result detail = new BackendTermination.Result(implementation, faults, faults, halfWritten,
                faults - halfWritten, List.of());
        return new HalfWrittenActivations(implementation, schema, faults, halfWritten,
                halfWritten == 0 ? Map.of() : Map.of(HalfWrittenActivations.DEVICE_WITHOUT_TOKEN, halfWritten),
                List.of(), detail);
    }

    static QueryTimeout timeout(String fix4, boolean afterCancelled, boolean beforeRanToEnd) {
        return new QueryTimeout(fix4, List.of(
                new QueryTimeout.Case("after", "200ms", 600, !afterCancelled, afterCancelled ? "57014" : null,
                        afterCancelled, 201),
                new QueryTimeout.Case("before", beforeRanToEnd ? "0" : "100ms", 600, beforeRanToEnd,
                        beforeRanToEnd ? null : "57014", !beforeRanToEnd, 601)));
    }

    static DatabaseOutage.Result outage(Map<Integer, Integer> duringOutage) {
        int during = duringOutage.values().stream().mapToInt(Integer::intValue).sum();
        return new DatabaseOutage.Result(null, during + 20, Map.of(201, 20 + duringOutage.getOrDefault(201, 0),
                503, duringOutage.getOrDefault(503, 0)), duringOutage, 1000, 6000, 1010, 5.3, 100, 200, 4.8,
                20 + duringOutage.getOrDefault(201, 0), 0, 20, 0);
    }

    static UserDeletion deletion(String schema, boolean deleted, long left) {
        UserDeletion.Case sessions = new UserDeletion.Case(UserDeletion.MOST_SESSIONS, Map.of("login_sessions.user_id", 21L),
                deleted, deleted ? null : "23503", deleted ? null : "reports_created_by_user_id_fkey",
                List.of(new UserDeletion.Lock("login_sessions", "table", "RowExclusiveLock")), List.of(), List.of(),
                deleted ? Map.of("login_sessions.user_id", left) : Map.of(), deleted ? 1.0 : null);
        UserDeletion.Case owner = new UserDeletion.Case(UserDeletion.MOST_REPORTS, Map.of("reports.created_by_user_id", 9L),
                false, "23503", "reports_created_by_user_id_fkey", List.of(), List.of(), List.of(), Map.of(), null);
        return new UserDeletion(schema, List.of(sessions, owner));
    }

    static ForeignKeyFinding unindexed(String table, String onDelete) {
        return new ForeignKeyFinding("fk_" + table + "_user_id", "public", table, List.of("user_id"), "users", onDelete,
                "FOREIGN KEY (user_id) REFERENCES users(user_id)", 8192, List.of(), "no index");
    }

    static SlowQueries slow(String asWrittenSqlState, List<SlowQueryRow> rows) {
        return new SlowQueries(asWrittenSqlState, asWrittenSqlState == null ? null : "column \"total_time\" does not exist",
                asWrittenSqlState == null ? "as written" : "with PostgreSQL 13 names", null, rows);
    }

    static ReportMonitorCheck check(boolean named, String asWrittenSqlState, List<SlowQueryRow> rows) {
        PlanScans.StatementScans latestCard = new PlanScans.StatementScans("LATEST_CARD", List.of(
                new PlanScans.SeqScan("payment_verifications", "(user_id = $::uuid)", List.of("user_id"))), null);
        return new ReportMonitorCheck(
                named ? List.of(new MissingIndexRow("payment_verifications", "user_id", 799, 0.03))
                        : List.of(new MissingIndexRow("login_sessions", "user_id", 799, 0.03)),
                slow(asWrittenSqlState, rows), List.of(latestCard),
                List.of(new ReportMonitorCheck.Lack("LATEST_CARD", "payment_verifications", "user_id", named, false)));
    }
}
