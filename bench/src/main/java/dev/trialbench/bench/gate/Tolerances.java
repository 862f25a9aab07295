package dev.trialbench.bench.gate;

import java.util.List;

/**
 * How much each figure may move before the gate calls it a regression, and why. Stateless.
 *
 * <h2>Tier 1, deterministic</h2>
 * Statements and round trips per operation are counted on the connection over a fixed number of
 * operations on seeded data: they are exact ({@value #EXACT} absorbs floating-point noise only). Plan
 * shapes (the index set and the sequential-scan set of each statement's EXPLAIN) are compared as sets,
 * exactly. Shared buffers touched per call (hit + read, from pg_stat_statements) come from the same
 * deterministic data, but autovacuum, hint bits and visibility-map state move them a little between
 * runs (two quick runs at scale 0.1 differed by up to 14 % on a seq scan and by 0.4 blocks on an index
 * lookup), so they may move by {@value #BUFFERS_RELATIVE} of the baseline or {@value #BUFFERS_BLOCKS}
 * blocks, whichever is larger; fewer is better.
 *
 * <h2>Tier 2, ratios</h2>
 * Each ratio is the JMH median (p50) of one cell over another, both from the same run. The baseline
 * stores, per ratio, its value in each run it was made from and its spread:
 * <pre>spread = (max - min) / median</pre>
 * over every run's ratio and, when a run had two or more forks, that run's smallest and largest
 * per-fork ratio too (the median is taken over the runs' ratios). The tolerance is
 * <pre>tolerance = min(CAP, max(3 x spread, FLOOR))    FLOOR = 15 %, CAP = 100 %</pre>
 * and the band is {@code baseline / (1 + tolerance) .. baseline * (1 + tolerance)}: ratios move by
 * factors, so the band is symmetric in factors (with 15 %, 5.0x may fall to 4.35x or rise to 5.75x).
 * Three times the spread keeps a run that is as noisy as the baseline's own runs inside the band; the
 * floor keeps a baseline made from a few lucky runs from crying wolf; the cap (a factor of two) keeps
 * the band meaningful: a ratio noisier than that cannot be gated tightly at this profile, and the
 * baseline says so ({@code capped}). One rule overrides the cap: the band always holds every sample
 * the baseline was made from, so that none of its own runs could fail against it (a spread above
 * about 50 % would otherwise put a sample outside a capped band). With one run of one fork there is
 * no spread: the floor applies, and the baseline says so. Three runs are the intended minimum.
 *
 * <h2>Tier 3, budgets</h2>
 * The optimization report's KPIs, each with a margin: the gate fails at the KPI tightened by the
 * margin, so a run that is about to break a KPI fails before it does ({@link Budgets}).
 */
public final class Tolerances {

    /** Absolute slack on per-operation counts: floating-point noise only. */
    public static final double EXACT = 1e-9;
    public static final double SPREAD_MULTIPLIER = 3;
    public static final double RATIO_FLOOR = 0.15;
    public static final double RATIO_CAP = 1.0;
    public static final double BUFFERS_RELATIVE = 0.25;
    public static final double BUFFERS_BLOCKS = 5;

    /** The rule in words, stored in every baseline file so that the file explains its own numbers. */
    public static final List<String> RULE = List.of(
            "tier 1: statements and round trips per operation exact; plan index and seq-scan sets exact;"
                    + " shared buffers per call (hit + read) within 25 % or 5 blocks, whichever is larger, lower is better",
            "tier 2: spread = (max - min) / median of the ratio over the runs (and over forks within runs);"
                    + " tolerance = min(100 %, max(3 x spread, 15 %)), widened if needed to hold every sample;"
                    + " band = value / (1 + tolerance) .. value * (1 + tolerance)",
            "tier 3: the gate fails at the KPI tightened by its margin");

    private Tolerances() {
    }

    /** The ratio tolerance for a measured spread; NaN (no spread measured) gives the floor. */
    public static double ratio(double spread) {
        if (!Double.isFinite(spread)) {
            return RATIO_FLOOR;
        }
        return Math.min(RATIO_CAP, Math.max(SPREAD_MULTIPLIER * spread, RATIO_FLOOR));
    }

    /**
     * The ratio tolerance for a measured spread, never narrower than what keeps every sample inside
     * the band around {@code value}.
     */
    public static double ratio(double spread, List<Double> samples, double value) {
        double cover = 0;
        for (double sample : samples) {
            cover = Math.max(cover, Math.max(sample / value, value / sample) - 1);
        }
        return Math.max(ratio(spread), cover);
    }

    /** True when the spread asks for more than the cap allows: the ratio is too noisy to gate tightly. */
    public static boolean capped(double spread) {
        return Double.isFinite(spread) && SPREAD_MULTIPLIER * spread > RATIO_CAP;
    }

    /** Blocks a statement's shared buffers per call may move from its baseline. */
    public static double buffers(double expected) {
        return Math.max(BUFFERS_RELATIVE * expected, BUFFERS_BLOCKS);
    }
}
