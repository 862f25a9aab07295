package dev.trialbench.bench.load;

import dev.trialbench.bench.runfolder.LoadEvidence.Stage;
import java.util.List;

/**
 * How hard and how long the pipeline's load runs push; each profile's values are in {@code RunProfile}.
 * Rates are arrivals per second over all injectors (open model); every run starts with a warm-up that
 * is never counted. The activation stairs end above what the naive path sustains before the migrations on a small
 * machine (at scale 1 on 2 cores, about 10 to 15 activations/s), so its saturation shows; listing and
 * the mixed workload run at a rate the BEFORE schema nearly sustains, so that the runs after it start
 * from an idle server; the pool sweep's stairs climb until the batched path's p95 leaves the 50 ms
 * budget. Immutable.
 *
 * @param injectors          Gatling processes per run; their histograms are merged (2 shows the merge every run)
 * @param sweepPools         pool sizes of the pool sweep (the report's Fix 4: 10 in production)
 * @param sweepRepeats       runs of the sweep at each pool size, interleaved (all pools once, then again), so
 *                           that each pool's highest rate within the KPIs comes with its spread
 * @param workloadRepeats    runs of the activation, listing and mixed stairs at each schema state, one after
 *                           the other (labels {@code -r2}, {@code -r3}): a KPI that one run keeps and another
 *                           misses is NOT SETTLED
 * @param migrationLeadSeconds seconds of mixed load before the migration starts
 * @param migrationLoadSeconds seconds of mixed load in all, during which the migration runs
 * @param pgbenchSeconds     duration of the pgbench comparison
 */
public record LoadProfile(Stage warmup, List<Stage> activation, List<Stage> listing, List<Stage> mixed,
                          List<Stage> sweep, List<Integer> sweepPools, int sweepRepeats, int workloadRepeats,
                          int migrationLeadSeconds,
                          int migrationLoadSeconds,
                          int pgbenchSeconds, int injectors) {

    /** The service's pool in every run but the sweep: the report's Fix 4 production value. */
    public static final int SERVICE_POOL = 10;
    /**
     * The performance goal: the service's batched activation within the KPIs at this share of
     * what pgbench reaches on the same transaction at the same concurrency.
     */
    public static final double PGBENCH_GOAL = 0.7;

    /** Share of activation arrivals that repeat the previous arrival's body at once (a double click). */
    public static final double DOUBLE_SUBMIT_SHARE = 0.05;

    public LoadProfile {
        activation = List.copyOf(activation);
        listing = List.copyOf(listing);
        mixed = List.copyOf(mixed);
        sweep = List.copyOf(sweep);
        sweepPools = List.copyOf(sweepPools);
        if (sweepRepeats < 1) {
            throw new IllegalArgumentException("the pool sweep runs at least once per pool size");
        }
        if (workloadRepeats < 1) {
            throw new IllegalArgumentException("the workloads run at least once per schema state");
        }
    }

    /** Stages of {@code seconds} each, at each of {@code rates} in turn. */
    public static List<Stage> stairs(int seconds, double... rates) {
        return java.util.Arrays.stream(rates).mapToObj(rate -> new Stage(rate, seconds)).toList();
    }

    /**
     * The offered rate that stands for {@link #PGBENCH_GOAL} of {@code pgbenchTps}: rounded up to a
     * whole rate per injector (the schedule needs whole rates), so that holding it shows the goal met.
     */
    public double pgbenchGoalRate(double pgbenchTps) {
        return Math.ceil(PGBENCH_GOAL * pgbenchTps / injectors) * injectors;
    }

    /** Arrivals a run of these stages offers, warm-up included. */
    public long arrivals(List<Stage> stages) {
        double total = warmup.ratePerSecond() * warmup.seconds();
        for (Stage stage : stages) {
            total += stage.ratePerSecond() * stage.seconds();
        }
        return Math.round(total);
    }
}
