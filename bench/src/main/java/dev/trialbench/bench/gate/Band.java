package dev.trialbench.bench.gate;

/**
 * The range a measured figure may fall in without changing the verdict, and the one place where a
 * direction turns a position relative to that range into a verdict. Immutable.
 *
 * @param low  the lowest passing figure (may be negative infinity)
 * @param high the highest passing figure (may be positive infinity)
 */
public record Band(double low, double high) {

    /** Equal to the expected count, give or take floating-point noise in a per-operation average. */
    public static Band exact(double expected) {
        return new Band(expected - Tolerances.EXACT, expected + Tolerances.EXACT);
    }

    /** {@code expected / (1 + tolerance)} .. {@code expected * (1 + tolerance)}: ratios move by factors. */
    public static Band relative(double expected, double tolerance) {
        return new Band(expected / (1 + tolerance), expected * (1 + tolerance));
    }

    public static Band plusMinus(double expected, double delta) {
        return new Band(expected - delta, expected + delta);
    }

    /** Everything up to {@code threshold}: a budget for a lower-is-better figure. */
    public static Band atMost(double threshold) {
        return new Band(Double.NEGATIVE_INFINITY, threshold);
    }

    /** Everything from {@code threshold}: a budget for a higher-is-better figure. */
    public static Band atLeast(double threshold) {
        return new Band(threshold, Double.POSITIVE_INFINITY);
    }

    /**
     * Inside the band passes. Outside, the direction decides: the bad side is a regression, the good
     * side an improvement; for {@link Direction#EXACT} both sides are regressions. A measured figure
     * that is not a number was not measured.
     */
    public GateVerdict judge(double measured, Direction direction) {
        if (Double.isNaN(measured)) {
            return GateVerdict.NOT_MEASURED;
        }
        boolean below = measured < low;
        boolean above = measured > high;
        if (!below && !above) {
            return GateVerdict.PASS;
        }
        return switch (direction) {
            case EXACT -> GateVerdict.REGRESSION;
            case HIGHER_IS_BETTER -> below ? GateVerdict.REGRESSION : GateVerdict.IMPROVED;
            case LOWER_IS_BETTER -> above ? GateVerdict.REGRESSION : GateVerdict.IMPROVED;
        };
    }

    /** Which side of the band the figure fell on, for a message: {@code below} or {@code above}. */
    public String side(double measured) {
        return measured < low ? "below" : "above";
    }
}
