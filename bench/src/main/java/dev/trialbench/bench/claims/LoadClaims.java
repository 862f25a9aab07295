package dev.trialbench.bench.claims;

import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.LoadEvidence.Run;
import dev.trialbench.bench.runfolder.LoadRuns;
import dev.trialbench.bench.runfolder.LoadRuns.Latency;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The report's claims that only a load can judge: the p95 and pool-utilization KPIs under load, the
 * pool exhaustion it found before and the pool size it proposes (Fix 4). From {@code load.json} and
 * the load runs' histograms; a run without load runs judges none of them. Stateless.
 */
final class LoadClaims {

    static final String SOURCE = "load.json and load/*.hlog";
    /** The report's "Connection pool utilization < 80%". */
    static final double UTILIZATION_LIMIT = 0.80;

    /** Why the latency claims of a run under the end-of-slot rule are not judged. */
    static final String END_OF_SLOT = "recorded under the end-of-slot rule, which overstated the latency of every stage"
            + " faster than the warm-up (see Under load)";

    /** The report's workloads; the pool sweep and the pgbench-goal run vary the pool or the rate on purpose. */
    private static final List<String> WORKLOADS = List.of("activation", "listing", "mixed");

    private LoadClaims() {
    }

    static List<Claim> of(ClaimContext context, LoadRuns load) {
        if (load.isEmpty()) {
            return List.of();
        }
        return List.of(p95UnderLoad(context, load), utilization(context, load), exhaustion(context, load),
                poolSize(context, load));
    }

    /**
     * "P95 query latency < 50ms", for whole requests under the open-model load, AFTER, at the service's
     * pool. A workload that ran more than once ({@code -r2}) is one entry per request type: over when
     * every run of it was over, within when every run was within, and straddling when its runs fell on
     * both sides.
     */
    static Claim p95UnderLoad(ClaimContext context, LoadRuns load) {
        double budget = load.evidence().kpi().p95Millis();
        Map<String, List<Double>> byWorkload = new TreeMap<>();
        for (Run run : afterWorkloads(load)) {
            for (String type : load.types(run)) {
                load.measured(run, type).ifPresent(value -> byWorkload
                        .computeIfAbsent(workload(run) + " " + type, ignored -> new ArrayList<>()).add(value.p95()));
            }
        }
        Sides sides = Sides.of(byWorkload, budget, Numbers::ms);
        String measured = "p95 from intended start, after the migrations, batched activation and listing: "
                + String.join(", ", sides.all());
        Judgement judgement = p95UnderLoad(load.endOfSlotRule(), sides.over(), sides.within(), sides.straddling(), budget);
        return context.claim("Success Metrics", "P95 query latency < 50ms (under load)", measured, judgement, SOURCE);
    }

    /** The p95 KPI under load from the request types over, within and on both sides of the budget. */
    static Judgement p95UnderLoad(boolean endOfSlotRule, List<String> over, List<String> within, List<String> straddling,
                                  double budget) {
        if (endOfSlotRule) {
            return Judgement.notJudged(END_OF_SLOT);
        }
        if (over.isEmpty() && within.isEmpty() && straddling.isEmpty()) {
            return Judgement.notJudged("no load run after the migrations");
        }
        if (!over.isEmpty()) {
            return Judgement.fails("over " + Numbers.ms(budget) + " under load: " + String.join(", ", over));
        }
        if (!straddling.isEmpty()) {
            return Judgement.notSettled("the runs of a workload fell on both sides of " + Numbers.ms(budget) + ": "
                    + String.join(", ", straddling));
        }
        return Judgement.holdsOnlyIf("at the offered rates measured", "every request type of every AFTER workload"
                + " (naive activation aside) kept p95 under " + Numbers.ms(budget) + " in every run");
    }

    /** "Connection pool utilization < 80%": the sampled share of busy connections in the AFTER workloads. */
    static Claim utilization(ClaimContext context, LoadRuns load) {
        Map<String, List<Double>> byWorkload = new TreeMap<>();
        for (Run run : afterWorkloads(load)) {
            Double p95 = run.poolWait().utilizationP95();
            if (p95 != null) {
                byWorkload.computeIfAbsent(workload(run), ignored -> new ArrayList<>()).add(p95);
            }
        }
        Sides sides = Sides.of(byWorkload, UTILIZATION_LIMIT, Numbers::percent);
        Judgement judgement = utilization(sides.all(), sides.over(), sides.straddling());
        return context.claim("Success Metrics", KpiClaims.POOL_UTILIZATION,
                "p95 of busy connections / pool size, sampled every 100 ms: " + String.join(", ", sides.all()), judgement,
                SOURCE);
    }

    /** Pool utilization from the sampled AFTER workloads ({@code figures}), those at or over the limit in every run, and those on both sides. */
    static Judgement utilization(List<String> figures, List<String> over, List<String> straddling) {
        if (figures.isEmpty()) {
            return Judgement.notJudged("the pool was not sampled");
        }
        if (!over.isEmpty()) {
            return Judgement.fails("p95 of the busy share at or over " + Numbers.percent(UTILIZATION_LIMIT) + ": "
                    + String.join(", ", over) + " (the last stairs offer more than the machine serves)");
        }
        if (!straddling.isEmpty()) {
            return Judgement.notSettled("the runs of a workload fell on both sides of " + Numbers.percent(UTILIZATION_LIMIT)
                    + ": " + String.join(", ", straddling));
        }
        return Judgement.holdsOnlyIf("at the offered rates measured",
                "p95 of the busy share stayed under " + Numbers.percent(UTILIZATION_LIMIT) + " in every AFTER workload");
    }

    /** A run's label without its repeat suffix: {@code mixed-after-r2} is {@code mixed-after}. */
    static String workload(Run run) {
        return run.label().replaceFirst("-r\\d+$", "");
    }

    /**
     * Figures per workload (one per run of it) sorted to a limit: over when every figure is at or over
     * it, within when every figure is under it, straddling otherwise. Each entry reads
     * {@code mixed-after 12.0 ms} for one run, {@code mixed-after 12.0 ms..61.0 ms (2 runs)} for more.
     */
    record Sides(List<String> over, List<String> within, List<String> straddling, List<String> all) {

        static Sides of(Map<String, List<Double>> byWorkload, double limit, java.util.function.DoubleFunction<String> format) {
            List<String> over = new ArrayList<>();
            List<String> within = new ArrayList<>();
            List<String> straddling = new ArrayList<>();
            List<String> all = new ArrayList<>();
            byWorkload.forEach((workload, values) -> {
                double low = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                double high = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
                String text = workload + " " + (values.size() == 1 ? format.apply(low)
                        : format.apply(low) + ".." + format.apply(high) + " (" + values.size() + " runs)");
                all.add(text);
                if (low >= limit) {
                    over.add(text);
                } else if (high < limit) {
                    within.add(text);
                } else {
                    straddling.add(text);
                }
            });
            return new Sides(over, within, straddling, all);
        }
    }

    /**
     * "Connection pool exhaustion under load" before; the fixes should end it. The pool is exhausted
     * in a set of runs when a connection request timed out, when the service shed requests with 503
     * (they waited for a worker, each of which holds a connection, past the pool's connection
     * timeout: the service answers 503 before HikariCP's own timeout can fire), or when every
     * connection was busy in the sampled p95.
     */
    static Claim exhaustion(ClaimContext context, LoadRuns load) {
        PoolPressure before = PoolPressure.of(load, CellKey.BEFORE);
        PoolPressure after = PoolPressure.of(load, CellKey.AFTER);
        String measured = "the service's pool in the activation runs, before the migrations (naive and batched): "
                + before + "; after: " + after + "; at the same offered rates";
        Judgement judgement = exhaustion(before, after, overloadedBefore(load));
        return context.claim("Performance Improvements Expected", "Connection pool exhaustion under load (before)",
                measured, judgement, SOURCE);
    }

    /**
     * The exhaustion claim. FAILS when the service was overloaded before the migrations (a stair of an
     * activation run missed the KPIs) and its pool still never ran out: then the pool is not what gives
     * way under load.
     */
    static Judgement exhaustion(PoolPressure before, PoolPressure after, boolean overloadedBefore) {
        if (before.exhausted() && !after.exhausted()) {
            return Judgement.holds("the pool ran out before the migrations and not after: the slow queries held the"
                    + " connections, so the indexes (not the pool settings) end the exhaustion");
        }
        if (before.exhausted()) {
            return Judgement.holds("the pool ran out before the migrations, and still after them (" + after
                    + "): the migrations alone do not end the exhaustion");
        }
        if (overloadedBefore) {
            return Judgement.fails("before the migrations the service missed the KPIs at an offered rate, yet its pool"
                    + " never ran out: under load something else than the pool gives way");
        }
        return Judgement.holdsOnlyIf("the offered rate exceeds what the measured one did",
                "the pool never ran out before the migrations at the rates offered here");
    }

    /** Whether a stair of an activation run before the migrations missed the KPIs. */
    private static boolean overloadedBefore(LoadRuns load) {
        for (Run run : load.runs("activation")) {
            if (!run.schema().equals(CellKey.BEFORE) || run.stages().isEmpty()) {
                continue;
            }
            for (String type : load.types(run)) {
                OptionalDouble best = LoadVerdicts.highestRateWithinKpis(load, run, type);
                double top = run.stages().stream().mapToDouble(stage -> stage.ratePerSecond()).max().orElse(0);
                if (best.isEmpty() || best.getAsDouble() < top) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The signs of an exhausted pool over the activation runs at one schema state. */
    record PoolPressure(long timeouts, long shed, Double busyP95) {

        static PoolPressure of(LoadRuns load, String schema) {
            long timeouts = 0;
            long shed = 0;
            Double busy = null;
            for (Run run : load.runs("activation")) {
                if (!run.schema().equals(schema)) {
                    continue;
                }
                timeouts += run.poolWait().timeouts();
                shed += run.statuses().values().stream().mapToLong(statuses -> statuses.getOrDefault("503", 0L)).sum();
                Double p95 = run.poolWait().utilizationP95();
                if (p95 != null) {
                    busy = busy == null ? p95 : Math.max(busy, p95);
                }
            }
            return new PoolPressure(timeouts, shed, busy);
        }

        boolean exhausted() {
            return timeouts > 0 || shed > 0 || busyP95 != null && busyP95 >= 1.0;
        }

        @Override
        public String toString() {
            return timeouts + " connection timeouts, " + shed + " requests shed with 503, busy connections p95 "
                    + (busyP95 == null ? Numbers.NOT_AVAILABLE : Numbers.percent(busyP95));
        }
    }

    /**
     * "Pool size (20) may be too high": the sweep's highest rate within the KPIs at each pool size, over
     * every run of the sweep at that size (the full profile repeats it), as a range.
     */
    static Claim poolSize(ClaimContext context, LoadRuns load) {
        Map<Integer, List<Double>> best = new TreeMap<>();
        Map<Integer, Integer> runs = new TreeMap<>();
        for (Run run : load.runs("pool-sweep")) {
            runs.merge(run.poolSize(), 1, Integer::sum);
            LoadVerdicts.highestRateWithinKpis(load, run, LoadVerdicts.BATCHED_ACTIVATION)
                    .ifPresent(rate -> best.computeIfAbsent(run.poolSize(), ignored -> new ArrayList<>()).add(rate));
        }
        List<String> figures = new ArrayList<>();
        runs.forEach((pool, count) -> figures.add("pool " + pool + ": " + range(best.getOrDefault(pool, List.of()), count)));
        String measured = "highest offered rate within the KPIs, batched activation after: " + String.join(", ", figures);
        double top = load.runs("pool-sweep").stream().flatMap(run -> run.stages().stream())
                .mapToDouble(stage -> stage.ratePerSecond()).max().orElse(Double.NaN);
        Judgement judgement = load.endOfSlotRule() ? Judgement.notJudged(END_OF_SLOT)
                : poolSize(rates(best, runs, 10), rates(best, runs, 20), top, context.run().environment().cores());
        return context.claim("Connection Pool Configuration", "Pool size (20) may be too high", measured, judgement, SOURCE);
    }

    /** {@code 80/s}, {@code 70..80/s over 3 runs}, {@code none}; a run that held no stair counts as none. */
    private static String range(List<Double> rates, int runs) {
        if (rates.isEmpty()) {
            return "none";
        }
        double low = rates.size() < runs ? 0 : rates.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double high = rates.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        String text = low == high ? Numbers.plain(high) + "/s" : (low == 0 ? "none" : Numbers.plain(low)) + ".."
                + Numbers.plain(high) + "/s";
        return runs == 1 ? text : text + " over " + runs + " runs";
    }

    /** The pool's highest rates over its runs (0 for a run that held none); empty when the sweep lacks the pool. */
    private static Optional<List<Double>> rates(Map<Integer, List<Double>> best, Map<Integer, Integer> runs, int pool) {
        if (!runs.containsKey(pool)) {
            return Optional.empty();
        }
        List<Double> rates = new ArrayList<>(best.getOrDefault(pool, List.of()));
        while (rates.size() < runs.get(pool)) {
            rates.add(0.0);
        }
        return Optional.of(rates);
    }

    /**
     * "Pool size (20) may be too high", from the highest offered rate each pool kept within the KPIs.
     * HOLDS ONLY IF (on this machine's cores) when 20 connections sustained less than 10; FAILS when
     * more; a tie is NOT SETTLED: equal stairs say neither that 20 is too high nor that it is not, and
     * when both held the sweep's top stair the sweep never reached either pool's limit.
     *
     * @param atTen    empty when the sweep has no pool of 10; else its highest rate within the KPIs, if any
     * @param atTwenty the same for a pool of 20
     * @param topStair the sweep's highest offered rate
     */
    static Judgement poolSize(Optional<List<Double>> atTen, Optional<List<Double>> atTwenty, double topStair,
                              int cores) {
        if (atTen.isEmpty() || atTwenty.isEmpty()) {
            return Judgement.notJudged("the sweep lacks a pool of 10 or of 20");
        }
        List<Double> ten = atTen.get();
        List<Double> twenty = atTwenty.get();
        if (ten.stream().allMatch(rate -> rate == 0) && twenty.stream().allMatch(rate -> rate == 0)) {
            return Judgement.notJudged("neither a pool of 10 nor one of 20 kept the KPIs at any offered rate");
        }
        double tenLow = ten.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double tenHigh = ten.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double twentyLow = twenty.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double twentyHigh = twenty.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        String figures = "20 connections: " + span(twentyLow, twentyHigh) + ", 10: " + span(tenLow, tenHigh)
                + (ten.size() + twenty.size() > 2 ? " (lowest..highest over the runs)" : "");
        if (twentyHigh < tenLow) {
            return Judgement.holdsOnlyIf("the database has as few cores as this machine (" + cores + ")",
                    "20 connections sustained less than 10 within the KPIs in every run: " + figures);
        }
        if (twentyLow > tenHigh) {
            return Judgement.fails("20 connections sustained more than 10 within the KPIs in every run: " + figures);
        }
        if (tenLow == tenHigh && twentyLow == twentyHigh) {
            return Judgement.notSettled("pools of 10 and 20 held the same highest rate, " + Numbers.plain(tenHigh) + "/s"
                    + (tenHigh >= topStair ? ", the sweep's top stair: the sweep never reached either pool's limit; offer more"
                    : ": the next stair missed for both; a finer grid near it, repeated, would separate them"));
        }
        return Judgement.notSettled("the ranges over the runs overlap: " + figures);
    }

    private static String span(double low, double high) {
        return low == high ? Numbers.plain(low) + "/s" : Numbers.plain(low) + ".." + Numbers.plain(high) + "/s";
    }

    /**
     * The optimized system the Success Metrics are about: after the migrations, without the naive
     * activation (the report's batched fix is part of the optimization), the pool sweep and the
     * pgbench-goal run (which vary the pool or the rate on purpose).
     */
    static List<Run> afterWorkloads(LoadRuns load) {
        return load.evidence().runs().stream().filter(run -> CellKey.AFTER.equals(run.schema()))
                .filter(run -> WORKLOADS.contains(run.kind())).filter(run -> !CellKey.NAIVE.equals(run.implementation()))
                .toList();
    }

}
