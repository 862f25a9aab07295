package dev.trialbench.bench.runfolder;

import java.util.List;
import java.util.Map;

/**
 * What the load runs of a pipeline run measured besides latencies, as written to {@code load.json}.
 * Latencies are not here: each run's merged HdrHistogram interval log ({@code load/<label>.hlog},
 * recorded from every request's intended start) is the raw file the report reads them from.
 * Immutable; field names are the JSON names.
 *
 * @param note       why there are no load runs, or null
 * @param kpi        the report's KPI budgets the load runs were judged against
 * @param runs       every load run, in the order they ran
 * @param migration  the AFTER migrations applied while the mixed workload ran, or null
 * @param pgbench    pgbench running the batched path's transaction at the service pool's concurrency, or null
 * @param intendedStart the rule that gave each request its intended start ({@code IntendedSchedule.RULE});
 *                   null in runs recorded before it was written, which took the end of each slot
 * @param server     the HTTP server the service ran on ({@code TrialService.SERVER}); null in runs recorded
 *                   before it was written, which ran on the JDK's built-in server
 */
public record LoadEvidence(String note, Kpi kpi, List<Run> runs, MigrationUnderLoad migration, PgbenchComparison pgbench,
                           String intendedStart, String server) {

    /** The file in the run folder. */
    public static final String FILE = "load.json";

    public LoadEvidence {
        runs = runs == null ? List.of() : List.copyOf(runs);
    }

    /** p95 budget in ms and the failed-request budget in percent (the report: 50 ms, 1 %). */
    public record Kpi(double p95Millis, double failedPercent) {
        /** The optimization report's "Success Metrics". */
        public static final Kpi REPORT = new Kpi(50, 1);

        /** Whether a p95 and a count of failed among answered requests keep both budgets (none answered: no). */
        public boolean kept(double p95, long answered, long failed) {
            return p95 < p95Millis && answered > 0 && failed < failedPercent / 100 * answered;
        }
    }

    /** Offered arrivals per second for a number of seconds (open model: arrivals do not wait for responses). */
    public record Stage(double ratePerSecond, int seconds) {
    }

    /**
     * One Gatling run against the service.
     *
     * @param label          file-name-safe name, e.g. {@code activation-batched-after}; the histogram is {@code load/<label>.hlog}
     * @param kind           activation, listing, mixed, pool-sweep or migration
     * @param implementation naive or batched (the activation route used), null for listing only
     * @param schema         before or after
     * @param poolSize       connections in the service's pool
     * @param injectors      Gatling processes that sent the load (their histograms are merged)
     * @param statuses       per request type, HTTP status (as text; "0" = no response) to count, measured stages only
     * @param stageStatuses  the same per measured stage, in order
     * @param kpiPassed      every injector's Gatling assertions (p95 and failed-request budgets) held
     * @param poolWait       connection-acquire times in the service's pool during the run
     * @param invariants     what the run left in the database, checked after it
     * @param cpu            cores used during the run by the service, the injectors, PostgreSQL and the machine;
     *                       null in runs recorded before it was measured
     */
    public record Run(String label, String kind, String implementation, String schema, int poolSize, int injectors,
                      Stage warmup, List<Stage> stages, String hlog, long startedEpochMs, long endedEpochMs,
                      Map<String, Map<String, Long>> statuses, List<Map<String, Map<String, Long>>> stageStatuses,
                      boolean kpiPassed, List<String> kpiFailures, PoolWait poolWait, Invariants invariants,
                      CpuUse cpu) {
        public Run {
            stages = List.copyOf(stages);
            stageStatuses = List.copyOf(stageStatuses);
            kpiFailures = List.copyOf(kpiFailures);
        }
    }

    /**
     * The service's pool during a run: connection-acquire waits (HikariCP's own measurement) and the
     * share of its connections in use, sampled every {@code 100 ms} (the report's "pool utilization").
     */
    public record PoolWait(long acquisitions, long timeouts, double p50Millis, double p95Millis, double p99Millis,
                           double maxMillis, Double utilizationMean, Double utilizationP95) {
    }

    /**
     * Cores used on average over a run (from starting the injectors to their end, their JVMs' start and the
     * warm-up included), from {@code /proc}; a figure is null when its source was not readable ({@code note}).
     *
     * @param serviceCores  the pipeline's JVM, which hosts the service (its other threads idle meanwhile)
     * @param injectorCores the Gatling injector processes
     * @param postgresCores the PostgreSQL server's processes
     * @param machineCores  every process of the machine, other users included
     * @param cores         the machine's cores
     */
    public record CpuUse(double seconds, Double serviceCores, Double injectorCores, Double postgresCores,
                         Double machineCores, int cores, String note) {
    }

    /**
     * Invariants after a run, counted over the users and devices the run used (nothing lost, nothing doubled).
     *
     * @param accepted users answered 201, denied users answered 403
     */
    public record Invariants(long accepted, long denied, long usersWithTwoActiveTrials, long usersWithTwoTrials,
                             long duplicatedDeviceRows, long acceptedWithoutToken, long deniedWithoutFlags) {
        public long violations() {
            return usersWithTwoActiveTrials + usersWithTwoTrials + duplicatedDeviceRows + acceptedWithoutToken
                    + deniedWithoutFlags;
        }
    }

    /**
     * The move from BEFORE to AFTER while the mixed workload ran ({@code run}, a label of {@link #runs}).
     *
     * @param longestRelationLockWaitMillis longest wait on a table or index lock seen in pg_locks (any backend)
     * @param longestOtherLockWaitMillis    longest wait on any other lock (row, advisory, transaction id)
     * @param lockNote                      why lock waits could not be sampled, or null
     * @param outlastedLoad                 the migration was still running when the load ended
     */
    public record MigrationUnderLoad(String run, long migrationStartEpochMs, long migrationEndEpochMs,
                                     double longestRelationLockWaitMillis, String longestRelationLock,
                                     double longestOtherLockWaitMillis, String longestOtherLock, long lockSamples,
                                     long samplesWithWaiters, String lockNote, boolean outlastedLoad) {
    }

    /**
     * pgbench on the batched transaction; figures null when pgbench was not available ({@code note} says why).
     *
     * @param atGoalRate pgbench again, offered the goal run's rate on its own schedule (open model), or null
     *                   (no goal run, or a run recorded before this was measured)
     */
    public record PgbenchComparison(int clients, int seconds, Double tps, Double p50Millis, Double p95Millis,
                                    Double p99Millis, long transactions, long failed, String note, OpenModel atGoalRate) {

        public PgbenchComparison withAtGoalRate(OpenModel open) {
            return new PgbenchComparison(clients, seconds, tps, p50Millis, p95Millis, p99Millis, transactions, failed,
                    note, open);
        }
    }

    /**
     * pgbench offered a fixed rate ({@code -R}, Poisson arrivals), latency from each transaction's
     * scheduled start: what the database gives that transaction at that rate without the service.
     */
    public record OpenModel(double offeredPerSecond, int clients, int seconds, Double tps, Double p50Millis,
                            Double p95Millis, Double p99Millis, long transactions, long failed, String note) {
    }
}
