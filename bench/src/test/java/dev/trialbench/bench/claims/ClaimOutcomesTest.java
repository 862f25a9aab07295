package dev.trialbench.bench.claims;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.claims.SafetyJudges.Purpose;
import dev.trialbench.bench.runfolder.PoolerEvidence;
import dev.trialbench.bench.runfolder.ReplicaEvidence;
import dev.trialbench.monitor.ReportMonitorCheck;
import dev.trialbench.pooler.PoolerCorrectness;
import dev.trialbench.monitor.ReportMonitorQueries.SlowQueries;
import dev.trialbench.monitor.ReportMonitorQueries.SlowQueryRow;
import dev.trialbench.reliability.DatabaseOutage;
import dev.trialbench.reliability.QueryTimeout;
import dev.trialbench.reliability.UserDeletion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every outcome each claim's judge can produce, reached with planted evidence (small fixed figures, no
 * database, no timing). Each case states the verdict its evidence must give; the outcomes reached per
 * claim are kept in {@code docs/claim-outcomes.md}, which this test regenerates and compares. A claim
 * whose judge no evidence drives to FAILS must say why in {@link #NO_FAILS}.
 */
class ClaimOutcomesTest {

    static final Path FILE = Path.of("docs", "claim-outcomes.md");

    /** Claims whose judge cannot FAIL, and why. */
    static final Map<String, String> NO_FAILS = SafetyClaims.FIX_2.stream()
            .filter(fix -> fix.purpose() == Purpose.NOT_EXERCISED)
            .collect(Collectors.toMap(ClaimOutcomesTest::fix2Claim, fix -> "the workload never makes the lookup it is for ("
                    + fix.why() + "), so its scans, none or the harness's own, leave it NOT JUDGED; only a workload"
                    + " making that lookup could hold or fail it",
                    (first, second) -> first, LinkedHashMap::new));

    private record Case(String claim, Verdict expected, Supplier<Judgement> judge) {
    }

    private final Map<String, List<Case>> cases = new LinkedHashMap<>();

    private void reach(String claim, Verdict expected, Supplier<Judgement> judge) {
        cases.computeIfAbsent(claim, ignored -> new ArrayList<>()).add(new Case(claim, expected, judge));
    }

    @Test
    void everyJudgeReachesEveryOutcomeItCanProduce() throws IOException {
        plant();
        Map<String, Set<Verdict>> reached = new LinkedHashMap<>();
        cases.forEach((claim, planted) -> planted.forEach(plantedCase -> {
            Judgement judgement = plantedCase.judge().get();
            assertThat(judgement.verdict()).as("%s, planted for %s: %s", claim, plantedCase.expected(), judgement.reason())
                    .isEqualTo(plantedCase.expected());
            reached.computeIfAbsent(claim, ignored -> EnumSet.noneOf(Verdict.class)).add(judgement.verdict());
        }));
        reached.forEach((claim, verdicts) -> assertThat(verdicts.contains(Verdict.FAILS) || NO_FAILS.containsKey(claim))
                .as("%s: no planted evidence reaches FAILS, and NO_FAILS does not say why", claim).isTrue());

        String table = render(reached);
        Path committed = Repository.root().resolve(FILE);
        if (Repository.refresh()) {
            Files.createDirectories(committed.getParent());
            Files.writeString(committed, table);
        }
        assertThat(Files.exists(committed) ? Files.readString(committed) : "")
                .as("%s differs from the outcomes the planted evidence reaches; refresh it with"
                        + " mvn -B -pl bench -am -Dtest=ClaimOutcomesTest -D%s=true"
                        + " -Dsurefire.failIfNoSpecifiedTests=false verify", FILE, Repository.REFRESH)
                .isEqualTo(table);
    }

    private void plant() {
        String sequential = "\"Trial activation: 6 sequential queries\"";
        reach(sequential, Verdict.HOLDS, () -> Judge.roundTrips(6, 6, "naive fraud check", 6, "activation", "x"));
        reach(sequential, Verdict.HOLDS_ONLY_IF, () -> Judge.roundTrips(6, 6, "naive fraud check", 9, "activation", "x"));
        reach(sequential, Verdict.FAILS, () -> Judge.roundTrips(6, 4, "naive fraud check", 9, "activation", "x"));
        reach(sequential, Verdict.NOT_JUDGED, () -> Judge.roundTrips(6, Double.NaN, "naive fraud check", 9, "activation", "x"));

        approximately("\"~120ms average\" (before)", 120);

        String batched = "\"Trial activation: 1 batched query\"";
        reach(batched, Verdict.HOLDS, () -> Judge.roundTrips(1, 1, "batched fraud check", 1, "activation", "x"));
        reach(batched, Verdict.HOLDS_ONLY_IF, () -> Judge.roundTrips(1, 1, "batched fraud check", 5, "activation", "x"));
        reach(batched, Verdict.FAILS, () -> Judge.roundTrips(1, 2, "batched fraud check", 5, "activation", "x"));
        reach(batched, Verdict.NOT_JUDGED, () -> Judge.roundTrips(1, Double.NaN, "batched fraud check", 5, "activation", "x"));

        approximately("\"~20ms average\" (after)", 20);
        speedup("\"6x faster\"", 6);

        String atRtt = "\"6x faster\" at the implied round trip (20 ms)";
        reach(atRtt, Verdict.HOLDS, () -> RttClaims.atImpliedRtt(new Interval(8, 6, 10), 5.4, null, "r"));
        reach(atRtt, Verdict.NOT_SETTLED, () -> RttClaims.atImpliedRtt(new Interval(5, 4, 6), 5.4, null, "r"));
        reach(atRtt, Verdict.HOLDS_ONLY_IF, () -> RttClaims.atImpliedRtt(new Interval(2, 1.5, 3), 5.4, "short", "r"));
        reach(atRtt, Verdict.FAILS, () -> RttClaims.atImpliedRtt(new Interval(2, 1.5, 3), 5.4, null, "r"));
        reach(atRtt, Verdict.NOT_JUDGED, RttClaims::withoutSweep);

        String fullScan = "\"Report listing: Full table scan\"";
        reach(fullScan, Verdict.HOLDS, () -> SafetyJudge.seqScan("reports", List.of("reports"), "Seq Scan"));
        reach(fullScan, Verdict.FAILS, () -> SafetyJudge.seqScan("reports", List.of(), "Index Scan"));
        reach(fullScan, Verdict.NOT_JUDGED, () -> ListingClaims.notRecorded("before"));

        approximately("\"~200ms for 1000 records\" (before)", 200);

        String indexScan = "\"Report listing: Index scan\"";
        reach(indexScan, Verdict.HOLDS, () -> SafetyJudge.indexScan("reports", List.of("idx"), List.of(), "Index Scan"));
        reach(indexScan, Verdict.FAILS, () -> SafetyJudge.indexScan("reports", List.of(), List.of("reports"), "Seq Scan"));
        reach(indexScan, Verdict.NOT_JUDGED, () -> ListingClaims.notRecorded("after"));

        approximately("\"~10ms for 1000 records\" (after)", 10);
        speedup("\"20x faster\"", 20);

        String concurrently = "\"`CREATE INDEX CONCURRENTLY` - No table locks\"";
        reach(concurrently, Verdict.HOLDS_ONLY_IF, () -> SafetyJudge.noTableLocks(SafetyJudgeTest.builds(3, 40), 900, 0));
        reach(concurrently, Verdict.FAILS, () -> SafetyJudge.noTableLocks(SafetyJudgeTest.builds(3, 2500), 900, 0));
        reach(concurrently, Verdict.NOT_JUDGED, () -> SafetyJudge.noTableLocks(SafetyJudgeTest.builds(3, 40), 0, 0));

        String idempotent = "\"`IF NOT EXISTS` clauses - Idempotent operations\"";
        reach(idempotent, Verdict.HOLDS, () -> SafetyJudge.idempotent(0, List.of()));
        reach(idempotent, Verdict.FAILS, () -> SafetyJudge.idempotent(0, List.of("idx_x")));
        reach(idempotent, Verdict.NOT_JUDGED, MigrationClaims::notRecorded);

        String wrapping = "\"Transaction wrapping - Automatic rollback on failure\"";
        reach(wrapping, Verdict.HOLDS, () -> SafetyJudge.transactionWrapping(List.of(), 2));
        reach(wrapping, Verdict.FAILS, () -> SafetyJudge.transactionWrapping(List.of("V3.1"), 2));
        reach(wrapping, Verdict.NOT_JUDGED, MigrationClaims::notRecorded);

        String down = "\"Proper down migrations - Reversible changes\"";
        reach(down, Verdict.HOLDS, () -> SafetyJudge.downMigrations(true, true));
        reach(down, Verdict.FAILS, () -> SafetyJudge.downMigrations(false, true));

        String p95 = "\"P95 query latency < 50ms\" (benchmarks)";
        reach(p95, Verdict.HOLDS, () -> SafetyJudge.p95Below(Map.of("a", 10.0), List.of(), 1.5));
        reach(p95, Verdict.FAILS, () -> SafetyJudge.p95Below(Map.of("a", 80.0), List.of(), 1.5));
        reach(p95, Verdict.NOT_SETTLED, () -> SafetyJudge.p95Below(Map.of("a", 45.0), List.of(), 1.5));
        reach(p95, Verdict.NOT_JUDGED, () -> SafetyJudge.p95Below(Map.of(), List.of("a"), 1.5));

        String utilization = "\"Connection pool utilization < 80%\"";
        reach(utilization, Verdict.HOLDS_ONLY_IF, () -> LoadClaims.utilization(List.of("mixed 10 %"), List.of(), List.of()));
        reach(utilization, Verdict.FAILS, () -> LoadClaims.utilization(List.of("mixed 90 %"), List.of("mixed 90 %"), List.of()));
        reach(utilization, Verdict.NOT_SETTLED, () -> LoadClaims.utilization(List.of("mixed 70 %..90 % (2 runs)"), List.of(),
                List.of("mixed 70 %..90 % (2 runs)")));
        reach(utilization, Verdict.NOT_JUDGED, () -> LoadClaims.utilization(List.of(), List.of(), List.of()));
        reach(utilization, Verdict.NOT_JUDGED, SafetyJudge::poolUtilization);

        String deadlocks = "\"Zero deadlocks per day\"";
        reach(deadlocks, Verdict.HOLDS_ONLY_IF, () -> SafetyJudge.zeroDeadlocks(0));
        reach(deadlocks, Verdict.FAILS, () -> SafetyJudge.zeroDeadlocks(1));
        reach(deadlocks, Verdict.NOT_JUDGED, KpiClaims::notRecorded);

        String rollback = "\"Transaction rollback rate < 1%\"";
        reach(rollback, Verdict.HOLDS_ONLY_IF, () -> SafetyJudge.rollbackRate(1000, 1));
        reach(rollback, Verdict.FAILS, () -> SafetyJudge.rollbackRate(100, 5));
        reach(rollback, Verdict.NOT_JUDGED, () -> SafetyJudge.rollbackRate(0, 0));

        String hits = "\"Index hit ratio > 95%\"";
        reach(hits, Verdict.HOLDS, () -> SafetyJudge.indexHitRatio(0.99));
        reach(hits, Verdict.FAILS, () -> SafetyJudge.indexHitRatio(0.90));
        reach(hits, Verdict.NOT_JUDGED, () -> SafetyJudge.indexHitRatio(null));

        String underLoad = "\"P95 query latency < 50ms (under load)\"";
        reach(underLoad, Verdict.HOLDS_ONLY_IF, () -> LoadClaims.p95UnderLoad(false, List.of(), List.of("listing 5 ms"), List.of(), 50));
        reach(underLoad, Verdict.FAILS, () -> LoadClaims.p95UnderLoad(false, List.of("listing 60 ms"), List.of(), List.of(), 50));
        reach(underLoad, Verdict.NOT_SETTLED, () -> LoadClaims.p95UnderLoad(false, List.of(), List.of("listing 5 ms"),
                List.of("mixed 40 ms..60 ms (2 runs)"), 50));
        reach(underLoad, Verdict.NOT_JUDGED, () -> LoadClaims.p95UnderLoad(false, List.of(), List.of(), List.of(), 50));
        reach(underLoad, Verdict.NOT_JUDGED, () -> LoadClaims.p95UnderLoad(true, List.of(), List.of("listing 5 ms"), List.of(), 50));

        String exhaustion = "\"Connection pool exhaustion under load (before)\"";
        LoadClaims.PoolPressure exhausted = new LoadClaims.PoolPressure(3, 0, 1.0);
        LoadClaims.PoolPressure calm = new LoadClaims.PoolPressure(0, 0, 0.2);
        reach(exhaustion, Verdict.HOLDS, () -> LoadClaims.exhaustion(exhausted, calm, true));
        reach(exhaustion, Verdict.HOLDS, () -> LoadClaims.exhaustion(exhausted, exhausted, true));
        reach(exhaustion, Verdict.FAILS, () -> LoadClaims.exhaustion(calm, calm, true));
        reach(exhaustion, Verdict.HOLDS_ONLY_IF, () -> LoadClaims.exhaustion(calm, calm, false));

        String poolSize = "\"Pool size (20) may be too high\"";
        reach(poolSize, Verdict.HOLDS_ONLY_IF, () -> LoadClaims.poolSize(rate(80), rate(60), 120, 2));
        reach(poolSize, Verdict.FAILS, () -> LoadClaims.poolSize(rate(60), rate(80), 120, 2));
        reach(poolSize, Verdict.NOT_SETTLED, () -> LoadClaims.poolSize(rate(80), rate(80), 120, 2));
        reach(poolSize, Verdict.NOT_SETTLED, () -> LoadClaims.poolSize(rate(120), rate(120), 120, 2));
        reach(poolSize, Verdict.NOT_JUDGED, () -> LoadClaims.poolSize(Optional.empty(), rate(80), 120, 2));
        reach(poolSize, Verdict.NOT_JUDGED, () -> LoadClaims.poolSize(Optional.of(List.of(0.0)),
                Optional.of(List.of(0.0)), 120, 2));
        reach(poolSize, Verdict.NOT_SETTLED, () -> LoadClaims.poolSize(Optional.of(List.of(70.0, 80.0, 90.0)),
                Optional.of(List.of(60.0, 70.0, 80.0)), 120, 2));
        reach(poolSize, Verdict.HOLDS_ONLY_IF, () -> LoadClaims.poolSize(Optional.of(List.of(80.0, 90.0, 90.0)),
                Optional.of(List.of(60.0, 70.0, 70.0)), 120, 2));

        replica();
        safety();
    }

    /** "Implement read replicas" ({@link ReplicaClaims}): relief on the primary, read-your-writes, same host or not. */
    private void replica() {
        String replica = "\"Implement read replicas\" (for scaling read-heavy workloads)";
        ReplicaEvidence.ReadYourWrites fresh = new ReplicaEvidence.ReadYourWrites(100, 0, 0, 5000, null, null, null);
        ReplicaEvidence.ReadYourWrites stale = new ReplicaEvidence.ReadYourWrites(100, 40, 0, 5000, 0.8, 1.5, 2.0);
        reach(replica, Verdict.HOLDS, () -> ReplicaClaims.judge(new Interval(2, 1.8, 2.2), fresh, true));
        reach(replica, Verdict.HOLDS_ONLY_IF, () -> ReplicaClaims.judge(new Interval(2, 1.8, 2.2), stale, true));
        reach(replica, Verdict.NOT_SETTLED, () -> ReplicaClaims.judge(new Interval(1.1, 0.9, 1.3), stale, true));
        reach(replica, Verdict.NOT_SETTLED, () -> ReplicaClaims.judge(new Interval(1, 0.95, 1.05), stale, true));
        reach(replica, Verdict.FAILS, () -> ReplicaClaims.judge(new Interval(1, 0.95, 1.05), stale, false));
        reach(replica, Verdict.NOT_JUDGED, () -> ReplicaClaims.judge(Interval.exact(Double.NaN), null, true));
    }

    /** The safety claims ({@link SafetyClaims}), judged by {@link SafetyJudges} on the records of {@link SafetyJudgesTest}. */
    private void safety() {
        String partial = "\"Data inconsistency on partial failures\"";
        reach(partial, Verdict.HOLDS, () -> SafetyJudges.partialFailureRisk(List.of(SafetyJudgesTest.halfWritten("naive",
                "before", 18, 2))));
        reach(partial, Verdict.FAILS, () -> SafetyJudges.partialFailureRisk(List.of(SafetyJudgesTest.halfWritten("naive",
                "before", 18, 0))));
        reach(partial, Verdict.NOT_JUDGED, () -> SafetyJudges.partialFailureRisk(null));
        reach(partial, Verdict.NOT_JUDGED, () -> SafetyJudges.partialFailureRisk(List.of(SafetyJudgesTest.halfWritten(
                "batched", "after", 9, 0))));

        String rollback = "\"Full transaction support with automatic rollback\"";
        reach(rollback, Verdict.HOLDS, () -> SafetyJudges.automaticRollback(List.of(SafetyJudgesTest.halfWritten("batched",
                "before", 9, 0), SafetyJudgesTest.halfWritten("batched", "after", 9, 0))));
        reach(rollback, Verdict.FAILS, () -> SafetyJudges.automaticRollback(List.of(SafetyJudgesTest.halfWritten("batched",
                "before", 9, 0), SafetyJudgesTest.halfWritten("batched", "after", 9, 1))));
        reach(rollback, Verdict.NOT_JUDGED, () -> SafetyJudges.automaticRollback(null));
        reach(rollback, Verdict.NOT_JUDGED, () -> SafetyJudges.automaticRollback(List.of(SafetyJudgesTest.halfWritten(
                "naive", "after", 18, 2))));

        String noTimeout = "\"No query timeout protection\" (before)";
        reach(noTimeout, Verdict.HOLDS, () -> SafetyJudges.noTimeoutBefore(SafetyJudgesTest.timeout("30s", true, true)));
        reach(noTimeout, Verdict.FAILS, () -> SafetyJudges.noTimeoutBefore(SafetyJudgesTest.timeout("30s", true, false)));
        reach(noTimeout, Verdict.NOT_JUDGED, () -> SafetyJudges.noTimeoutBefore(null));
        reach(noTimeout, Verdict.NOT_JUDGED, () -> SafetyJudges.noTimeoutBefore(new QueryTimeout("30s", List.of())));

        String timeout = "\"30-second query timeout protection\" (Fix 4)";
        reach(timeout, Verdict.HOLDS, () -> SafetyJudges.timeoutAfter(SafetyJudgesTest.timeout("30s", true, true)));
        reach(timeout, Verdict.FAILS, () -> SafetyJudges.timeoutAfter(SafetyJudgesTest.timeout("30s", false, true)));
        reach(timeout, Verdict.FAILS, () -> SafetyJudges.timeoutAfter(SafetyJudgesTest.timeout("0", true, true)));
        reach(timeout, Verdict.NOT_JUDGED, () -> SafetyJudges.timeoutAfter(null));
        reach(timeout, Verdict.NOT_JUDGED, () -> SafetyJudges.timeoutAfter(new QueryTimeout("30s", List.of())));

        String retry = "\"No connection retry logic\"";
        reach(retry, Verdict.HOLDS, () -> SafetyJudges.connectionRetry(SafetyJudgesTest.outage(Map.of(503, 12))));
        reach(retry, Verdict.HOLDS_ONLY_IF, () -> SafetyJudges.connectionRetry(SafetyJudgesTest.outage(Map.of(503, 10, 201, 2))));
        reach(retry, Verdict.FAILS, () -> SafetyJudges.connectionRetry(SafetyJudgesTest.outage(Map.of(201, 12))));
        reach(retry, Verdict.NOT_JUDGED, () -> SafetyJudges.connectionRetry(null));
        reach(retry, Verdict.NOT_JUDGED, () -> SafetyJudges.connectionRetry(DatabaseOutage.Result.skipped("a url server")));
        reach(retry, Verdict.NOT_JUDGED, () -> SafetyJudges.connectionRetry(SafetyJudgesTest.outage(Map.of())));

        String cascading = "\"Add missing foreign key constraints with proper cascading\" (Fix 5)";
        List<UserDeletion> deletions = List.of(SafetyJudgesTest.deletion("before", true, 21),
                SafetyJudgesTest.deletion("after", true, 0));
        reach(cascading, Verdict.HOLDS, () -> SafetyJudges.cascading(deletions, List.of()));
        reach(cascading, Verdict.HOLDS, () -> SafetyJudges.cascading(deletions,
                List.of(SafetyJudgesTest.unindexed("reports", "NO ACTION"))));
        reach(cascading, Verdict.HOLDS_ONLY_IF, () -> SafetyJudges.cascading(deletions,
                List.of(SafetyJudgesTest.unindexed("login_sessions", "CASCADE"))));
        reach(cascading, Verdict.FAILS, () -> SafetyJudges.cascading(List.of(SafetyJudgesTest.deletion("after", true, 3)),
                List.of()));
        reach(cascading, Verdict.FAILS, () -> SafetyJudges.cascading(List.of(SafetyJudgesTest.deletion("after", false, 0)),
                List.of()));
        reach(cascading, Verdict.NOT_JUDGED, () -> SafetyJudges.cascading(List.of(SafetyJudgesTest.deletion("before", true,
                21)), List.of()));
        reach(cascading, Verdict.NOT_JUDGED, () -> SafetyJudges.cascading(null, null));

        String missing = "\"Check for missing indexes\" (Fix 6's `findMissingIndexes()`)";
        reach(missing, Verdict.HOLDS, () -> SafetyJudges.findMissingIndexes(SafetyJudgesTest.check(true, null, List.of())));
        reach(missing, Verdict.FAILS, () -> SafetyJudges.findMissingIndexes(SafetyJudgesTest.check(false, null, List.of())));
        reach(missing, Verdict.NOT_JUDGED, () -> SafetyJudges.findMissingIndexes(new ReportMonitorCheck(List.of(),
                SafetyJudgesTest.slow(null, List.of()), List.of(), List.of())));
        reach(missing, Verdict.NOT_JUDGED, () -> SafetyJudges.findMissingIndexes(null));

        String slow = "\"Queries averaging over 100ms\" (Fix 6's `analyzeSlowQueries()`)";
        SlowQueryRow ours = new SlowQueryRow("/* trialbench LATEST_CARD */ SELECT ...", 10, 150, 300, true);
        SlowQueryRow theirs = new SlowQueryRow("CREATE DATABASE x", 1, 350, 350, false);
        reach(slow, Verdict.HOLDS, () -> SafetyJudges.analyzeSlowQueries(SafetyJudgesTest.check(false, null, List.of(ours))));
        reach(slow, Verdict.FAILS, () -> SafetyJudges.analyzeSlowQueries(SafetyJudgesTest.check(false, "42703",
                List.of(ours))));
        reach(slow, Verdict.FAILS, () -> SafetyJudges.analyzeSlowQueries(SafetyJudgesTest.check(false, null,
                List.of(theirs))));
        reach(slow, Verdict.NOT_JUDGED, () -> SafetyJudges.analyzeSlowQueries(null));
        reach(slow, Verdict.NOT_JUDGED, () -> SafetyJudges.analyzeSlowQueries(new ReportMonitorCheck(List.of(),
                new SlowQueries("42P01", "relation \"pg_stat_statements\" does not exist", null, "not installed",
                        List.of()), List.of(), List.of())));

        // One row per Fix 2 index, as SafetyClaims lists them (always for one no workload query needs, and
        // for a needed one the run never scanned; HOLDS is what the judge gives a scanned one the workload needs,
        // NOT JUDGED one it does not need, whose scans are the harness's own).
        for (SafetyClaims.Fix2 fix : SafetyClaims.FIX_2) {
            String claim = fix2Claim(fix);
            reach(claim, fix.purpose() == Purpose.NOT_EXERCISED ? Verdict.NOT_JUDGED : Verdict.HOLDS,
                    () -> SafetyJudges.fix2Index(12L, fix.purpose(), fix.why()));
            reach(claim, fix.purpose() == Purpose.NOT_EXERCISED ? Verdict.NOT_JUDGED : Verdict.FAILS,
                    () -> SafetyJudges.fix2Index(0L, fix.purpose(), fix.why()));
            reach(claim, Verdict.NOT_JUDGED, () -> SafetyJudges.fix2Index(null, fix.purpose(), fix.why()));
        }

        String pooler = "\"" + PoolerClaims.QUOTE + "\" (" + PoolerClaims.SECTION + ")";
        PoolerEvidence.Side direct = side(4000, 0, 40);
        reach(pooler, Verdict.HOLDS_ONLY_IF, () -> PoolerClaims.judge(pooler(POOLER_118, direct, side(3500, 0, 10))));
        reach(pooler, Verdict.HOLDS, () -> PoolerClaims.judge(pooler(POOLER_NOTHING_BROKEN, direct, side(3500, 0, 10))));
        reach(pooler, Verdict.FAILS, () -> PoolerClaims.judge(pooler(POOLER_118, direct, side(3500, 0, 40))));
        reach(pooler, Verdict.FAILS, () -> PoolerClaims.judge(pooler(POOLER_118, direct, side(3500, 12, 10))));
        reach(pooler, Verdict.FAILS, () -> PoolerClaims.judge(pooler(POOLER_118, direct, side(0, 40, 10))));
        reach(pooler, Verdict.NOT_JUDGED, () -> PoolerClaims.judge(null));
        reach(pooler, Verdict.NOT_JUDGED, () -> PoolerClaims.judge(PoolerEvidence.skipped("pgbouncer is not installed")));
        reach(pooler, Verdict.NOT_JUDGED, () -> PoolerClaims.judge(new PoolerEvidence(null, "PgBouncer 1.18.0", List.of(),
                POOLER_118, List.of(), null, null, "not run")));
    }

    /** pgBouncer 1.18's findings: Fix 4's options refused, named statements broken, a SET leaked. */
    static final PoolerCorrectness.Findings POOLER_118 = new PoolerCorrectness.Findings("PgBouncer 1.18.0", "30s",
            new PoolerCorrectness.Outcome(false, "08P01", "FATAL: unsupported startup parameter: options", null),
            new PoolerCorrectness.Outcome(true, null, null, "0"), new PoolerCorrectness.Outcome(true, null, null, "30s"),
            new PoolerCorrectness.Outcome(false, "42P05", "ERROR: prepared statement \"S_1\" already exists", null),
            new PoolerCorrectness.Outcome(true, null, null, "48 executions"),
            new PoolerCorrectness.Outcome(true, null, null, "4321ms"), "4321ms");
    /** A pooler where the defaults work and no SET leaks (planted: no such probe result was seen here). */
    static final PoolerCorrectness.Findings POOLER_NOTHING_BROKEN = new PoolerCorrectness.Findings("PgBouncer 9.0.0", "30s",
            new PoolerCorrectness.Outcome(true, null, null, "30s"), new PoolerCorrectness.Outcome(true, null, null, "30s"),
            new PoolerCorrectness.Outcome(true, null, null, "30s"), new PoolerCorrectness.Outcome(true, null, null, "48 executions"),
            new PoolerCorrectness.Outcome(true, null, null, "48 executions"),
            new PoolerCorrectness.Outcome(true, null, null, "30s"), "4321ms");

    private static PoolerEvidence.Side side(long activations, long failed, int connections) {
        return new PoolerEvidence.Side(activations, failed, failed == 0 ? Map.of() : Map.of("53300", failed),
                activations / 5.0, 2, 8, 12, connections);
    }

    private static PoolerEvidence pooler(PoolerCorrectness.Findings findings, PoolerEvidence.Side direct,
                                         PoolerEvidence.Side pooled) {
        return new PoolerEvidence(null, findings.pgbouncerVersion(), List.of("pool_mode = transaction"), findings,
                List.of(new PoolerEvidence.Latency("RoundTripBenchmark.selectOne", List.of(40.0), List.of(90.0), 40, 90,
                        60, 120)), null, new PoolerEvidence.Load(4, 10, 10, 5, direct, pooled), null);
    }

    /** A Fix 2 row's claim: the report's words for the index, in quotes. */
    private static String fix2Claim(SafetyClaims.Fix2 fix) {
        return "\"" + fix.quote() + "\" (Fix 2)";
    }

    private void approximately(String claim, double claimed) {
        reach(claim, Verdict.HOLDS, () -> Judge.approximately(claimed, new Interval(claimed, claimed * 0.9, claimed * 1.1), 5, 0.05));
        reach(claim, Verdict.BETTER_THAN_CLAIMED, () -> Judge.approximately(claimed, new Interval(claimed / 10, claimed / 12,
                claimed / 8), 5, 0.05));
        reach(claim, Verdict.FAILS, () -> Judge.approximately(claimed, new Interval(claimed * 3, claimed * 2, claimed * 4), 5, 0.05));
        reach(claim, Verdict.NOT_SETTLED, () -> Judge.approximately(claimed, new Interval(claimed * 0.8, claimed * 0.6,
                claimed), 5, 0.05));
        reach(claim, Verdict.NOT_JUDGED, () -> Judge.approximately(claimed, Interval.exact(Double.NaN), 5, 0.05));
    }

    private void speedup(String claim, double claimed) {
        reach(claim, Verdict.HOLDS, () -> Judge.speedup(claimed, Interval.exact(claimed * 2), claimed * 2, 1, 6 * claimed, 1));
        reach(claim, Verdict.HOLDS_ONLY_IF, () -> Judge.speedup(claimed, Interval.exact(claimed * 2), claimed * 2, 1, 9, 5));
        reach(claim, Verdict.HOLDS_ONLY_IF, () -> Judge.speedup(claimed, Interval.exact(claimed / 3), claimed / 3, 1,
                6 * claimed, 1));
        reach(claim, Verdict.FAILS, () -> Judge.speedup(claimed, Interval.exact(claimed / 3), claimed / 3, 1, 1, 1));
        reach(claim, Verdict.NOT_SETTLED, () -> Judge.speedup(claimed, new Interval(claimed, claimed * 0.7, claimed * 1.4),
                claimed, 1, 9, 5));
        reach(claim, Verdict.NOT_JUDGED, () -> Judge.speedup(claimed, Interval.exact(Double.NaN), Double.NaN, 1, 9, 5));
    }

    private static Optional<List<Double>> rate(double perSecond) {
        return Optional.of(List.of(perSecond));
    }

    private static String render(Map<String, Set<Verdict>> reached) {
        StringBuilder text = new StringBuilder("# Outcomes each claim's judge reaches\n\n")
                .append("Per claim of the optimization report, the verdicts its judge gives on planted evidence (small")
                .append(" fixed figures; no database, no timing), from `ClaimOutcomesTest`. A claim whose judge cannot")
                .append(" FAIL says why. Refresh with\n`mvn -B -pl bench -am -Dtest=ClaimOutcomesTest -D")
                .append(Repository.REFRESH).append("=true -Dsurefire.failIfNoSpecifiedTests=false verify`.\n\n| claim |");
        for (Verdict verdict : Verdict.values()) {
            text.append(' ').append(verdict.label()).append(" |");
        }
        text.append(" cannot FAIL because |\n|---|");
        for (Verdict ignored : Verdict.values()) {
            text.append("---|");
        }
        text.append("---|\n");
        reached.forEach((claim, verdicts) -> {
            text.append("| ").append(claim.replace("|", "\\|")).append(" |");
            for (Verdict verdict : Verdict.values()) {
                text.append(verdicts.contains(verdict) ? " yes |" : " - |");
            }
            text.append(' ').append(NO_FAILS.getOrDefault(claim, "")).append(" |\n");
        });
        return text.toString();
    }
}
