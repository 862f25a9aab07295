package dev.trialbench.bench.render;

import dev.trialbench.bench.claims.LoadVerdicts;
import dev.trialbench.bench.claims.LoadVerdicts.Outcome;
import dev.trialbench.bench.claims.LoadVerdicts.PgbenchGoal;
import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.render.Document.Block;
import dev.trialbench.bench.render.Document.Bullets;
import dev.trialbench.bench.render.Document.Image;
import dev.trialbench.bench.render.Document.Paragraph;
import dev.trialbench.bench.render.Document.Section;
import dev.trialbench.bench.render.Document.Subheading;
import dev.trialbench.bench.render.Document.Table;
import dev.trialbench.bench.runfolder.LoadEvidence;
import dev.trialbench.bench.runfolder.LoadEvidence.Invariants;
import dev.trialbench.bench.runfolder.LoadEvidence.MigrationUnderLoad;
import dev.trialbench.bench.runfolder.LoadEvidence.PgbenchComparison;
import dev.trialbench.bench.runfolder.LoadEvidence.Run;
import dev.trialbench.bench.runfolder.LoadEvidence.Stage;
import dev.trialbench.bench.runfolder.LoadRuns;
import dev.trialbench.bench.runfolder.LoadRuns.Latency;
import dev.trialbench.bench.runfolder.ServiceProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * "Under load": the Gatling runs against the reference service before and after the migrations,
 * the pool sweep, the migration under load, the pgbench comparison and the invariants after every
 * run, all from {@code load.json} and the runs' histograms; beside the pgbench comparison, the goal
 * run's profile of the service, when it has one ({@link ServiceProfileSection}). Stateless.
 */
final class LoadSection {

    static final String ID = "load";
    static final String HEADING = "Under load";
    private static final String STAIRS_CELL = "Each cell: p95 in ms / the stage's requests answered (200, 201 or 403,"
            + " whenever the answer came) per second of the stage; under saturation answers come seconds late, so this is"
            + " not what the server completed during the stage.";

    /** Heads the section of a run recorded under the end-of-slot rule ({@link LoadRuns#endOfSlotRule()}). */
    static final String END_OF_SLOT_WARNING = "**The latencies of this run are overstated for every stage faster than"
            + " its warm-up.** It was recorded when trialbench took each arrival's intended start as the end of its slot,"
            + " while Gatling starts it at the beginning: every arrival of such a stage was charged 1/r(warm-up) - 1/r(stage)"
            + " (rates per injector) on top of its latency, and a late first arrival moved the whole schedule. Stages at"
            + " the warm-up's rate are not affected. The figures below are as recorded; the claims that rest on latency"
            + " under load are not judged from this run; a run recorded later measures them again.";

    private LoadSection() {
    }

    static Section of(LoadRuns load, Optional<ServiceProfile> goalProfile) {
        List<Block> blocks = new ArrayList<>();
        LoadEvidence evidence = load.evidence();
        if (load.isEmpty()) {
            blocks.add(new Paragraph("No load runs: " + (evidence.note() == null ? "none recorded" : evidence.note())
                    + ". Run the pipeline without `--skip-load` to measure the service under load."));
            return new Section(ID, HEADING, blocks);
        }
        blocks.add(new Paragraph(method(load)));
        if (load.endOfSlotRule()) {
            blocks.add(new Paragraph(END_OF_SLOT_WARNING + " The overcharge by offered rate: "
                    + overcharge(load) + "."));
        }
        blocks.add(new Subheading("Each workload, before and after the migrations"));
        blocks.add(perRun(load));
        blocks.add(new Subheading("Activation at each offered rate"));
        blocks.add(new Paragraph(STAIRS_CELL));
        blocks.add(stairs(load, load.runs("activation")));
        if (!load.runs("activation").isEmpty()) {
            blocks.add(new Image(LoadOverTimeChart.NAME, LoadOverTimeChart.TITLE));
        }
        blocks.add(new Subheading("Pool sweep: where the pool becomes the bottleneck (the report's Fix 4)"));
        blocks.add(new Paragraph("The batched activation after the migrations, with the service's pool at each size"
                + " (its worker threads twice the pool). " + STAIRS_CELL));
        blocks.add(stairs(load, load.runs("pool-sweep")));
        blocks.add(new Bullets(sweepFindings(load)));
        blocks.add(new Image(PoolSweepChart.NAME, PoolSweepChart.TITLE));
        blocks.add(new Subheading("Batched throughput against pgbench on the same transaction"));
        blocks.add(new Paragraph(pgbench(load)));
        blocks.addAll(ServiceProfileSection.of(goalProfile));
        if (load.evidence().runs().stream().anyMatch(run -> run.cpu() != null)) {
            blocks.add(new Subheading("Where the cores went during each run"));
            blocks.add(new Paragraph(CPU_METHOD));
            blocks.add(cpu(load));
        }
        blocks.add(new Subheading("Migration under load"));
        blocks.addAll(migration(load));
        blocks.add(new Subheading("Invariants after every run (nothing lost, nothing doubled)"));
        blocks.add(invariants(load));
        return new Section(ID, HEADING, blocks);
    }

    /** {@code 20/s: 100 ms, 40/s: 150 ms}: what the end-of-slot rule overcharged by offered rate. */
    private static String overcharge(LoadRuns load) {
        List<String> parts = new ArrayList<>();
        load.endOfSlotOvercharge().forEach((rate, millis) -> parts.add(Numbers.plain(rate) + "/s: " + Numbers.ms(millis)));
        return parts.isEmpty() ? "none (no stage was faster than the warm-up)" : String.join(", ", parts);
    }

    private static String method(LoadRuns load) {
        Run first = load.evidence().runs().get(0);
        String server = load.evidence().server() == null ? "JDK HTTP server" : load.evidence().server();
        return "The reference service (" + server + ", pool of " + first.poolSize() + " with the report's Fix 4 settings)"
                + " ran in the pipeline's JVM; " + first.injectors() + " Gatling injector processes sent an open-model load"
                + " (arrivals do not wait for responses), each run starting with a warm-up of "
                + rate(first.warmup()) + " that is not counted. Latency is measured from each request's intended start"
                + " (the arrival schedule), so a stall shows in full instead of delaying the next request; the injectors'"
                + " HdrHistograms are merged (`load/<run>.hlog`). 5 % of activations repeat the previous arrival's body at"
                + " once (a double click). Failed = any answer other than 200, 201 or 403 (403 is the fraud policy's"
                + " denial), including no answer. KPIs: the report's p95 < " + Numbers.ms(load.evidence().kpi().p95Millis())
                + " and failed < " + Numbers.plain(load.evidence().kpi().failedPercent()) + " %, as Gatling assertions"
                + " (Gatling measures from the request's actual start).";
    }

    private static final String CPU_METHOD = "Cores used on average over each run, from `/proc` before and after it"
            + " (from starting the injectors to their end: their JVMs' start and the warm-up included): the pipeline's JVM,"
            + " which hosts the service; the Gatling injector processes; PostgreSQL's processes; and the whole machine,"
            + " other users of it included. CPU ms per arrival divides each figure by the arrivals the run offered,"
            + " warm-up included. When the machine's figure nears its cores, the service, the injectors and the database"
            + " wait for each other's CPU, and latency grows whatever the code does.";

    private static Table cpu(LoadRuns load) {
        List<List<String>> rows = new ArrayList<>();
        for (Run run : load.evidence().runs()) {
            LoadEvidence.CpuUse cpu = run.cpu();
            if (cpu == null) {
                continue;
            }
            double arrivals = run.warmup().ratePerSecond() * run.warmup().seconds()
                    + run.stages().stream().mapToDouble(stage -> stage.ratePerSecond() * stage.seconds()).sum();
            rows.add(List.of(Inline.code(run.label()), Numbers.decimal(cpu.seconds(), 1), cores(cpu.serviceCores(), cpu, arrivals),
                    cores(cpu.injectorCores(), cpu, arrivals), cores(cpu.postgresCores(), cpu, arrivals),
                    cpu.machineCores() == null ? Numbers.NOT_AVAILABLE
                            : Numbers.decimal(cpu.machineCores(), 2) + " of " + cpu.cores()));
        }
        return new Table(List.of("run", "seconds", "service JVM: cores (CPU ms per arrival)", "injectors", "PostgreSQL",
                "machine: cores busy"), rows);
    }

    private static String cores(Double cores, LoadEvidence.CpuUse cpu, double arrivals) {
        if (cores == null) {
            return Numbers.NOT_AVAILABLE;
        }
        return Numbers.decimal(cores, 2) + (arrivals > 0 ? " (" + Numbers.decimal(cores * cpu.seconds() * 1000 / arrivals, 2)
                + ")" : "");
    }

    private static Table perRun(LoadRuns load) {
        List<List<String>> rows = new ArrayList<>();
        for (Run run : load.evidence().runs()) {
            if (run.kind().equals("pool-sweep") || run.kind().equals(LoadVerdicts.PGBENCH_GOAL_KIND)) {
                continue;
            }
            for (String type : load.types(run)) {
                long[] answeredAndFailed = LoadRuns.answeredAndFailed(run, type);
                Optional<Latency> latency = load.measured(run, type);
                rows.add(List.of(Inline.code(run.label()), Inline.code(type), lastRate(run),
                        latency.map(value -> Numbers.decimal((answeredAndFailed[0] - answeredAndFailed[1])
                                / (double) LoadRuns.measuredSeconds(run), 1)).orElse(Numbers.NOT_AVAILABLE),
                        latency.map(value -> Numbers.millis(value.p50())).orElse(Numbers.NOT_AVAILABLE),
                        latency.map(value -> Numbers.millis(value.p95())).orElse(Numbers.NOT_AVAILABLE),
                        latency.map(value -> Numbers.millis(value.p99())).orElse(Numbers.NOT_AVAILABLE),
                        failed(answeredAndFailed),
                        LoadVerdicts.kpisHeld(load, run, type).map(held -> held ? "held" : "**missed**")
                                .orElse(Numbers.NOT_AVAILABLE),
                        Numbers.ms(run.poolWait().p95Millis()),
                        run.poolWait().utilizationP95() == null ? Numbers.NOT_AVAILABLE
                                : Numbers.percent(run.poolWait().utilizationP95())));
            }
        }
        return new Table(List.of("run", "request", "offered /s (last stage)", "answered /s (by arrival)", "p50 ms", "p95 ms", "p99 ms",
                "failed", "KPIs (this request)", "pool wait p95", "pool busy p95"), rows);
    }

    private static String failed(long[] answeredAndFailed) {
        return answeredAndFailed[0] == 0 ? Numbers.NOT_AVAILABLE
                : Numbers.count(answeredAndFailed[1]) + " (" + Numbers.percent(answeredAndFailed[1] / (double) answeredAndFailed[0]) + ")";
    }

    /** One row per run and request type, one column per offered rate (the runs share their stairs). */
    private static Table stairs(LoadRuns load, List<Run> runs) {
        List<Double> rates = runs.stream().flatMap(run -> run.stages().stream()).map(Stage::ratePerSecond).distinct()
                .sorted().toList();
        List<String> headers = new ArrayList<>(List.of("run", "request"));
        rates.forEach(rate -> headers.add(Numbers.plain(rate) + "/s"));
        List<List<String>> rows = new ArrayList<>();
        for (Run run : runs) {
            for (String type : load.types(run)) {
                List<String> row = new ArrayList<>(List.of(Inline.code(run.label()), Inline.code(type)));
                for (double rate : rates) {
                    int stage = stageOf(run, rate);
                    if (stage < 0) {
                        row.add("");
                        continue;
                    }
                    long[] answeredAndFailed = LoadRuns.answeredAndFailed(run, type, stage);
                    double seconds = run.stages().get(stage - 1).seconds();
                    row.add(load.stage(run, type, stage).map(value -> Numbers.millis(value.p95())).orElse(Numbers.NOT_AVAILABLE)
                            + " / " + Numbers.decimal((answeredAndFailed[0] - answeredAndFailed[1]) / seconds, 1));
                }
                rows.add(row);
            }
        }
        return new Table(headers, rows);
    }

    private static int stageOf(Run run, double rate) {
        for (int i = 0; i < run.stages().size(); i++) {
            if (run.stages().get(i).ratePerSecond() == rate) {
                return i + 1;
            }
        }
        return -1;
    }

    private static List<String> sweepFindings(LoadRuns load) {
        List<String> findings = new ArrayList<>();
        for (Run run : load.runs("pool-sweep")) {
            OptionalDouble best = LoadVerdicts.highestRateWithinKpis(load, run, LoadVerdicts.BATCHED_ACTIVATION);
            findings.add("pool of " + run.poolSize() + ": " + (best.isPresent()
                    ? "the highest offered rate within the KPIs (p95 under " + Numbers.ms(load.evidence().kpi().p95Millis())
                            + ", failed under " + Numbers.plain(load.evidence().kpi().failedPercent()) + " %) is "
                            + Numbers.plain(best.getAsDouble()) + " activations/s"
                    : "no offered rate kept p95 under " + Numbers.ms(load.evidence().kpi().p95Millis())
                            + " with failed under " + Numbers.plain(load.evidence().kpi().failedPercent()) + " %")
                    + "; pool wait p95 " + Numbers.ms(run.poolWait().p95Millis()) + ", " + run.poolWait().timeouts()
                    + " connection timeouts");
        }
        findings.add("on a machine where the database shares the cores with the service and the injectors, a larger pool"
                + " cannot add throughput once the CPU is busy; read the sweep as where waiting for a connection starts to"
                + " dominate, not as a universal pool size");
        return findings;
    }

    private static String pgbench(LoadRuns load) {
        PgbenchComparison pgbench = load.evidence().pgbench();
        if (pgbench == null || pgbench.tps() == null || pgbench.tps() <= 0) {
            return "Not measured: " + (pgbench == null ? "no pgbench comparison in this run"
                    : pgbench.tps() == null ? pgbench.note() : "pgbench completed no transaction (" + pgbench.note() + ")")
                    + ".";
        }
        String figures = "pgbench ran the batched path's accepted-activation transaction (the same statements, from the"
                + " same source) with " + pgbench.clients() + " clients for " + pgbench.seconds() + " s: "
                + Numbers.decimal(pgbench.tps(), 1) + " transactions/s, p95 "
                + (pgbench.p95Millis() == null ? Numbers.NOT_AVAILABLE : Numbers.ms(pgbench.p95Millis())) + ", "
                + pgbench.failed() + " failed.";
        Optional<PgbenchGoal> decided = LoadVerdicts.pgbenchGoal(load);
        if (decided.isEmpty()) {
            return figures + " No pool-sweep run at " + pgbench.clients() + " connections to compare with.";
        }
        PgbenchGoal goal = decided.get();
        Run run = goal.sweepRun();
        OptionalDouble rate = goal.highestStair();
        if (goal.goalRun().isPresent()) {
            return figures + " The sweep's highest stair within the KPIs at a pool of " + run.poolSize() + ": "
                    + (rate.isEmpty() ? "none" : Numbers.plain(rate.getAsDouble()) + "/s ("
                            + Numbers.factor(rate.getAsDouble() / pgbench.tps()) + " of pgbench)") + ". "
                    + goalRun(load, goal) + " The service pays for HTTP, JSON, the fraud policy in Java"
                    + " and, on this machine, shares the CPU with the injectors; pgbench pays for none of these.";
        }
        if (rate.isEmpty()) {
            return figures + " The service's batched activation kept the KPIs at no offered rate, so the goal"
                    + " (at least " + Numbers.factor(LoadVerdicts.PGBENCH_GOAL) + " of pgbench) is **not met**.";
        }
        double ratio = rate.getAsDouble() / pgbench.tps();
        String verdict = switch (goal.outcome()) {
            case MET -> "**met**";
            case NOT_SHOWN -> "**not shown**: the sweep offered no higher rate, so the service may sustain more";
            case NOT_SETTLED -> "**not settled**: the next stair, " + Numbers.plain(goal.nextStair().getAsDouble()) + "/s ("
                    + Numbers.factor(goal.nextStair().getAsDouble() / pgbench.tps()) + "), missed the KPIs, and the goal's "
                    + Numbers.decimal(LoadVerdicts.PGBENCH_GOAL * pgbench.tps(), 1) + "/s lies between the two; finer"
                    + " stairs there would settle it";
            case NOT_MET -> "**not met**: the next stair, " + Numbers.plain(goal.nextStair().getAsDouble()) + "/s ("
                    + Numbers.factor(goal.nextStair().getAsDouble() / pgbench.tps()) + "), already missed the KPIs";
        };
        return figures + " The service sustained " + Numbers.plain(rate.getAsDouble()) + " batched activations/s offered"
                + " within the KPIs at a pool of " + run.poolSize() + " (the highest such stair of the sweep): "
                + Numbers.factor(ratio) + " of pgbench, against the goal of at least "
                + Numbers.factor(LoadVerdicts.PGBENCH_GOAL) + ": " + verdict + ". The service pays for HTTP, JSON, the"
                + " fraud policy in Java and, on this machine, shares the CPU with the injectors; pgbench pays for none of"
                + " these.";
    }

    /** The run at the goal's own rate, and the decision it gave. */
    private static String goalRun(LoadRuns load, PgbenchGoal goal) {
        Run goalRun = goal.goalRun().orElseThrow();
        double rate = goalRun.stages().get(0).ratePerSecond();
        Optional<Latency> latency = load.stage(goalRun, LoadVerdicts.BATCHED_ACTIVATION, 1);
        long[] answeredAndFailed = LoadRuns.answeredAndFailed(goalRun, LoadVerdicts.BATCHED_ACTIVATION, 1);
        return "Offered exactly the goal's rate, " + Numbers.plain(rate) + "/s ("
                + Numbers.factor(rate / goal.pgbench().tps()) + " of pgbench, rounded up to a whole rate per injector), at a"
                + " pool of " + goalRun.poolSize() + " (run `" + goalRun.label() + "`): p95 "
                + latency.map(value -> Numbers.ms(value.p95())).orElse(Numbers.NOT_AVAILABLE) + ", failed "
                + failed(answeredAndFailed) + ". Against the goal of at least " + Numbers.factor(LoadVerdicts.PGBENCH_GOAL)
                + " of pgbench within the KPIs: " + (goal.outcome() == Outcome.MET ? "**met**." : "**not met**.")
                + databaseAlone(load, goal);
    }

    /**
     * pgbench offered the goal run's rate on its own schedule: whether the database alone keeps the
     * KPIs there. The goal compares an open-model rate within the KPIs with pgbench's closed-loop
     * saturation, whose own p95 may already be above the budget.
     */
    private static String databaseAlone(LoadRuns load, PgbenchGoal goal) {
        LoadEvidence.OpenModel open = goal.pgbench().atGoalRate();
        if (open == null) {
            return "";
        }
        if (open.p95Millis() == null) {
            return " pgbench alone at the same rate: not measured (" + open.note() + ").";
        }
        boolean holds = load.evidence().kpi().kept(open.p95Millis(), open.transactions() + open.failed(), open.failed());
        String closed = goal.pgbench().p95Millis() == null ? "" : " (p95 " + Numbers.ms(goal.pgbench().p95Millis()) + ")";
        return " The database alone, pgbench offered the same " + Numbers.decimal(open.offeredPerSecond(), 1)
                + " transactions/s on its own schedule (Poisson arrivals, " + open.clients() + " clients, "
                + open.seconds() + " s, latency from each transaction's scheduled start): "
                + (open.tps() == null ? Numbers.NOT_AVAILABLE : Numbers.decimal(open.tps(), 1)) + " transactions/s, p95 "
                + Numbers.ms(open.p95Millis()) + ", p99 " + (open.p99Millis() == null ? Numbers.NOT_AVAILABLE
                        : Numbers.ms(open.p99Millis())) + ", " + open.failed() + " failed: "
                + (holds ? "within the KPIs, so the rest of the gap is the service's and the injectors' share of the"
                        + " two cores (CPU table below) and the service's own cost (profile below)."
                        : "**outside the KPIs without the service**: at this rate the database itself misses them, so"
                        + " no client of this transaction reaches the goal within the KPIs on this machine; the goal"
                        + " sets an open-model rate within the KPIs against pgbench's closed-loop saturation" + closed
                        + ", a rate at which queueing is unbounded under an open load.");
    }

    private static List<Block> migration(LoadRuns load) {
        MigrationUnderLoad migration = load.evidence().migration();
        if (migration == null || load.run(migration.run()).isEmpty()) {
            return List.of(new Paragraph("Not measured in this run."));
        }
        Run run = load.run(migration.run()).orElseThrow();
        List<List<String>> rows = new ArrayList<>();
        boolean anyDuring = false;
        for (String type : load.types(run)) {
            Optional<Latency> before = load.window(run, type, 0, migration.migrationStartEpochMs());
            Optional<Latency> during = load.window(run, type, migration.migrationStartEpochMs(),
                    migration.migrationEndEpochMs() + 1000);
            anyDuring |= during.isPresent();
            long[] answeredAndFailed = LoadRuns.answeredAndFailed(run, type);
            rows.add(List.of(Inline.code(type), before.map(value -> Numbers.millis(value.p99())).orElse(Numbers.NOT_AVAILABLE),
                    during.map(value -> Numbers.millis(value.p99())).orElse(Numbers.NOT_AVAILABLE),
                    during.map(value -> Numbers.count(value.count())).orElse("0"), failed(answeredAndFailed)));
        }
        List<Block> blocks = new ArrayList<>();
        double seconds = (migration.migrationEndEpochMs() - migration.migrationStartEpochMs()) / 1000.0;
        blocks.add(new Paragraph("The AFTER migrations (indexes CONCURRENTLY, constraints NOT VALID then VALIDATE) ran for "
                + Numbers.decimal(seconds, 1) + " s while the mixed workload (run " + Inline.code(run.label()) + ") and the"
                + " concurrent writer ran. p99 before the migration against p99 of the requests that completed during it (up"
                + " to one histogram interval after); failed counts the whole run."
                + (migration.outlastedLoad() ? " **The migration outlasted the load**: its end was not under load." : "")
                + (anyDuring ? "" : " **No measured request completed during the migration**: the load did not cover it,"
                        + " so this run does not show the migration under load.")));
        blocks.add(new Table(List.of("request", "p99 before, ms", "p99 during, ms", "requests during", "failed (whole run)"),
                rows));
        blocks.add(new Bullets(List.of(
                "longest wait on a table or index lock (pg_locks, sampled every 25 ms, any backend): "
                        + Numbers.ms(migration.longestRelationLockWaitMillis())
                        + (migration.longestRelationLock() == null ? "" : " (" + Inline.code(migration.longestRelationLock()) + ")"),
                "longest wait on any other lock (rows, advisory locks of the batched path, transactions): "
                        + Numbers.ms(migration.longestOtherLockWaitMillis())
                        + (migration.longestOtherLock() == null ? "" : " (" + Inline.code(migration.longestOtherLock()) + ")"),
                migration.lockSamples() == 0 ? "lock waits not sampled: " + migration.lockNote()
                        : migration.samplesWithWaiters() + " of " + migration.lockSamples()
                                + " samples saw a backend waiting on a lock"
                                + (migration.lockNote() == null ? "" : " (" + migration.lockNote() + ")"))));
        return blocks;
    }

    private static Table invariants(LoadRuns load) {
        List<List<String>> rows = new ArrayList<>();
        for (Run run : load.evidence().runs()) {
            Invariants invariants = run.invariants();
            if (invariants == null) {
                continue;
            }
            rows.add(List.of(Inline.code(run.label()), run.implementation() == null ? "" : run.implementation(),
                    Numbers.count(invariants.accepted()), Numbers.count(invariants.denied()),
                    flag(invariants.usersWithTwoActiveTrials()), flag(invariants.usersWithTwoTrials()),
                    flag(invariants.duplicatedDeviceRows()), flag(invariants.acceptedWithoutToken()),
                    flag(invariants.deniedWithoutFlags())));
        }
        return new Table(List.of("run", "activation", "201", "403", "users with 2 active trials", "users with 2 trials",
                "duplicated device rows", "201 without token", "403 without flags"), rows);
    }

    private static String flag(long count) {
        return count == 0 ? "0" : "**" + Numbers.count(count) + "**";
    }

    private static String lastRate(Run run) {
        return run.stages().isEmpty() ? Numbers.NOT_AVAILABLE
                : Numbers.plain(run.stages().get(run.stages().size() - 1).ratePerSecond());
    }

    private static String rate(Stage stage) {
        return Numbers.plain(stage.ratePerSecond()) + "/s for " + stage.seconds() + " s";
    }
}
