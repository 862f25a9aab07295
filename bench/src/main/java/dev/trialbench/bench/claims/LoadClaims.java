package dev.trialbench.bench.claims;

import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.LoadEvidence.Run;
import dev.trialbench.bench.runfolder.LoadRuns;
import dev.trialbench.bench.runfolder.LoadRuns.Latency;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The report's claims that only a load can judge: the p95 and pool-utilization KPIs under load, the
 * pool exhaustion it found before and the pool size it proposes (Fix 4). From {@code load.json} and
 * the load runs' histograms; a run without load runs judges none of them. Stateless.
 */
final class LoadClaims {

    private static final String SOURCE = "load.json and load/*.hlog";
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

    /** "P95 query latency < 50ms", for whole requests under the open-model load, AFTER, at the service's pool. */
    static Claim p95UnderLoad(ClaimContext context, LoadRuns load) {
        double budget = load.evidence().kpi().p95Millis();
        List<String> over = new ArrayList<>();
        List<String> within = new ArrayList<>();
        for (Run run : afterWorkloads(load)) {
            for (String type : load.types(run)) {
                Optional<Latency> latency = load.measured(run, type);
                latency.ifPresent(value -> (value.p95() < budget ? within : over)
                        .add(run.label() + " " + type + " " + Numbers.ms(value.p95())));
            }
        }
        String measured = "p95 from intended start, after the migrations, batched activation and listing: " + String.join(", ", concat(over, within));
        Judgement judgement;
        if (load.endOfSlotRule()) {
            judgement = Judgement.notJudged(END_OF_SLOT);
        } else if (over.isEmpty() && within.isEmpty()) {
            judgement = Judgement.notJudged("no load run after the migrations");
        } else if (over.isEmpty()) {
            judgement = Judgement.holdsOnlyIf("at the offered rates measured", "every request type of every AFTER workload (naive activation aside)"
                    + " kept p95 under " + Numbers.ms(budget));
        } else {
            judgement = Judgement.fails("over " + Numbers.ms(budget) + " under load: " + String.join(", ", over));
        }
        return context.claim("Success Metrics", "P95 query latency < 50ms (under load)", measured, judgement, SOURCE);
    }

    /** "Connection pool utilization < 80%": the sampled share of busy connections in the AFTER workloads. */
    static Claim utilization(ClaimContext context, LoadRuns load) {
        List<String> figures = new ArrayList<>();
        List<String> over = new ArrayList<>();
        for (Run run : afterWorkloads(load)) {
            Double p95 = run.poolWait().utilizationP95();
            if (p95 != null) {
                figures.add(run.label() + " " + Numbers.percent(p95));
                if (p95 >= UTILIZATION_LIMIT) {
                    over.add(run.label() + " " + Numbers.percent(p95));
                }
            }
        }
        Judgement judgement = figures.isEmpty() ? Judgement.notJudged("the pool was not sampled")
                : over.isEmpty() ? Judgement.holdsOnlyIf("at the offered rates measured",
                        "p95 of the busy share stayed under " + Numbers.percent(UTILIZATION_LIMIT) + " in every AFTER workload")
                : Judgement.fails("p95 of the busy share at or over " + Numbers.percent(UTILIZATION_LIMIT) + ": "
                        + String.join(", ", over) + " (the last stairs offer more than the machine serves)");
        return context.claim("Success Metrics", KpiClaims.POOL_UTILIZATION,
                "p95 of busy connections / pool size, sampled every 100 ms: " + String.join(", ", figures), judgement, SOURCE);
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
        Judgement judgement = before.exhausted() && !after.exhausted()
                ? Judgement.holds("the pool ran out before the migrations and not after: the slow queries held the"
                        + " connections, so the indexes (not the pool settings) end the exhaustion")
                : before.exhausted() ? Judgement.holds("the pool ran out before the migrations, and still after them ("
                        + after + "): the migrations alone do not end the exhaustion")
                : Judgement.holdsOnlyIf("the offered rate exceeds what the measured one did",
                        "the pool never ran out before the migrations at the rates offered here");
        return context.claim("Performance Improvements Expected", "Connection pool exhaustion under load (before)",
                measured, judgement, SOURCE);
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

    /** "Pool size (20) may be too high": the sweep's highest rate within the p95 budget at each pool size. */
    static Claim poolSize(ClaimContext context, LoadRuns load) {
        List<String> figures = new ArrayList<>();
        Optional<OptionalDouble> atTen = Optional.empty();
        Optional<OptionalDouble> atTwenty = Optional.empty();
        for (Run run : load.runs("pool-sweep")) {
            OptionalDouble best = LoadVerdicts.highestRateWithinKpis(load, run, LoadVerdicts.BATCHED_ACTIVATION);
            figures.add("pool " + run.poolSize() + ": " + (best.isPresent() ? Numbers.plain(best.getAsDouble()) + "/s" : "none"));
            if (run.poolSize() == 10) {
                atTen = Optional.of(best);
            } else if (run.poolSize() == 20) {
                atTwenty = Optional.of(best);
            }
        }
        String measured = "highest offered rate within the KPIs, batched activation after: " + String.join(", ", figures);
        Judgement judgement;
        if (load.endOfSlotRule()) {
            judgement = Judgement.notJudged(END_OF_SLOT);
        } else if (atTen.isEmpty() || atTwenty.isEmpty()) {
            judgement = Judgement.notJudged("the sweep lacks a pool of 10 or of 20");
        } else if (atTen.get().isEmpty() && atTwenty.get().isEmpty()) {
            judgement = Judgement.notJudged("neither a pool of 10 nor one of 20 kept the KPIs at any offered rate");
        } else if (atTwenty.get().orElse(0) <= atTen.get().orElse(0)) {
            judgement = Judgement.holdsOnlyIf("the database has as few cores as this machine ("
                    + context.run().environment().cores() + ")", "20 connections sustained no more than 10 within the KPIs");
        } else {
            judgement = Judgement.fails("20 connections sustained more than 10 within the KPIs");
        }
        return context.claim("Connection Pool Configuration", "Pool size (20) may be too high", measured, judgement, SOURCE);
    }

    /**
     * The optimized system the Success Metrics are about: after the migrations, without the naive
     * activation (the report's batched fix is part of the optimization), the pool sweep and the
     * pgbench-goal run (which vary the pool or the rate on purpose).
     */
    private static List<Run> afterWorkloads(LoadRuns load) {
        return load.evidence().runs().stream().filter(run -> CellKey.AFTER.equals(run.schema()))
                .filter(run -> WORKLOADS.contains(run.kind())).filter(run -> !CellKey.NAIVE.equals(run.implementation()))
                .toList();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
