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
 *
 * <p>"~120ms average" is not judged again at that round trip: with 20 ms added to each of the naive
 * activation's 9 round trips, 180 ms of latency alone exceed the claim's tolerance before anything is
 * measured, so such a verdict would come from arithmetic, not from a measurement. The question a
 * measurement answers here is the ratio, "6x faster", at the report's own round trip. Stateless.
 */
public final class RttClaims {

    /** 120 ms for 6 sequential queries, as the report puts it. */
    static final double IMPLIED_RTT_MILLIS = 120.0 / 6;
    static final String SECTION = "Performance Improvements Expected, at the report's implied round trip";

    private RttClaims() {
    }

    static List<Claim> of(ClaimContext context, RttSweep sweep) {
        return List.of(speedup(context, sweep));
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
        // the condition names a round trip only where the ratio's interval, not its point value, clears the threshold
        OptionalDouble holdsUpTo = sweep.lastHolding(threshold * BetweenRunSpread.halfWidth(BetweenRunSpread.ACTIVATION_RATIO),
                CellKey.ACTIVATION, CellKey.NAIVE, CellKey.BEFORE, CellKey.BATCHED, CellKey.AFTER);
        OptionalDouble batchingTwoX = batchingTwiceAsFastFrom(sweep, CellKey.ACTIVATION);
        String measured = "naive @ before / batched @ after with " + Numbers.ms(IMPLIED_RTT_MILLIS) + " per round trip: "
                + interval(atImplied.getAsDouble()).factor() + " on the mean; at 0 ms: "
                + sweep.ratio(CellKey.ACTIVATION, CellKey.NAIVE, CellKey.BEFORE, CellKey.BATCHED, CellKey.AFTER, 0)
                .stream().mapToObj(Numbers::factor).findFirst().orElse("not measured");
        String condition = holdsUpTo.isEmpty() ? null
                : holdsUpTo.getAsDouble() == 0 ? "the database is on the same host (no network: measured on loopback only)"
                : "the round trip is at most about " + Numbers.ms(holdsUpTo.getAsDouble())
                + " (measured points whose interval clears the threshold)";
        String reason = "at the round trip the report's own figures imply, the ratio is "
                + interval(atImplied.getAsDouble()).factor() + " (threshold " + Numbers.factor(threshold) + "); as latency grows"
                + " the ratio tends to the ratio of round trips, 9 / 5; batching alone (after the migrations) reaches 2x "
                + (batchingTwoX.isPresent() ? "from about " + Numbers.ms(batchingTwoX.getAsDouble()) + " per round trip"
                        : "at no measured round trip");
        Judgement judgement = atImpliedRtt(interval(atImplied.getAsDouble()), threshold, condition, reason);
        return context.claim(SECTION, quote, measured, judgement, source);
    }

    /**
     * "6x faster" at the implied round trip: HOLDS when the ratio's interval is at or above the threshold,
     * NOT SETTLED when it straddles it; below it, HOLDS ONLY IF the sweep shows a round trip where the
     * ratio held ({@code condition}), else FAILS.
     */
    static Judgement atImpliedRtt(Interval ratio, double threshold, String condition, String reason) {
        if (ratio.atLeast(threshold)) {
            return Judgement.holds(reason);
        }
        if (!ratio.below(threshold)) {
            return Judgement.notSettled(reason + "; the interval straddles the threshold");
        }
        return condition != null ? Judgement.holdsOnlyIf(condition, reason) : Judgement.fails(reason);
    }

    /** A ratio of the sweep with its interval (one fork per point: the between-run spread alone). */
    static Interval interval(double ratio) {
        return Interval.of(ratio, ratio, ratio, BetweenRunSpread.halfWidth(BetweenRunSpread.ACTIVATION_RATIO));
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
                withoutSweep(), source);
    }

    /** The judgement of a run whose round-trip sweep has no point at the implied round trip. */
    static Judgement withoutSweep() {
        return Judgement.notJudged("run the pipeline with --rtt including " + Numbers.plain(IMPLIED_RTT_MILLIS)
                + "ms (the full profile does)");
    }
}
