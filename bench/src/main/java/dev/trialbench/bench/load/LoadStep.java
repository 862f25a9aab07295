package dev.trialbench.bench.load;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.activation.InvariantReport;
import dev.trialbench.bench.runfolder.LoadEvidence;
import dev.trialbench.bench.runfolder.LoadEvidence.Invariants;
import dev.trialbench.bench.runfolder.LoadEvidence.PoolWait;
import dev.trialbench.bench.runfolder.LoadEvidence.Run;
import dev.trialbench.bench.runfolder.LoadEvidence.Stage;
import dev.trialbench.bench.runfolder.ServiceProfile;
import dev.trialbench.db.Jdbis;
import dev.trialbench.db.Pool;
import dev.trialbench.db.PoolWaitRecorder;
import dev.trialbench.db.PoolWaitRecorder.PoolWaitSummary;
import dev.trialbench.http.ServiceConfig;
import dev.trialbench.http.TrialService;
import dev.trialbench.loadtest.LoadOutcome;
import dev.trialbench.loadtest.LoadPlan;
import dev.trialbench.loadtest.LoadRunner;
import dev.trialbench.loadtest.RequestStats;
import dev.trialbench.loadtest.config.Kpi;
import dev.trialbench.loadtest.config.Scenario;
import dev.trialbench.provision.OwnDatabase;
import dev.trialbench.seed.ReservedPoolReset;
import dev.trialbench.seed.SeedPlan;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The pipeline's load runs: the reference service ({@link TrialService}) started in this JVM on a
 * pool of its own, Gatling injectors forked against it ({@link LoadRunner}), and after each run the
 * invariants checked in the database. Before every run the reserved pool is reset, so each run
 * activates users that own nothing and devices never seen, like the first. Each run's merged
 * histogram goes to {@code load/<label>.hlog} in the run folder; what else it measured goes into
 * the {@link Run} it returns. The {@value #PGBENCH_GOAL_KIND} run is also profiled with JFR
 * ({@value ServiceProfile#FILE}), so the report can show where the service's JVM spent its time at the
 * rate the goal asks for. Not thread-safe; one run at a time.
 */
public final class LoadStep {

    /** The folder under the run folder that holds the histograms. */
    public static final String FOLDER = "load";
    /** The kind (and label) of the run at the pgbench goal's rate. */
    public static final String PGBENCH_GOAL_KIND = "pgbench-goal";
    /** Injector JVMs start in seconds; on a busy machine in tens of seconds. */
    private static final long FIRST_REQUEST_TIMEOUT_SECONDS = 120;

    private final OwnDatabase database;
    private final SeedPlan plan;
    private final LoadProfile profile;
    private final Path runFolder;
    private final Path folder;
    private final PrintStream out;

    public LoadStep(OwnDatabase database, SeedPlan plan, LoadProfile profile, Path runFolder, PrintStream out) {
        this.database = database;
        this.plan = plan;
        this.profile = profile;
        this.runFolder = runFolder;
        this.folder = runFolder.resolve(FOLDER);
        this.out = out;
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Activation (naive, batched), listing and the mixed workload at one schema state, as many times as
     * the profile says (the second time labelled {@code -r2}, and so on).
     */
    public List<Run> workloads(String schema) {
        List<Run> runs = new ArrayList<>();
        for (int repeat = 1; repeat <= profile.workloadRepeats(); repeat++) {
            String suffix = repeat == 1 ? "" : "-r" + repeat;
            for (String implementation : List.of("naive", "batched")) {
                runs.add(run(new Spec("activation-" + implementation + "-" + schema + suffix, "activation",
                        Scenario.ACTIVATION, implementation, schema, LoadProfile.SERVICE_POOL, profile.activation())));
            }
            runs.add(run(new Spec("listing-" + schema + suffix, "listing", Scenario.LISTING, null, schema,
                    LoadProfile.SERVICE_POOL, profile.listing())));
            runs.add(run(new Spec("mixed-" + schema + suffix, "mixed", Scenario.MIXED, "batched", schema,
                    LoadProfile.SERVICE_POOL, profile.mixed())));
        }
        return runs;
    }

    /** The batched activation on the AFTER schema at each pool size of the sweep, as many times as the profile says. */
    public List<Run> poolSweep() {
        List<Run> runs = new ArrayList<>();
        for (int repeat = 1; repeat <= profile.sweepRepeats(); repeat++) {
            for (int pool : profile.sweepPools()) {
                runs.add(run(new Spec("pool-sweep-" + pool + (repeat == 1 ? "" : "-r" + repeat), "pool-sweep",
                        Scenario.ACTIVATION, "batched", "after", pool, profile.sweep())));
            }
        }
        return runs;
    }

    /**
     * The batched activation on the AFTER schema at one offered rate, {@code rate}, with a pool of
     * {@code pool}: the rate that stands for the pgbench goal at pgbench's concurrency, for one stage
     * as long as a sweep stair.
     */
    public Run pgbenchGoal(int pool, double rate) {
        return run(new Spec(PGBENCH_GOAL_KIND, PGBENCH_GOAL_KIND, Scenario.ACTIVATION, "batched", "after", pool,
                List.of(new Stage(rate, profile.sweep().get(0).seconds()))));
    }

    /**
     * The mixed workload (batched) on the BEFORE schema, with {@code migration} started, in this
     * thread, once the warm-up and the profile's lead time have passed after the first request
     * arrived (injector JVMs take a while to start, and longer on a busy machine).
     */
    public Run underMigration(Runnable migration, Consumer<long[]> migrationWindow) {
        int lead = profile.migrationLeadSeconds();
        Stage stage = profile.mixed().get(profile.mixed().size() - 1);
        List<Stage> stages = List.of(new Stage(stage.ratePerSecond(), profile.migrationLoadSeconds()));
        Spec spec = new Spec("migration", "migration", Scenario.MIXED, "batched", "before", LoadProfile.SERVICE_POOL, stages);
        return run(spec, service -> {
            awaitFirstRequest(service);
            sleep((profile.warmup().seconds() + lead) * 1000L);
            long start = System.currentTimeMillis();
            migration.run();
            migrationWindow.accept(new long[] {start, System.currentTimeMillis()});
        });
    }

    /** Waits until the service has seen a request, at most {@value #FIRST_REQUEST_TIMEOUT_SECONDS} s. */
    private static void awaitFirstRequest(TrialService service) {
        long deadline = System.nanoTime() + FIRST_REQUEST_TIMEOUT_SECONDS * 1_000_000_000L;
        while (service.requestsReceived() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("No request reached the service within " + FIRST_REQUEST_TIMEOUT_SECONDS
                        + " s of starting the injectors; see the injector logs under " + FOLDER + "/");
            }
            sleep(50);
        }
    }

    private Run run(Spec spec) {
        return run(spec, null);
    }

    /** One load run; {@code during}, if given, runs in this thread (with the service) while the load runs in another. */
    private Run run(Spec spec, Consumer<TrialService> during) {
        ReservedPoolReset.run(Jdbis.create(database.dataSource()), plan);
        out.printf("   %s: %s%s, pool %d, %s%n", spec.label(), spec.kind(),
                spec.implementation() == null ? "" : " " + spec.implementation(), spec.poolSize(), describe(spec.stages()));
        PoolWaitRecorder waits = new PoolWaitRecorder();
        try (HikariDataSource pool = Pool.open(database.poolConfig(spec.poolSize()), waits);
             PoolUtilization utilization = PoolUtilization.start(pool);
             TrialService service = TrialService.start(pool, ServiceConfig.forPool(spec.poolSize()))) {
            // The listing scenario sends no activation; the plan still names one.
            String implementation = spec.implementation() == null ? "batched" : spec.implementation();
            LoadPlan loadPlan = new LoadPlan(spec.label(), service.baseUri(), spec.scenario(), implementation,
                    toLoad(profile.warmup()), spec.stages().stream().map(LoadStep::toLoad).toList(), profile.injectors(),
                    plan.config(), LoadProfile.DOUBLE_SUBMIT_SHARE, folder, Kpi.REPORT);
            ProcessCpu cpu = ProcessCpu.start(pool);
            LoadOutcome outcome;
            // Over the same window as the CPU figures: the goal run's profile shows where its service JVM's share went.
            try (ServiceRecording recording = spec.kind().equals(PGBENCH_GOAL_KIND)
                    ? ServiceRecording.start(runFolder.resolve(ServiceProfile.FILE), out) : null) {
                outcome = during == null ? LoadRunner.run(loadPlan, out) : runAlongside(loadPlan, () -> during.accept(service));
            }
            LoadEvidence.CpuUse cpuUse = cpu.stop();
            PoolWaitSummary wait = waits.snapshot();
            PoolUtilization.Summary busy = utilization.summary();
            Invariants invariants = invariants(outcome);
            Run run = new Run(spec.label(), spec.kind(), spec.implementation(), spec.schema(), spec.poolSize(),
                    profile.injectors(), profile.warmup(), spec.stages(), FOLDER + "/" + outcome.histogramLog().getFileName(),
                    outcome.startEpochMs(), outcome.endEpochMs(), statuses(outcome.requests()),
                    outcome.stages().stream().map(stage -> statuses(stage.requests())).toList(), outcome.kpiPassed(),
                    outcome.kpiFailures(),
                    new PoolWait(wait.acquisitions(), wait.timeouts(), wait.p50Millis(), wait.p95Millis(), wait.p99Millis(),
                            wait.maxMillis(), busy.mean(), busy.p95()),
                    invariants, cpuUse);
            out.printf("   %s: %s, invariants %s%n", spec.label(), outcome.kpiPassed() ? "KPIs held" : "KPIs missed",
                    invariants.violations() == 0 ? "hold" : invariants.violations() + " violations");
            return run;
        }
    }

    private LoadOutcome runAlongside(LoadPlan loadPlan, Runnable during) {
        LoadOutcome[] outcome = new LoadOutcome[1];
        RuntimeException[] failure = new RuntimeException[1];
        Thread load = new Thread(() -> {
            try {
                outcome[0] = LoadRunner.run(loadPlan, out);
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        }, "trialbench-load");
        load.start();
        try {
            during.run();
        } finally {
            try {
                load.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the load ran", e);
            }
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return outcome[0];
    }

    private Invariants invariants(LoadOutcome outcome) {
        InvariantReport report = dev.trialbench.activation.Invariants.check(database.dataSource(), outcome.activated(),
                outcome.denied(), plan.reservedUsers(), plan.reservedFingerprints());
        return new Invariants(outcome.activated().size(), outcome.denied().size(), report.usersWithTwoActiveTrials(),
                report.usersWithDoubleTrials(), report.duplicatedDeviceRows(), report.acceptedWithoutToken(),
                report.deniedWithoutFlag());
    }

    private static Map<String, Map<String, Long>> statuses(Map<String, RequestStats> requests) {
        Map<String, Map<String, Long>> statuses = new java.util.TreeMap<>();
        requests.forEach((type, stats) -> {
            Map<String, Long> byStatus = new java.util.TreeMap<>();
            stats.statuses().forEach((status, count) -> byStatus.put(String.valueOf(status), count));
            statuses.put(type, byStatus);
        });
        return statuses;
    }

    private static dev.trialbench.loadtest.config.Stage toLoad(Stage stage) {
        return new dev.trialbench.loadtest.config.Stage(stage.ratePerSecond(), stage.seconds());
    }

    private String describe(List<Stage> stages) {
        StringBuilder text = new StringBuilder("warm-up " + rate(profile.warmup()) + ", then");
        for (Stage stage : stages) {
            text.append(' ').append(rate(stage));
        }
        return text.toString();
    }

    private static String rate(Stage stage) {
        return String.format(java.util.Locale.ROOT, "%.0f/s x %d s", stage.ratePerSecond(), stage.seconds());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private record Spec(String label, String kind, Scenario scenario, String implementation, String schema, int poolSize,
                        List<Stage> stages) {
    }
}
