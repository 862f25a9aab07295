package dev.trialbench.bench.claims;

import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.Factorial;
import dev.trialbench.bench.runfolder.RunEvidence.DatabaseEvidence;
import dev.trialbench.bench.runfolder.RunFolder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The report's "Success Metrics" (KPIs), judged for what one run measures: the AFTER cells and the
 * database counters over the AFTER measurements. Stateless.
 */
public final class KpiClaims {

    private static final String SECTION = "Success Metrics";
    public static final String POOL_UTILIZATION = "Connection pool utilization < 80%";

    private KpiClaims() {
    }

    static List<Claim> of(ClaimContext context) {
        return List.of(p95(context), poolUtilization(context), deadlocks(context), rollbackRate(context),
                indexHitRatio(context));
    }

    static Claim p95(ClaimContext context) {
        Map<String, Double> p95 = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Factorial.Row row : context.factorial().rows()) {
            if (CellKey.AFTER.equals(row.key().schema())) {
                row.result().ifPresentOrElse(cell -> p95.put(row.key().operation(), cell.p95Millis()),
                        () -> missing.add(row.key().operation()));
            }
        }
        double worst = p95.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        double halfWidth = BetweenRunSpread.halfWidth(BetweenRunSpread.WORST_AFTER_P95) * context.busy(CellKey.AFTER);
        return context.claim(SECTION, "P95 query latency < 50ms", "highest p95 of the AFTER cells: "
                        + (Double.isFinite(worst) ? Interval.of(worst, worst, worst, halfWidth).millis() : Numbers.ms(worst)),
                SafetyJudge.p95Below(p95, missing, halfWidth), RunFolder.JMH_AFTER + " (p95 of every cell)");
    }

    static Claim poolUtilization(ClaimContext context) {
        return context.claim(SECTION, POOL_UTILIZATION, "not measured by this run",
                SafetyJudge.poolUtilization(), "the load test (loadtest/)");
    }

    static Claim deadlocks(ClaimContext context) {
        Optional<DatabaseEvidence> after = context.evidence().database(CellKey.AFTER);
        return context.claim(SECTION, "Zero deadlocks per day", "deadlocks: " + counter(context, "deadlocks"),
                after.map(database -> SafetyJudge.zeroDeadlocks(database.deadlocks())).orElseGet(KpiClaims::notRecorded),
                "evidence.json database (pg_stat_database.deadlocks)");
    }

    static Claim rollbackRate(ClaimContext context) {
        Optional<DatabaseEvidence> after = context.evidence().database(CellKey.AFTER);
        return context.claim(SECTION, "Transaction rollback rate < 1%", "rollback rate: " + counter(context, "rollbacks"),
                after.map(database -> SafetyJudge.rollbackRate(database.commits(), database.rollbacks()))
                        .orElseGet(KpiClaims::notRecorded),
                "evidence.json database (xact_commit, xact_rollback)");
    }

    static Claim indexHitRatio(ClaimContext context) {
        Optional<DatabaseEvidence> after = context.evidence().database(CellKey.AFTER);
        return context.claim(SECTION, "Index hit ratio > 95%", "index hit ratio: " + counter(context, "indexHits"),
                after.map(database -> SafetyJudge.indexHitRatio(database.indexHitRatio())).orElseGet(KpiClaims::notRecorded),
                "evidence.json database (pg_statio_user_indexes)");
    }

    /** {@code 0 before, 0 after}: the counter at both schema states. */
    private static String counter(ClaimContext context, String which) {
        List<String> parts = new ArrayList<>();
        for (String schema : CellKey.SCHEMAS) {
            parts.add(context.evidence().database(schema).map(database -> value(database, which)).orElse("not recorded")
                    + " " + schema);
        }
        return String.join(", ", parts);
    }

    private static String value(DatabaseEvidence database, String which) {
        return switch (which) {
            case "deadlocks" -> Numbers.count(database.deadlocks());
            case "rollbacks" -> database.commits() + database.rollbacks() == 0 ? Numbers.NOT_AVAILABLE
                    : Numbers.percent((double) database.rollbacks() / (database.commits() + database.rollbacks()));
            default -> database.indexHitRatio() == null ? Numbers.NOT_AVAILABLE : Numbers.percent(database.indexHitRatio());
        };
    }

    static Judgement notRecorded() {
        return Judgement.notJudged("evidence.json has no database figures for the AFTER measurements");
    }
}
