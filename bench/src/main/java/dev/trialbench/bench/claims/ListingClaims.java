package dev.trialbench.bench.claims;

import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.EvidenceLookup;
import dev.trialbench.bench.runfolder.RunEvidence.StatementEvidence;
import dev.trialbench.bench.runfolder.RunFolder;
import java.util.List;
import java.util.Optional;

/**
 * The report's "Report listing" claims: the plan before and after (from the statement's EXPLAIN in
 * the evidence), the times for 1000 records, and the 20x speedup. Stateless.
 */
final class ListingClaims {

    private static final String BEFORE_SECTION = "Performance Improvements Expected, Before Optimization";
    private static final String AFTER_SECTION = "Performance Improvements Expected, After Optimization";
    private static final String TABLE = "reports";

    private static final CellKey LARGE_BEFORE = CellKey.of(CellKey.LISTING, CellKey.RECORDS_1000, CellKey.BEFORE);
    private static final CellKey LARGE_AFTER = LARGE_BEFORE.at(CellKey.AFTER);
    private static final CellKey PAGE_BEFORE = LARGE_BEFORE.with(CellKey.PAGE_50);

    private ListingClaims() {
    }

    static List<Claim> of(ClaimContext context) {
        return List.of(fullScan(context), timeBefore(context), indexScan(context), timeAfter(context), speedup(context));
    }

    static Claim fullScan(ClaimContext context) {
        Optional<StatementEvidence> statement = listing(context, CellKey.BEFORE);
        Judgement judgement = statement
                .map(found -> SafetyJudge.seqScan(TABLE, EvidenceLookup.list(found.seqScans()), found.plan()))
                .orElseGet(() -> notRecorded(CellKey.BEFORE));
        return context.claim(BEFORE_SECTION, "Report listing: Full table scan", plan(statement), judgement,
                statementSource(CellKey.BEFORE));
    }

    static Claim indexScan(ClaimContext context) {
        Optional<StatementEvidence> statement = listing(context, CellKey.AFTER);
        Judgement judgement = statement
                .map(found -> SafetyJudge.indexScan(TABLE, EvidenceLookup.list(found.indexes()),
                        EvidenceLookup.list(found.seqScans()), found.plan()))
                .orElseGet(() -> notRecorded(CellKey.AFTER));
        return context.claim(AFTER_SECTION, "Report listing: Index scan", plan(statement), judgement,
                statementSource(CellKey.AFTER));
    }

    static Claim timeBefore(ClaimContext context) {
        Judgement judgement = Judge.approximately(200, context.mean(LARGE_BEFORE), Double.NaN, context.floor(CellKey.BEFORE))
                .withNote("a full scan's time grows with the table: " + tableSize(context));
        return context.claim(BEFORE_SECTION, "~200ms for 1000 records", context.figures(LARGE_BEFORE), judgement,
                RunFolder.JMH_BEFORE + " " + LARGE_BEFORE.operation() + " (mean)");
    }

    static Claim timeAfter(ClaimContext context) {
        return context.claim(AFTER_SECTION, "~10ms for 1000 records", context.figures(LARGE_AFTER),
                Judge.approximately(10, context.mean(LARGE_AFTER), Double.NaN, context.floor(CellKey.AFTER)),
                RunFolder.JMH_AFTER + " " + LARGE_AFTER.operation() + " (mean)");
    }

    static Claim speedup(ClaimContext context) {
        Judgement judgement = Judge.speedup(20, context.mean(LARGE_BEFORE), context.mean(LARGE_AFTER),
                        context.evidence().roundTrips(LARGE_BEFORE), context.evidence().roundTrips(LARGE_AFTER))
                .withNote("the full scan grows with the table and the index scan does not, so the ratio depends on the"
                        + " data: " + tableSize(context));
        return context.claim(AFTER_SECTION, "20x faster",
                "1000 records: " + context.ratio(LARGE_BEFORE, LARGE_AFTER) + "; page of 50: "
                        + context.ratio(PAGE_BEFORE, PAGE_BEFORE.at(CellKey.AFTER)),
                judgement, RunFolder.JMH_BEFORE + ", " + RunFolder.JMH_AFTER + " " + LARGE_BEFORE.operation() + " (means)");
    }

    private static Optional<StatementEvidence> listing(ClaimContext context, String schema) {
        return context.evidence().statement(schema, EvidenceLookup.LISTING_STATEMENT);
    }

    private static String plan(Optional<StatementEvidence> statement) {
        return statement.map(found -> "plan of " + found.name() + ": " + found.plan()).orElse("plan not recorded");
    }

    private static Judgement notRecorded(String schema) {
        return Judgement.notJudged("evidence.json has no statement " + EvidenceLookup.LISTING_STATEMENT + " at " + schema);
    }

    private static String statementSource(String schema) {
        return "evidence.json statements: " + EvidenceLookup.LISTING_STATEMENT + " @ " + schema + " (EXPLAIN)";
    }

    /** {@code reports holds 25,000 rows here (scale 0.05)}. */
    private static String tableSize(ClaimContext context) {
        String scale = "scale " + Numbers.plain(context.run().environment().scale());
        return context.evidence().seed()
                .map(seed -> seed.rowsPerTable() == null ? null : seed.rowsPerTable().get(TABLE))
                .map(rows -> TABLE + " holds " + Numbers.count(rows) + " rows here (" + scale + ")")
                .orElse(TABLE + "' size was not recorded (" + scale + ")");
    }
}
