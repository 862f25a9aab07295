package dev.trialbench.bench.pipeline;

import dev.trialbench.activation.ActivationSql;
import dev.trialbench.bench.runfolder.RunEvidence.StatementEvidence;
import dev.trialbench.db.StatementCounter;
import dev.trialbench.monitor.Monitor;
import dev.trialbench.monitor.Plan;
import dev.trialbench.monitor.StatementStatistic;
import dev.trialbench.monitor.StatementStatisticsReading;
import dev.trialbench.listing.ReportListing;
import dev.trialbench.seed.SeedPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * Per statement of the activation path and the listing: what pg_stat_statements recorded during one
 * schema state's measurements (matched by the name comment each statement starts with), and its
 * EXPLAIN plan with representative values from the seeded data (the plan only, nothing executed).
 */
final class StatementEvidenceCollector {

    private StatementEvidenceCollector() {
    }

    /** Every named statement trialbench measures, in a stable order. */
    static Map<String, String> statements() {
        Map<String, String> statements = new LinkedHashMap<>(ActivationSql.byName());
        statements.put("NEWEST_REPORTS", ReportListing.sql());
        return statements;
    }

    static List<StatementEvidence> collect(String schema, Jdbi jdbi, Monitor monitor, SeedPlan plan, boolean statisticsUsable) {
        List<StatementStatistic> statistics = statisticsUsable ? monitor.statementStatistics(null, 10_000) : List.of();
        StatementStatisticsReading reading = new StatementStatisticsReading(true, null, statistics);
        Map<String, Object> values = sampleValues(jdbi, plan);
        List<StatementEvidence> evidence = new ArrayList<>();
        for (Map.Entry<String, String> statement : statements().entrySet()) {
            String name = statement.getKey();
            // The statistics' own totals (zeros when they were not collected: the run records why apart).
            StatementStatisticsReading.Totals totals = reading.totalsFor(name).orElseThrow();
            long calls = totals.calls();
            double total = totals.totalExecTimeMs();
            long hit = totals.sharedBlocksHit();
            long read = totals.sharedBlocksRead();
            Map<String, Object> bound = new HashMap<>(values);
            if (name.equals("NEWEST_REPORTS")) {
                bound.put("userId", plan.heavyReportOwner(0));
            }
            Plan explained = explain(jdbi, statement.getValue(), bound);
            evidence.add(new StatementEvidence(schema, name, StatementCounter.jdbcText(statement.getValue()), calls,
                    calls == 0 ? 0 : total / calls, total, calls == 0 ? 0 : (double) hit / calls,
                    calls == 0 ? 0 : (double) read / calls, explained.summary(),
                    List.copyOf(explained.indexNames()), List.copyOf(explained.seqScannedRelations())));
        }
        return evidence;
    }

    private static Plan explain(Jdbi jdbi, String sql, Map<String, Object> values) {
        String json = jdbi.withHandle(handle -> {
            handle.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
            return handle.createQuery("EXPLAIN (FORMAT JSON) " + sql).bindMap(values).mapTo(String.class).one();
        });
        return Plan.fromJson(json);
    }

    /** Values that exist in the seeded data, so plans are those of real lookups. */
    static Map<String, Object> sampleValues(Jdbi jdbi, SeedPlan plan) {
        Map<String, Object> values = new HashMap<>();
        values.put("userId", plan.activeUser(1));
        values.put("fingerprint", plan.existingFingerprint(1));
        values.put("ip", plan.busyIp(0));
        values.put("card", jdbi.withHandle(handle -> handle.createQuery(
                "SELECT card_fingerprint FROM payment_verifications ORDER BY verification_id LIMIT 1")
                .mapTo(String.class).findOne().orElse("none")));
        values.put("limit", ReportListing.PAGE);
        values.put("tokenId", new UUID(0, 1));
        values.put("flagId", new UUID(0, 2));
        values.put("fingerprintId", new UUID(0, 3));
        values.put("deviceData", "{}");
        values.put("trialDays", 7);
        values.put("reportsRemaining", 3);
        values.put("flagType", "EXPLAIN");
        values.put("severity", "low");
        values.put("fraudScore", 0);
        values.put("details", "{}");
        return values;
    }
}
