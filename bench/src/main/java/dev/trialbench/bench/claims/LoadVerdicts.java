package dev.trialbench.bench.claims;

import dev.trialbench.bench.load.LoadProfile;
import dev.trialbench.bench.load.LoadStep;
import dev.trialbench.bench.runfolder.LoadEvidence.PgbenchComparison;
import dev.trialbench.bench.runfolder.LoadEvidence.Run;
import dev.trialbench.bench.runfolder.LoadEvidence.Stage;
import dev.trialbench.bench.runfolder.LoadRuns;
import dev.trialbench.bench.runfolder.LoadRuns.Latency;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The decisions the report states about its load runs, with their thresholds: which offered rate a
 * run kept within the KPIs (the p95 budget and the share of failed requests recorded in
 * {@code load.json}), and whether the batched service met the goal of at least
 * {@value #PGBENCH_GOAL}x pgbench's throughput. The "Under load" section renders them; the load
 * claims judge from them. Stateless.
 */
public final class LoadVerdicts {

    /** The performance goal: batched throughput within the KPIs, against pgbench on the same transaction. */
    public static final double PGBENCH_GOAL = LoadProfile.PGBENCH_GOAL;
    /** The run at the offered rate that stands for the goal ({@link LoadStep#pgbenchGoal}). */
    public static final String PGBENCH_GOAL_KIND = LoadStep.PGBENCH_GOAL_KIND;
    /** The request type the pool sweep and the goal run measure. */
    public static final String BATCHED_ACTIVATION = "activate-batched";

    private LoadVerdicts() {
    }

    /**
     * The highest offered rate whose stage kept both KPIs (p95 under the budget and failed requests under
     * their share), or empty. Stages need not be in rising order, and a lower stage may have missed.
     */
    public static OptionalDouble highestRateWithinKpis(LoadRuns load, Run run, String type) {
        OptionalDouble best = OptionalDouble.empty();
        for (int i = 0; i < run.stages().size(); i++) {
            double rate = run.stages().get(i).ratePerSecond();
            Optional<Latency> latency = load.stage(run, type, i + 1);
            long[] answeredAndFailed = LoadRuns.answeredAndFailed(run, type, i + 1);
            boolean withinBudget = latency.isPresent()
                    && load.evidence().kpi().kept(latency.get().p95(), answeredAndFailed[0], answeredAndFailed[1]);
            if (withinBudget && (best.isEmpty() || rate > best.getAsDouble())) {
                best = OptionalDouble.of(rate);
            }
        }
        return best;
    }

    /**
     * Whether one request type of a run kept the KPIs over its measured stages: p95 (from intended start)
     * under the budget and failed requests under their share. Per request type: another type of the same
     * run missing its budget does not make this one miss (Gatling's assertions, {@code kpiPassed}, are for
     * the whole run). Empty when the type has no measured latency.
     */
    public static Optional<Boolean> kpisHeld(LoadRuns load, Run run, String type) {
        Optional<Latency> latency = load.measured(run, type);
        if (latency.isEmpty()) {
            return Optional.empty();
        }
        long[] answeredAndFailed = LoadRuns.answeredAndFailed(run, type);
        return Optional.of(load.evidence().kpi().kept(latency.get().p95(), answeredAndFailed[0], answeredAndFailed[1]));
    }

    /** Where the pgbench goal stands. */
    public enum Outcome {
        /** Within the KPIs at (or above) the goal's rate. */
        MET,
        /** Not within the KPIs at the goal's rate, or the sweep's next stair above the highest held one is below it. */
        NOT_MET,
        /** The goal's rate lies between the highest stair within the KPIs and the next one, which missed. */
        NOT_SETTLED,
        /** The highest stair within the KPIs is the sweep's top stair, below the goal: the service may sustain more. */
        NOT_SHOWN
    }

    /**
     * The goal decided for one run.
     *
     * @param pgbench      pgbench's figures (its tps is positive)
     * @param sweepRun     the pool-sweep run at pgbench's number of clients
     * @param highestStair the sweep run's highest offered rate within the KPIs, empty if none
     * @param goalRun      the run offered exactly the goal's rate, when the run has one: it decides the goal
     * @param nextStair    without a goal run, the sweep's next stair above the highest one within the KPIs
     * @param outcome      the decision
     */
    public record PgbenchGoal(PgbenchComparison pgbench, Run sweepRun, OptionalDouble highestStair, Optional<Run> goalRun,
                              OptionalDouble nextStair, Outcome outcome) {
    }

    /**
     * The goal, decided by the {@value #PGBENCH_GOAL_KIND} run at the goal's own rate when the run has one,
     * else from the sweep's stairs; empty when pgbench completed no transaction or no pool-sweep run used
     * pgbench's number of clients.
     */
    public static Optional<PgbenchGoal> pgbenchGoal(LoadRuns load) {
        PgbenchComparison pgbench = load.evidence().pgbench();
        if (pgbench == null || pgbench.tps() == null || pgbench.tps() <= 0) {
            return Optional.empty();
        }
        Optional<Run> sweepAtServicePool = load.runs("pool-sweep").stream()
                .filter(run -> run.poolSize() == pgbench.clients()).findFirst();
        if (sweepAtServicePool.isEmpty()) {
            return Optional.empty();
        }
        Run run = sweepAtServicePool.get();
        OptionalDouble rate = highestRateWithinKpis(load, run, BATCHED_ACTIVATION);
        Optional<Run> goalRun = load.runs(PGBENCH_GOAL_KIND).stream().findFirst().filter(goal -> !goal.stages().isEmpty());
        if (goalRun.isPresent()) {
            boolean held = highestRateWithinKpis(load, goalRun.get(), BATCHED_ACTIVATION).isPresent();
            return Optional.of(new PgbenchGoal(pgbench, run, rate, goalRun, OptionalDouble.empty(),
                    held ? Outcome.MET : Outcome.NOT_MET));
        }
        if (rate.isEmpty()) {
            return Optional.of(new PgbenchGoal(pgbench, run, rate, goalRun, OptionalDouble.empty(), Outcome.NOT_MET));
        }
        OptionalDouble next = run.stages().stream().mapToDouble(Stage::ratePerSecond)
                .filter(stageRate -> stageRate > rate.getAsDouble()).min();
        Outcome outcome;
        if (rate.getAsDouble() / pgbench.tps() >= PGBENCH_GOAL) {
            outcome = Outcome.MET;
        } else if (next.isEmpty()) {
            outcome = Outcome.NOT_SHOWN;
        } else if (next.getAsDouble() / pgbench.tps() >= PGBENCH_GOAL) {
            outcome = Outcome.NOT_SETTLED;
        } else {
            outcome = Outcome.NOT_MET;
        }
        return Optional.of(new PgbenchGoal(pgbench, run, rate, goalRun, next, outcome));
    }
}
