package dev.trialbench.bench.runfolder;

import dev.trialbench.bench.format.Numbers;
import java.util.List;

/**
 * One cell's time divided by another's, on the median and on the mean, with the spread across forks:
 * the smallest and largest ratio over every pair (a fork of the numerator, a fork of the denominator).
 * Forks of two cells run in separate JVMs at different times, so no pairing is more right than
 * another; every pair is taken. Immutable.
 */
public record Ratio(double p50, double mean, Spread p50Spread, Spread meanSpread) {

    public static Ratio of(CellResult numerator, CellResult denominator) {
        return new Ratio(numerator.p50Millis() / denominator.p50Millis(),
                numerator.meanMillis() / denominator.meanMillis(),
                Spread.of(numerator.forkResults().stream().map(CellResult.ForkResult::p50Millis).toList(),
                        denominator.forkResults().stream().map(CellResult.ForkResult::p50Millis).toList()),
                Spread.of(numerator.forkResults().stream().map(CellResult.ForkResult::meanMillis).toList(),
                        denominator.forkResults().stream().map(CellResult.ForkResult::meanMillis).toList()));
    }

    /**
     * @param min   the smallest per-fork ratio
     * @param max   the largest
     * @param pairs how many fork pairs there were; 1 means both cells ran a single fork
     */
    public record Spread(double min, double max, int pairs) {

        static Spread of(List<Double> numerators, List<Double> denominators) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double numerator : numerators) {
                for (double denominator : denominators) {
                    double ratio = numerator / denominator;
                    min = Math.min(min, ratio);
                    max = Math.max(max, ratio);
                }
            }
            return new Spread(min, max, numerators.size() * denominators.size());
        }

        public boolean single() {
            return pairs <= 1;
        }

        /** {@code 5.81x..6.40x}, or {@code 1 fork, no spread}. */
        public String describe() {
            return single() ? "1 fork, no spread" : Numbers.factor(min) + ".." + Numbers.factor(max);
        }
    }
}
