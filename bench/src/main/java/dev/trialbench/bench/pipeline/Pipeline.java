package dev.trialbench.bench.pipeline;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.bench.jmh.BenchTarget;
import dev.trialbench.bench.jmh.CellEvidenceCollector;
import dev.trialbench.bench.jmh.JmhRunner;
import dev.trialbench.bench.load.LoadProfile;
import dev.trialbench.bench.load.LoadStep;
import dev.trialbench.bench.pooler.PoolerStep;
import dev.trialbench.bench.profile.RoundTrip;
import dev.trialbench.bench.profile.RunProfile;
import dev.trialbench.bench.replica.ReplicaSettings;
import dev.trialbench.bench.replica.ReplicaStep;
import dev.trialbench.bench.render.Reports;
import dev.trialbench.bench.runfolder.RunFolder;
import dev.trialbench.bench.render.ResultsIndex;
import dev.trialbench.bench.runfolder.LoadEvidence;
import dev.trialbench.bench.runfolder.ReliabilityEvidence;
import dev.trialbench.bench.runfolder.ReplicaEvidence;
import dev.trialbench.bench.runfolder.RunEnvironment;
import dev.trialbench.bench.runfolder.RunEvidence;
import dev.trialbench.bench.runfolder.RunEvidence.CellEvidence;
import dev.trialbench.bench.runfolder.RunEvidence.DatabaseEvidence;
import dev.trialbench.bench.runfolder.RunEvidence.MigrationEvidence;
import dev.trialbench.bench.runfolder.RunEvidence.SeedEvidence;
import dev.trialbench.bench.runfolder.RunEvidence.StatementEvidence;
import dev.trialbench.loadtest.measure.IntendedSchedule;
import dev.trialbench.db.Jdbis;
import dev.trialbench.db.Migrations;
import dev.trialbench.db.Pool;
import dev.trialbench.db.PoolConfig;
import dev.trialbench.monitor.IndexFinding;
import dev.trialbench.monitor.IndexUsage;
import dev.trialbench.monitor.Monitor;
import dev.trialbench.monitor.StatementStatisticsAvailability;
import dev.trialbench.provision.DatabaseRequest;
import dev.trialbench.provision.OwnDatabase;
import dev.trialbench.provision.ProvisionedDatabase;
import dev.trialbench.provision.Provisioner;
import dev.trialbench.reliability.SecurityCheckResult;
import dev.trialbench.reliability.SecurityChecks;
import dev.trialbench.seed.SeedConfig;
import dev.trialbench.seed.SeedPlan;
import dev.trialbench.seed.SeedProgress;
import dev.trialbench.seed.SeedSummary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/**
 * The main job: provision, migrate to BEFORE, seed, measure (JMH, statement counts, pg_stat_statements,
 * plans), migrate to AFTER under a concurrent writer, VACUUM ANALYZE, measure again (with the load runs: the listing
 * served from a read replica too, {@link ReplicaStep}), audit the indexes, pgBouncer against direct
 * ({@link PoolerStep}), run the
 * fault experiments ({@link ReliabilityStep}, unless skipped), and write the run's folder (raw files, then the report generated from them alone).
 * The database is migrated in place, so both columns of the factorial see the same rows.
 * Not thread-safe; one run at a time.
 */
public final class Pipeline {

    /** What a run needs, built once at the edge (CLI). */
    public record Settings(DatabaseRequest database, RunProfile profile, SeedConfig seed, Path outputDirectory,
                           boolean keepDatabase, boolean skipPgbench, boolean skipReliability, boolean skipPooler,
                           List<RoundTrip> roundTrips,
                           boolean load, String command) {
        public Settings {
            roundTrips = List.copyOf(roundTrips);
        }
    }

    private final Settings settings;
    private final PrintStream out;
    /** Taken once, at the start: the tree may change while a long run runs (the jar in use does not). */
    private String gitSha;

    public Pipeline(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /**
     * The run's database of its own, after saying which databases of stopped runs are left on the
     * server; marked as this process's, and handed to the session so that Ctrl-C drops (or keeps) it.
     */
    private OwnDatabase runDatabase(ProvisionedDatabase server) {
        OwnedDatabases.reportStale(server, out);
        OwnDatabase database = OwnDatabase.create(server, "run", PoolConfig.DEFAULT_MAXIMUM_POOL_SIZE,
                settings.keepDatabase() ? OwnDatabase.OnClose.KEEP : OwnDatabase.OnClose.DROP);
        OwnedDatabases.mark(server, database.name());
        RunSession.database(server, database.name(), settings.keepDatabase());
        return database;
    }

    /** Runs everything and returns the run's folder. */
    public Path run() {
        Phases phases = new Phases(out);
        String startedAt = Instant.now().toString();
        out.printf("trialbench run: profile %s, scale %s, seed %d%n", settings.profile().name(),
                settings.seed().scale(), settings.seed().seed());
        try (ProvisionedDatabase server = phases.run("provision", () -> Provisioner.provision(settings.database()));
             OwnDatabase database = runDatabase(server);
             HikariDataSource writerPool = Pool.open(MigrationUnderWriter.writerPool(database))) {
            out.println("   database: " + server.kind().label() + " (" + server.reason() + ")");
            HikariDataSource dataSource = database.dataSource();
            Migrations migrations = database.migrations();
            Monitor monitor = new Monitor(dataSource);
            Jdbi jdbi = Jdbis.create(dataSource);
            SeedPlan plan = SeedPlan.of(settings.seed());
            gitSha = EnvironmentProbe.gitSha();
            Path folder = RunFolderWriter.create(settings.outputDirectory(), gitSha, EnvironmentProbe.host());
            // The target file may hold a password: it lives outside the run folder, readable by its owner only.
            Path targetDirectory = java.nio.file.Files.createTempDirectory("trialbench-target-");
            Path target = targetDirectory.resolve("target.properties");
            RunSession.folder(folder);
            RunSession.temporary(targetDirectory);
            try {
                return measureAll(phases, startedAt, server, database, writerPool, migrations, monitor, jdbi, plan, folder,
                        target);
            } catch (RuntimeException e) {
                RunFolderWriter.markIncomplete(folder, out);
                throw e;
            } finally {
                java.nio.file.Files.deleteIfExists(target);
                java.nio.file.Files.deleteIfExists(targetDirectory);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path measureAll(Phases phases, String startedAt, ProvisionedDatabase server, OwnDatabase database,
                            HikariDataSource writerPool, Migrations migrations, Monitor monitor, Jdbi jdbi, SeedPlan plan,
                            Path folder, Path target) {
        HikariDataSource dataSource = database.dataSource();
        phases.run("migrate to BEFORE", () -> migrations.migrateToBefore());
        boolean statements = monitor.ensureStatementStatistics().usable();
        // A server given by URL may lack pg_stat_statements: say so once, with what to set, and go on without it.
        StatementStatisticsAvailability availability = monitor.statementStatisticsAvailability();
        availability.warning().ifPresent(warning -> out.println("   warning: " + warning));
        String notCollected = statements ? null : availability.reason();
        SeedSummary seeded = phases.run("seed", () -> database.seed(settings.seed(), SeedProgress.terminal()));
        PgbenchReference.Result pgbench = settings.skipPgbench()
                ? new PgbenchReference.Result(null, null, "skipped (--skip-pgbench)")
                : phases.run("pgbench -i reference", () -> PgbenchReference.measure(server, settings.seed().scale()));
        BenchTarget.write(target, database.jdbcUrl(), server.username(), server.password(), settings.seed());

        List<CellEvidence> cells = new ArrayList<>();
        List<StatementEvidence> statementEvidence = new ArrayList<>();
        List<DatabaseEvidence> databaseEvidence = new ArrayList<>();
        measure("before", folder, target, dataSource, jdbi, monitor, plan, statements, phases, cells, statementEvidence,
                databaseEvidence);
        LoadProfile loadProfile = settings.profile().load();
        LoadStep load = settings.load() ? new LoadStep(database, plan, loadProfile, folder, out) : null;
        List<LoadEvidence.Run> loadRuns = new ArrayList<>();
        if (load != null) {
            loadRuns.addAll(phases.run("load: activation, listing, mixed, before", () -> load.workloads("before")));
        }

        MigrationEvidence migration;
        LoadEvidence.MigrationUnderLoad migrationUnderLoad = null;
        if (load == null) {
            migration = phases.run("migrate to AFTER under a concurrent writer",
                    () -> MigrationUnderWriter.migrate(migrations, dataSource, writerPool, plan));
        } else {
            MigrationUnderLoad underLoad = phases.run("migrate to AFTER under a concurrent writer and the mixed load",
                    () -> MigrationUnderLoad.migrate(load, migrations, dataSource, writerPool, plan));
            loadRuns.add(underLoad.run());
            migration = underLoad.migration();
            migrationUnderLoad = underLoad.evidence();
        }
        // VACUUM too: the migration's writer and the load runs leave deleted rows (and dead index
        // entries, some under heavy report owners) that would otherwise slow the AFTER measurements.
        phases.run("VACUUM ANALYZE", () -> vacuumAnalyze(dataSource));
        measure("after", folder, target, dataSource, jdbi, monitor, plan, statements, phases, cells, statementEvidence,
                databaseEvidence);
        // Right after the JMH cells of the AFTER schema, on the same database: the harness's own cost at one client.
        RunEvidence.HarnessOverhead harnessOverhead = phases.run("pgbench, one client, on the batched transaction",
                () -> harnessOverhead(database, plan, settings.profile().load().pgbenchSeconds()));
        LoadEvidence.PgbenchComparison pgbenchComparison = null;
        if (load != null) {
            loadRuns.addAll(phases.run("load: activation, listing, mixed, after", () -> load.workloads("after")));
            loadRuns.addAll(phases.run("load: pool sweep " + loadProfile.sweepPools(),
                    load::poolSweep));
            pgbenchComparison = phases.run("pgbench on the batched transaction", () -> pgbenchComparison(database, plan,
                    loadProfile.pgbenchSeconds()));
            double topStair = loadProfile.sweep().stream().mapToDouble(LoadEvidence.Stage::ratePerSecond).max().orElse(0);
            // Only inside the range the sweep covered: above it the sweep says "not shown", and a rate
            // many times what the sweep offered (pgbench on a small quick-profile database) only floods.
            double goalRate = pgbenchComparison.tps() == null || pgbenchComparison.tps() <= 0 ? Double.NaN
                    : loadProfile.pgbenchGoalRate(pgbenchComparison.tps());
            if (goalRate <= topStair) {
                int clients = pgbenchComparison.clients();
                loadRuns.add(phases.run("load: batched activation at " + LoadProfile.PGBENCH_GOAL + "x pgbench",
                        () -> load.pgbenchGoal(clients, goalRate)));
                // The database alone at the same rate, open model: whether the goal is within its reach here.
                double offered = loadRuns.get(loadRuns.size() - 1).stages().get(0).ratePerSecond();
                pgbenchComparison = pgbenchComparison.withAtGoalRate(phases.run("pgbench at the goal's rate, open model",
                        () -> pgbenchAtRate(database, plan, clients, loadProfile.pgbenchSeconds(), offered)));
            }
        }
        RunFolderWriter.write(folder.resolve(LoadEvidence.FILE), load == null
                ? new LoadEvidence("no load runs (--skip-load)", LoadEvidence.Kpi.REPORT, List.of(), null, null,
                        IntendedSchedule.RULE, dev.trialbench.http.TrialService.SERVER)
                : new LoadEvidence(null, LoadEvidence.Kpi.REPORT, loadRuns, migrationUnderLoad, pgbenchComparison,
                        IntendedSchedule.RULE, dev.trialbench.http.TrialService.SERVER));
        if (load != null) {
            RunFolderWriter.write(folder.resolve(ReplicaEvidence.FILE), phases.run("read replica: the listing moved off the"
                    + " primary", () -> ReplicaStep.run(database, plan, ReplicaSettings.of(settings.profile()), out)));
        }
        RunEvidence.IndexAudit audit = phases.run("index audit", () -> audit(monitor));
        if (settings.skipPooler()) {
            PoolerStep.skipped(folder, "skipped (--skip-pooler)");
        } else {
            phases.run("pgBouncer: correctness, one client, several instances", () -> ExpectedFailures.routed(folder, out,
                    () -> PoolerStep.run(database, settings.seed(), settings.profile(), folder, target.getParent(),
                            RunSession::temporary, out)));
        }
        ReliabilityEvidence reliability = settings.skipReliability() ? null
                : phases.run("reliability: faults, outage, naive vs batched under a race",
                        () -> ExpectedFailures.routed(folder, out,
                                () -> ReliabilityStep.run(database, plan, settings.profile().faults(), out)));

        Map<String, String> serverSettings = EnvironmentProbe.serverSettings(dataSource);
        RunEnvironment environment = new RunEnvironment("0.1.0", gitSha, EnvironmentProbe.host(),
                startedAt, settings.profile().name(), settings.seed().scale(), settings.seed().seed(),
                settings.seed().anchor().toString(), server.kind().label(), server.reason(),
                serverSettings.getOrDefault("server_version", "unknown"), serverSettings, EnvironmentProbe.jdk(), EnvironmentProbe.os(),
                EnvironmentProbe.cpuModel(), Runtime.getRuntime().availableProcessors(), EnvironmentProbe.memoryBytes(),
                settings.profile().jmh().forks(), settings.command());
        RunEvidence evidence = new RunEvidence(seedEvidence(seeded, pgbench), migration, cells, statementEvidence, audit,
                databaseEvidence, phases.done(), notCollected, harnessOverhead);
        RunFolderWriter.write(folder.resolve("environment.json"), environment);
        RunFolderWriter.write(folder.resolve("evidence.json"), evidence);
        if (reliability != null) {
            // Last, so that the scan covers every raw file the run wrote before it.
            SecurityCheckResult security = SecurityChecks.run(List.of(folder),
                    server.password() == null ? List.of() : List.of(server.password()));
            RunFolderWriter.write(folder.resolve(RunFolder.RELIABILITY), reliability.withSecurity(List.of(
                    new ReliabilityEvidence.Tally("security promises (masking, SSL verification, no password in the run"
                            + " folder)", security.checksRun(), security.checksPassed(), security.failures().isEmpty() ? null
                            : "failed: " + String.join("; ", security.failures())))));
        }
        Reports.write(folder);
        ResultsIndex.write(settings.outputDirectory());
        RunEnding.print(out, folder, phases.totalSeconds());
        return folder;
    }

    private void measure(String schema, Path folder, Path target, HikariDataSource dataSource, Jdbi jdbi, Monitor monitor,
                         SeedPlan plan, boolean statements, Phases phases, List<CellEvidence> cells,
                         List<StatementEvidence> statementEvidence, List<DatabaseEvidence> databaseEvidence) {
        phases.run("statements per operation, " + schema,
                () -> cells.addAll(CellEvidenceCollector.collect(dataSource, plan, schema)));
        if (!DatabaseCounters.reset(dataSource, monitor, statements)) {
            out.println("   note: statistics could not be reset (needs pg_stat_reset); figures cover the database's life");
        }
        phases.run("JMH, " + schema, () -> jmh(() -> JmhRunner.run(settings.profile().jmh(), schema, target,
                folder.resolve("jmh-" + schema + ".json"))));
        if (!settings.roundTrips().isEmpty()) {
            phases.run("JMH round-trip sweep " + RoundTrip.labels(settings.roundTrips()) + ", " + schema,
                    () -> jmh(() -> JmhRunner.runRttSweep(settings.profile().jmh(), schema, target,
                            folder.resolve("jmh-" + schema + "-rtt.json"), settings.roundTrips())));
        }
        phases.run("pg_stat_statements and plans, " + schema, () -> {
            databaseEvidence.add(DatabaseCounters.read(schema, dataSource, monitor));
            statementEvidence.addAll(StatementEvidenceCollector.collect(schema, jdbi, monitor, plan, statements));
        });
    }

    private static LoadEvidence.PgbenchComparison pgbenchComparison(OwnDatabase database, SeedPlan plan, int seconds) {
        int clients = LoadProfile.SERVICE_POOL;
        PgbenchActivation.Result result = PgbenchActivation.measure(database, plan, clients, seconds);
        return new LoadEvidence.PgbenchComparison(clients, seconds, result.tps(), result.p50Millis(), result.p95Millis(),
                result.p99Millis(), result.transactions(), result.failed(), result.note(), null);
    }

    private static LoadEvidence.OpenModel pgbenchAtRate(OwnDatabase database, SeedPlan plan, int clients, int seconds,
                                                        double rate) {
        PgbenchActivation.Result result = PgbenchActivation.measure(database, plan, clients, seconds, rate);
        return new LoadEvidence.OpenModel(rate, clients, seconds, result.tps(), result.p50Millis(), result.p95Millis(),
                result.p99Millis(), result.transactions(), result.failed(), result.note());
    }

    private static RunEvidence.HarnessOverhead harnessOverhead(OwnDatabase database, SeedPlan plan, int seconds) {
        PgbenchActivation.Result result = PgbenchActivation.measure(database, plan, 1, seconds);
        return new RunEvidence.HarnessOverhead(1, seconds, PgbenchActivation.ROUND_TRIPS, result.tps(), result.meanMillis(),
                result.p50Millis(), result.p95Millis(), result.transactions(), result.failed(), result.note());
    }

    /** JMH's checked exception, turned into the pipeline's failure with what to look at. */
    private interface JmhCall {
        Object call() throws org.openjdk.jmh.runner.RunnerException;
    }

    private static Object jmh(JmhCall call) {
        try {
            return call.call();
        } catch (org.openjdk.jmh.runner.RunnerException e) {
            throw new IllegalStateException("A JMH benchmark failed: " + e.getMessage()
                    + " (the run folder's JMH log says which and why)", e);
        }
    }

    private static RunEvidence.IndexAudit audit(Monitor monitor) {
        Map<String, Long> scans = new TreeMap<>();
        for (IndexUsage usage : monitor.indexUsage()) {
            scans.put(usage.index(), usage.scans());
        }
        return new RunEvidence.IndexAudit(notes(monitor.unusedIndexes()), notes(monitor.duplicateIndexes()),
                notes(monitor.invalidIndexes()), scans);
    }

    private static List<RunEvidence.IndexNote> notes(List<IndexFinding> findings) {
        return findings.stream()
                .map(finding -> new RunEvidence.IndexNote(finding.table(), finding.index(), finding.definition(),
                        finding.sizeBytes(), finding.reason()))
                .sorted(java.util.Comparator.comparing(RunEvidence.IndexNote::index))
                .toList();
    }

    private static SeedEvidence seedEvidence(SeedSummary seeded, PgbenchReference.Result pgbench) {
        Map<String, Long> rows = new LinkedHashMap<>();
        seeded.tables().forEach(load -> rows.put(load.table().tableName(), load.rows()));
        List<RunEvidence.SeedTableLoad> tables = seeded.tables().stream()
                .map(load -> new RunEvidence.SeedTableLoad(load.table().tableName(), load.rows(), load.heapBytes(),
                        seconds(load.copyDuration()), seconds(load.generateDuration()), seconds(load.serverDuration()),
                        load.indexDuration() == null ? null : seconds(load.indexDuration())))
                .toList();
        return new SeedEvidence(seeded.totalRows(), seeded.totalHeapBytes(), seeded.duration().toMillis() / 1000.0,
                seeded.heapMegabytesPerSecond(), pgbench.heapMegabytesPerSecond(), pgbench.seconds(), pgbench.note(), rows,
                seconds(seeded.loadDuration()),
                seeded.foreignKeyCheckDuration() == null ? null : seconds(seeded.foreignKeyCheckDuration()),
                seconds(seeded.vacuumDuration()), seeded.copyFormat(), tables);
    }

    /** Milliseconds as seconds: the raw files keep what a report shows, not the clock's noise. */
    private static double seconds(java.time.Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static void vacuumAnalyze(HikariDataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("VACUUM ANALYZE");
        } catch (SQLException e) {
            throw new IllegalStateException("VACUUM ANALYZE failed: " + e.getMessage(), e);
        }
    }
}
