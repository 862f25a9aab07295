package dev.trialbench.bench.claims;

import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.RttSweep;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The activation claims judged again at the round-trip time the report's own figures imply: "6
 * sequential queries, ~120ms" is 20 ms per query, the cost of a network between the application and a
 * managed database, not of a query. Judged only from a run's RTT sweep (never from an estimate).
 * Stateless.
 */
public final class RttClaims {

    /** 120 ms for 6 sequential queries, as the report puts it. */
    static final double IMPLIED_RTT_MILLIS = 120.0 / 6;
    private static final String SECTION = "Performance Improvements Expected, at the report's implied round trip";

    private RttClaims() {
    }

    static List<Claim> of(ClaimContext context, RttSweep sweep) {
        return List.of(averageBefore(context, sweep), speedup(context, sweep));
    }

    static Claim averageBefore(ClaimContext context, RttSweep sweep) {
        String quote = "~120ms average";
        String source = RttSweep.BEFORE_FILE + " ActivationBenchmark.naive, rtt " + Numbers.plain(IMPLIED_RTT_MILLIS) + "ms";
        return sweep.point(CellKey.ACTIVATION, CellKey.NAIVE, CellKey.BEFORE, IMPLIED_RTT_MILLIS)
                .map(point -> context.claim(SECTION, quote,
                        "ActivationBenchmark.naive @ before with " + Numbers.ms(IMPLIED_RTT_MILLIS) + " per round trip: mean "
                                + Numbers.ms(point.mean()) + ", p50 " + Numbers.ms(point.p50()),
                        averageAtImpliedRtt(point.mean(), context.evidence().roundTrips(
                                CellKey.of(CellKey.ACTIVATION, CellKey.NAIVE, CellKey.BEFORE))),
                        source))
                .orElseGet(() -> notJudged(context, quote, source));
    }

    /** "~120 ms" with 20 ms per round trip: holds within the usual tolerance; otherwise says why. */
    static Judgement averageAtImpliedRtt(double measuredMillis, double roundTrips) {
        String measured = "measured " + Numbers.ms(measuredMillis) + " with " + Numbers.ms(IMPLIED_RTT_MILLIS)
                + " added per round trip (120 ms / 6 queries)";
        if (Math.abs(measuredMillis - 120) <= Judge.APPROXIMATE_TOLERANCE * 120) {
            return Judgement.holds(measured + ", within " + Numbers.decimal(Judge.APPROXIMATE_TOLERANCE * 100, 0)
                    + " % of the report's ~120 ms");
        }
        return Judgement.fails(measured + "; the naive activation makes " + Numbers.perOp(roundTrips)
                + " round trips, not 6: the user lookup and the writes pay the latency too ("
                + Numbers.perOp(roundTrips) + " x " + Numbers.ms(IMPLIED_RTT_MILLIS) + " = "
                + Numbers.ms(roundTrips * IMPLIED_RTT_MILLIS) + " of latency alone)");
    }

    static Claim speedup(ClaimContext context, RttSweep sweep) {
        String quote = "6x faster";
        String source = RttSweep.BEFORE_FILE + ", " + RttSweep.AFTER_FILE + " ActivationBenchmark (means, rtt sweep)";
        OptionalDouble atImplied = sweep.ratio(CellKey.ACTIVATION, CellKey.NAIVE, CellKey.BEFORE, CellKey.BATCHED,
                CellKey.AFTER, IMPLIED_RTT_MILLIS);
        if (atImplied.isEmpty()) {
            return notJudged(context, quote, source);
        }
        double threshold = 6 * (1 - Judge.FACTOR_TOLERANCE);
        OptionalDouble holdsUpTo = sweep.lastHolding(threshold, CellKey.ACTIVATION, CellKey.NAIVE, CellKey.BEFORE,
                CellKey.BATCHED, CellKey.AFTER);
        OptionalDouble batchingTwoX = batchingTwiceAsFastFrom(sweep, CellKey.ACTIVATION);
        String measured = "naive @ before / batched @ after with " + Numbers.ms(IMPLIED_RTT_MILLIS) + " per round trip: "
                + Numbers.factor(atImplied.getAsDouble()) + " on the mean; at 0 ms: "
                + sweep.ratio(CellKey.ACTIVATION, CellKey.NAIVE, CellKey.BEFORE, CellKey.BATCHED, CellKey.AFTER, 0)
                .stream().mapToObj(Numbers::factor).findFirst().orElse("not measured");
        String condition = holdsUpTo.isEmpty() ? null
                : holdsUpTo.getAsDouble() == 0 ? "the database is on the same host (no network: measured on loopback only)"
                : "the round trip is at most about " + Numbers.ms(holdsUpTo.getAsDouble()) + " (measured points)";
        String reason = "at the round trip the report's own figures imply, the ratio is "
                + Numbers.factor(atImplied.getAsDouble()) + " (threshold " + Numbers.factor(threshold) + "); as latency grows"
                + " the ratio tends to the ratio of round trips, 9 / 5; batching alone (after the migrations) reaches 2x "
                + (batchingTwoX.isPresent() ? "from about " + Numbers.ms(batchingTwoX.getAsDouble()) + " per round trip"
                        : "at no measured round trip");
        Judgement judgement;
        if (atImplied.getAsDouble() >= threshold) {
            judgement = Judgement.holds(reason);
        } else if (condition != null) {
            judgement = Judgement.holdsOnlyIf(condition, reason);
        } else {
            judgement = Judgement.fails(reason);
        }
        return context.claim(SECTION, quote, measured, judgement, source);
    }

    /**
     * The largest measured round trip at which the report's 6x (naive before / batched after) still holds,
     * taken at its word (no tolerance); empty if at none.
     */
    public static OptionalDouble sixTimesHoldsUpTo(RttSweep sweep) {
        return sweep.lastHolding(6, CellKey.ACTIVATION, CellKey.NAIVE, CellKey.BEFORE, CellKey.BATCHED, CellKey.AFTER);
    }

    /**
     * The round trip from which batching alone makes a benchmark 2x faster after the migrations (naive /
     * batched), interpolated between measured points; empty if at none.
     */
    public static OptionalDouble batchingTwiceAsFastFrom(RttSweep sweep, String benchmark) {
        return sweep.firstReaching(2, benchmark, CellKey.NAIVE, CellKey.AFTER, CellKey.BATCHED, CellKey.AFTER);
    }

    private static Claim notJudged(ClaimContext context, String quote, String source) {
        return context.claim(SECTION, quote, "no round-trip sweep at " + Numbers.ms(IMPLIED_RTT_MILLIS) + " in this run",
                Judgement.notJudged("run the pipeline with --rtt including " + Numbers.plain(IMPLIED_RTT_MILLIS)
                        + "ms (the full profile does)"), source);
    }
}
