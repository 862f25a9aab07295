package dev.trialbench.bench.claims;

import dev.trialbench.bench.format.Numbers;

/**
 * A measured figure with the interval a verdict is decided on: the range of its forks, widened on both
 * sides by the between-run factor measured on the committed baseline runs ({@link BetweenRunSpread}).
 * Immutable.
 *
 * @param value the figure as measured over all forks
 * @param low   the interval's lower end
 * @param high  the interval's upper end
 */
public record Interval(double value, double low, double high) {

    public Interval {
        if (!(low <= value && value <= high) && Double.isFinite(value)) {
            throw new IllegalArgumentException("the interval [" + low + ", " + high + "] must contain " + value);
        }
    }

    /** A figure with no spread at all: for planted evidence and figures that do not move between runs. */
    public static Interval exact(double value) {
        return new Interval(value, value, value);
    }

    /**
     * @param forkLow  the smallest per-fork figure (the value itself with one fork)
     * @param forkHigh the largest
     * @param factor   the between-run half-width factor, at least 1: the ends are divided and multiplied by it
     */
    public static Interval of(double value, double forkLow, double forkHigh, double factor) {
        double low = Math.min(value, forkLow) / factor;
        double high = Math.max(value, forkHigh) * factor;
        return new Interval(value, low, high);
    }

    public boolean isFinite() {
        return Double.isFinite(value) && Double.isFinite(low) && Double.isFinite(high);
    }

    /** Entirely at or above {@code threshold}. */
    public boolean atLeast(double threshold) {
        return low >= threshold;
    }

    /** Entirely below {@code threshold}. */
    public boolean below(double threshold) {
        return high < threshold;
    }

    /** {@code 7.13x [5.10x, 9.60x]}. */
    public String factor() {
        return Numbers.factor(value) + " [" + Numbers.factor(low) + ", " + Numbers.factor(high) + "]";
    }

    /** {@code 75.7 ms [63.3 ms, 90.5 ms]}. */
    public String millis() {
        return Numbers.ms(value) + " [" + Numbers.ms(low) + ", " + Numbers.ms(high) + "]";
    }
}
