package dev.trialbench.bench.gate;

import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.runfolder.CellKey;
import java.util.Objects;

/**
 * Tier 3: one KPI of the optimization report as an absolute budget with a margin. The gate fails at
 * the KPI tightened by the margin ({@link #threshold()}), so a run that is about to break the KPI
 * fails before it does. Immutable.
 *
 * @param name      unique within the baseline, e.g. {@code p95 ActivationBenchmark.batched @ after}
 * @param kpi       the report's words, e.g. {@code P95 query latency < 50ms}
 * @param metric    what is measured: {@link #P95}, {@link #INDEX_HIT_RATIO}, {@link #DEADLOCKS} or {@link #ROLLBACK_RATE}
 * @param cell      the cell, for {@link #P95}; null otherwise
 * @param limit     the KPI's own limit, in {@code unit}
 * @param margin    how far inside the limit the gate fails, in {@code unit}
 * @param unit      {@code ms}, {@code fraction} or {@code count}
 */
public record Budget(String name, String kpi, String metric, CellKey cell, Direction direction, double limit,
                     double margin, String unit) {

    public static final String P95 = "p95";
    public static final String INDEX_HIT_RATIO = "indexHitRatio";
    public static final String DEADLOCKS = "deadlocks";
    public static final String ROLLBACK_RATE = "rollbackRate";

    public Budget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(direction, "direction");
        if (direction == Direction.EXACT) {
            throw new IllegalArgumentException("a budget is a limit on one side: " + name);
        }
    }

    /** Where the gate fails: the limit moved inwards by the margin. */
    public double threshold() {
        return direction == Direction.LOWER_IS_BETTER ? limit - margin : limit + margin;
    }

    public Band band() {
        return direction == Direction.LOWER_IS_BETTER ? Band.atMost(threshold()) : Band.atLeast(threshold());
    }

    /** A figure in the budget's unit, e.g. {@code 42.1 ms}, {@code 99.5 %}, {@code 0}. */
    public String format(double value) {
        return switch (unit) {
            case "ms" -> Numbers.msUngrouped(value);
            case "fraction" -> Numbers.percentTrimmed(value);
            default -> Numbers.perOp(value);
        };
    }
}
