package dev.trialbench.bench.claims;

import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.EvidenceLookup;
import dev.trialbench.bench.runfolder.RunFolder;
import java.util.List;

/**
 * The report's trial-activation claims ("Performance Improvements Expected"): round trips before and
 * after, the average times, and the 6x speedup, which the factorial splits into what batching and
 * what the indexes each contribute. Stateless.
 */
final class ActivationClaims {

    private static final String BEFORE_SECTION = "Performance Improvements Expected, Before Optimization";
    private static final String AFTER_SECTION = "Performance Improvements Expected, After Optimization";

    private static final CellKey FRAUD_NAIVE = CellKey.of(CellKey.FRAUD_CHECK, CellKey.NAIVE, CellKey.BEFORE);
    private static final CellKey FRAUD_BATCHED = CellKey.of(CellKey.FRAUD_CHECK, CellKey.BATCHED, CellKey.AFTER);
    private static final CellKey NAIVE_BEFORE = CellKey.of(CellKey.ACTIVATION, CellKey.NAIVE, CellKey.BEFORE);
    private static final CellKey BATCHED_AFTER = CellKey.of(CellKey.ACTIVATION, CellKey.BATCHED, CellKey.AFTER);

    private ActivationClaims() {
    }

    static List<Claim> of(ClaimContext context) {
        return List.of(sequentialQueries(context), averageBefore(context), batchedQuery(context), averageAfter(context),
                speedup(context));
    }

    static Claim sequentialQueries(ClaimContext context) {
        EvidenceLookup evidence = context.evidence();
        double fraud = evidence.roundTrips(FRAUD_NAIVE);
        double whole = evidence.roundTrips(NAIVE_BEFORE);
        return context.claim(BEFORE_SECTION, "Trial activation: 6 sequential queries",
                "naive fraud check: " + trips(fraud) + " round trips per operation (after: "
                        + trips(evidence.roundTrips(FRAUD_NAIVE.at(CellKey.AFTER))) + "); whole naive activation: "
                        + trips(whole),
                Judge.roundTrips(6, fraud, "naive fraud check", whole, "naive activation",
                        "user lookup, device and token writes besides"),
                "evidence.json cells: " + FRAUD_NAIVE.label() + ", " + NAIVE_BEFORE.label());
    }

    static Claim batchedQuery(ClaimContext context) {
        EvidenceLookup evidence = context.evidence();
        double fraud = evidence.roundTrips(FRAUD_BATCHED);
        double whole = evidence.roundTrips(BATCHED_AFTER);
        return context.claim(AFTER_SECTION, "Trial activation: 1 batched query",
                "batched fraud check: " + trips(fraud) + " round trip per operation (before: "
                        + trips(evidence.roundTrips(FRAUD_BATCHED.at(CellKey.BEFORE))) + "); whole batched activation: "
                        + trips(whole),
                Judge.roundTrips(1, fraud, "batched fraud check", whole, "batched activation",
                        "lock of user and device, the fraud read, the writes and the commit"),
                "evidence.json cells: " + FRAUD_BATCHED.label() + ", " + BATCHED_AFTER.label());
    }

    static Claim averageBefore(ClaimContext context) {
        return context.claim(BEFORE_SECTION, "~120ms average", context.figures(NAIVE_BEFORE),
                Judge.approximately(120, context.mean(NAIVE_BEFORE), context.evidence().roundTrips(NAIVE_BEFORE),
                        context.floor(CellKey.BEFORE)),
                RunFolder.JMH_BEFORE + " " + NAIVE_BEFORE.operation() + " (mean); evidence.json round trips");
    }

    static Claim averageAfter(ClaimContext context) {
        return context.claim(AFTER_SECTION, "~20ms average", context.figures(BATCHED_AFTER),
                Judge.approximately(20, context.mean(BATCHED_AFTER), context.evidence().roundTrips(BATCHED_AFTER),
                        context.floor(CellKey.AFTER)),
                RunFolder.JMH_AFTER + " " + BATCHED_AFTER.operation() + " (mean); evidence.json round trips");
    }

    /** "6x faster": naive-before / batched-after, which mixes batching and indexes; the factorial separates them. */
    static Claim speedup(ClaimContext context) {
        CellKey batchedBefore = NAIVE_BEFORE.with(CellKey.BATCHED);
        CellKey naiveAfter = NAIVE_BEFORE.at(CellKey.AFTER);
        String measured = "naive @ before / batched @ after: " + context.ratio(NAIVE_BEFORE, BATCHED_AFTER)
                + "; batching alone: " + context.ratio(NAIVE_BEFORE, batchedBefore) + " before, "
                + context.ratio(naiveAfter, BATCHED_AFTER) + " after; indexes alone: "
                + context.ratio(NAIVE_BEFORE, naiveAfter) + " naive, " + context.ratio(batchedBefore, BATCHED_AFTER)
                + " batched";
        Judgement judgement = Judge.speedup(6, context.mean(NAIVE_BEFORE), context.mean(BATCHED_AFTER),
                context.evidence().roundTrips(NAIVE_BEFORE), context.evidence().roundTrips(BATCHED_AFTER))
                .withNote("the report credits batching and indexes together; the factorial row shows each alone");
        return context.claim(AFTER_SECTION, "6x faster", measured, judgement,
                RunFolder.JMH_BEFORE + ", " + RunFolder.JMH_AFTER + " ActivationBenchmark (means, all four cells)");
    }

    private static String trips(double roundTrips) {
        return Double.isFinite(roundTrips) ? Numbers.perOp(roundTrips) : "not counted";
    }
}
