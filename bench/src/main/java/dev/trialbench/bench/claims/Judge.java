package dev.trialbench.bench.claims;

import dev.trialbench.bench.format.Numbers;

/**
 * The verdict logic of the report's performance claims, with its thresholds. Pure functions of the
 * measured figures, so each rule is tested on both outcomes without a database. Stateless.
 *
 * <p>Network latency: the run measures on one host, where a round trip costs tens of microseconds.
 * Where a claim's figure only makes sense with a network between application and database, the
 * reason gives the round-trip latency the figure would need, from a simple model (time = measured
 * time + round-trip latency x round trips per operation). Such figures are estimates, labelled so.
 */
public final class Judge {

    /** "~X ms" holds when the measured figure is within 25 % of X. */
    public static final double APPROXIMATE_TOLERANCE = 0.25;
    /** "Nx faster" holds when the measured factor reaches 90 % of N. */
    public static final double FACTOR_TOLERANCE = 0.10;
    /** A per-operation count holds when it rounds to the claimed count. */
    static final double COUNT_TOLERANCE = 0.5;

    private Judge() {
    }

    /**
     * "N sequential queries" / "1 batched query": the report counts the fraud check's statements, but
     * says it of the whole activation.
     *
     * @param part      round trips of the part the report describes (the fraud check alone)
     * @param whole     round trips of the whole operation (the activation), NaN if not measured
     * @param wholeWhat what the whole operation makes besides the part, e.g. "lock, fraud read, writes, commit"
     */
    static Judgement roundTrips(double claimed, double part, String partName, double whole, String wholeName,
                                String wholeWhat) {
        if (!Double.isFinite(part)) {
            return Judgement.notJudged("the round trips of the " + partName + " were not counted");
        }
        String partText = "the " + partName + " makes " + Numbers.perOp(part) + " round trip" + plural(part);
        if (Math.abs(part - claimed) >= COUNT_TOLERANCE) {
            return Judgement.fails(partText + ", not " + Numbers.plain(claimed));
        }
        if (!Double.isFinite(whole) || Math.abs(whole - claimed) < COUNT_TOLERANCE) {
            return Judgement.holds(partText + (Double.isFinite(whole)
                    ? "; the whole " + wholeName + " makes " + Numbers.perOp(whole) : ""));
        }
        return Judgement.holdsOnlyIf("counted for the " + partName + " alone",
                partText + "; the whole " + wholeName + " makes " + Numbers.perOp(whole) + " (" + wholeWhat + ")");
    }

    /**
     * "~X ms average".
     *
     * @param roundTrips round trips per operation, for the latency estimate; NaN to give none
     * @param floor      the measured round-trip floor ({@code SELECT 1} p50), for the reason; NaN if unknown
     */
    static Judgement approximately(double claimedMillis, double measuredMillis, double roundTrips, double floor) {
        if (!Double.isFinite(measuredMillis)) {
            return Judgement.notJudged("the cell was not measured");
        }
        String measured = "measured " + Numbers.ms(measuredMillis);
        if (Math.abs(measuredMillis - claimedMillis) <= APPROXIMATE_TOLERANCE * claimedMillis) {
            return Judgement.holds(measured + ", within " + Numbers.decimal(APPROXIMATE_TOLERANCE * 100, 0)
                    + " % of the report's ~" + Numbers.plain(claimedMillis) + " ms");
        }
        StringBuilder reason = new StringBuilder(measured).append(", ");
        if (measuredMillis < claimedMillis) {
            reason.append(Numbers.factor(claimedMillis / measuredMillis)).append(" below the report's ~")
                    .append(Numbers.plain(claimedMillis)).append(" ms");
            if (Double.isFinite(roundTrips) && roundTrips > 0) {
                reason.append(". The report's figures assume a network between application and database; ")
                        .append("estimate, not measured: its figure needs about ")
                        .append(Numbers.ms((claimedMillis - measuredMillis) / roundTrips))
                        .append(" per round trip ((").append(Numbers.plain(claimedMillis)).append(" - ")
                        .append(Numbers.millis(measuredMillis)).append(") / ").append(Numbers.perOp(roundTrips))
                        .append(" round trips)");
                if (Double.isFinite(floor)) {
                    reason.append(", against ").append(Numbers.ms(floor)).append(" measured here (SELECT 1 p50)");
                }
            }
        } else {
            reason.append(Numbers.factor(measuredMillis / claimedMillis)).append(" above the report's ~")
                    .append(Numbers.plain(claimedMillis)).append(" ms, with no network latency added");
        }
        return Judgement.fails(reason.toString());
    }

    /**
     * "Nx faster": slow / fast. The ratio moves with network latency, from the measured one towards
     * the ratio of round trips; the condition says on which side of which latency the claim holds.
     *
     * @param slowTrips round trips per operation of the slow cell; NaN if not counted
     * @param fastTrips round trips per operation of the fast cell; NaN if not counted
     */
    static Judgement speedup(double claimed, double slowMillis, double fastMillis, double slowTrips, double fastTrips) {
        if (!Double.isFinite(slowMillis) || !Double.isFinite(fastMillis)) {
            return Judgement.notJudged("a cell of the ratio was not measured");
        }
        double threshold = claimed * (1 - FACTOR_TOLERANCE);
        double measured = slowMillis / fastMillis;
        String measuredText = "measured " + Numbers.factor(measured) + " here (threshold "
                + Numbers.factor(threshold) + ")";
        boolean reached = measured >= threshold;
        if (!Double.isFinite(slowTrips) || !Double.isFinite(fastTrips) || fastTrips <= 0) {
            return reached ? Judgement.holds(measuredText) : Judgement.fails(measuredText);
        }
        double limit = slowTrips / fastTrips;
        String model = "; estimate, not measured: with network latency the ratio moves towards the ratio of round trips, "
                + Numbers.perOp(slowTrips) + " / " + Numbers.perOp(fastTrips) + " = " + Numbers.factor(limit);
        if (reached && limit >= threshold) {
            return Judgement.holds(measuredText + model + ", so it stays above the threshold at any latency");
        }
        if (reached) {
            double latency = (slowMillis - threshold * fastMillis) / (threshold * fastTrips - slowTrips);
            return Judgement.holdsOnlyIf("the round trip is short (below about " + Numbers.ms(latency) + ", estimated)",
                    measuredText + model + "; it falls below the threshold from about " + Numbers.ms(latency)
                            + " per round trip");
        }
        if (limit > threshold) {
            double latency = (threshold * fastMillis - slowMillis) / (slowTrips - threshold * fastTrips);
            return Judgement.holdsOnlyIf("the round trip is long (above about " + Numbers.ms(latency) + ", estimated)",
                    measuredText + model + "; it reaches the threshold from about " + Numbers.ms(latency)
                            + " per round trip");
        }
        return Judgement.fails(measuredText + model + ", so no network latency brings it to " + Numbers.plain(claimed) + "x");
    }

    private static String plural(double count) {
        return Math.abs(count - 1) < COUNT_TOLERANCE ? "" : "s";
    }
}
