package dev.trialbench.bench.pipeline;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.bench.profile.RunProfile;
import dev.trialbench.bench.runfolder.ReliabilityEvidence;
import dev.trialbench.bench.runfolder.SafetyEvidence;
import dev.trialbench.db.DatabaseUnavailableException;
import dev.trialbench.db.Jdbis;
import dev.trialbench.db.Migrations;
import dev.trialbench.db.PoolConfig;
import dev.trialbench.monitor.ForeignKeyFinding;
import dev.trialbench.monitor.Monitor;
import dev.trialbench.monitor.ReportMonitorCheck;
import dev.trialbench.provision.OwnDatabase;
import dev.trialbench.provision.ProvisionedDatabase;
import dev.trialbench.reliability.BackendTermination;
import dev.trialbench.reliability.BadInputCampaign;
import dev.trialbench.reliability.BadInputResult;
import dev.trialbench.reliability.ConcurrencyComparison;
import dev.trialbench.reliability.DatabaseOutage;
import dev.trialbench.reliability.HalfWrittenActivations;
import dev.trialbench.reliability.Implementation;
import dev.trialbench.reliability.LockConflicts;
import dev.trialbench.reliability.MigrationFaults;
import dev.trialbench.reliability.PoolExhaustion;
import dev.trialbench.reliability.QueryTimeout;
import dev.trialbench.reliability.Subjects;
import dev.trialbench.reliability.TimeoutEnforcement;
import dev.trialbench.reliability.UserDeletion;
import dev.trialbench.seed.ReservedPoolReset;
import dev.trialbench.seed.SeedPlan;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline's reliability step, after the AFTER measurements: the fault experiments of
 * {@code dev.trialbench.reliability} on the run's database and server, with sizes from the profile,
 * activating only the seeded reserved pool. Order: Fix 6's monitor against the plans (first, while the
 * statistics are those of the measured workload), the foreign keys without an index, one user deleted
 * (rolled back), backend terminations (both implementations), pool exhaustion, timeouts (with and
 * without Fix 4's settings), deadlocks and serialization failures, the race on the AFTER schema, the
 * server stopped and restarted under load (embedded only); then the schema goes back to BEFORE for
 * the race, the backend terminations and the user deletion on that schema, and forward to AFTER again. The rows the step wrote are deleted before
 * each schema change and at the end, so the database is left as the measurements left it.
 * Not thread-safe; one run at a time.
 */
final class ReliabilityStep {

    /** The migration-fault experiments need three connections (one holds a lock while others build). */
    private static final int SCRATCH_POOL_SIZE = 3;

    private ReliabilityStep() {
    }

    static ReliabilityEvidence run(OwnDatabase database, SeedPlan plan, RunProfile.Faults faults, PrintStream out) {
        long start = System.nanoTime();
        ProvisionedDatabase server = database.server();
        Migrations migrations = database.migrations();
        HikariDataSource dataSource = database.dataSource();
        PoolConfig base = database.poolConfig(PoolConfig.DEFAULT_MAXIMUM_POOL_SIZE);
        Subjects subjects = reservedPool(plan);
        // The experiments need users and fingerprints without history; the load runs before this step used them.
        ReservedPoolReset.run(Jdbis.create(dataSource), plan);
        try {
            ReportMonitorCheck reportMonitor = ReportMonitorCheck.run(dataSource, StatementEvidenceCollector.statements(),
                    StatementEvidenceCollector.sampleValues(Jdbis.create(dataSource), plan));
            List<ForeignKeyFinding> foreignKeys = new Monitor(dataSource).foreignKeysWithoutIndex();
            List<UserDeletion> deletions = new ArrayList<>(List.of(UserDeletion.run(dataSource)));
            out.println("   monitor queries, foreign keys and user deletion done");
            List<HalfWrittenActivations> halfWritten = new ArrayList<>(halfWritten(dataSource, subjects));
            List<BackendTermination.Result> terminations = halfWritten.stream().map(HalfWrittenActivations::detail).toList();
            out.println("   backend terminations done");
            PoolExhaustion.Result pool = PoolExhaustion.run(base, subjects, Duration.ofMillis(250));
            List<TimeoutEnforcement.Case> timeouts = TimeoutEnforcement.run(base, subjects);
            QueryTimeout queryTimeout = QueryTimeout.run(base);
            LockConflicts.Result conflicts = LockConflicts.run(base, subjects, faults.deadlocks(), faults.serializationFailures());
            out.println("   pool, timeouts, deadlocks and serialization failures done");
            List<ConcurrencyComparison.Cell> concurrency = new ArrayList<>(race(base, subjects, faults, "after"));
            DatabaseOutage.Result outage = outage(server, base, subjects, faults);
            out.println("   outage: " + (outage.ran() ? "done" : "skipped, " + outage.skippedReason()));
            cleanUp(dataSource, subjects);
            migrations.revertToBefore();
            concurrency.addAll(0, race(base, subjects, faults, "before"));
            halfWritten.addAll(0, halfWritten(dataSource, subjects));
            deletions.add(0, UserDeletion.run(dataSource));
            out.println("   backend terminations and user deletion before the migrations done");
            cleanUp(dataSource, subjects);
            migrations.migrateToAfter();
            List<ReliabilityEvidence.Tally> badInputs = badInputs(dataSource, plan);
            out.println("   bad input done");
            List<ReliabilityEvidence.Tally> migrationFaults = migrationFaults(server);
            out.println("   migration faults done");
            return new ReliabilityEvidence(terminations, pool, timeouts, conflicts, outage, concurrency, badInputs,
                    migrationFaults, null, Math.round((System.nanoTime() - start) / 1e7) / 100.0,
                    new SafetyEvidence(halfWritten, queryTimeout, deletions, foreignKeys, reportMonitor));
        } finally {
            cleanUp(dataSource, subjects);
        }
    }

    /**
     * {@value BadInputCampaign#DEFAULT_COUNT} malformed requests against a service of its own on the run's database
     * (nobody else writes to it now), one tally for all and one per kind.
     */
    private static List<ReliabilityEvidence.Tally> badInputs(HikariDataSource dataSource, SeedPlan plan) {
        BadInputResult result = BadInputCampaign.againstNewService(dataSource, plan.config().seed(),
                BadInputCampaign.DEFAULT_COUNT);
        List<ReliabilityEvidence.Tally> tallies = new ArrayList<>();
        tallies.add(new ReliabilityEvidence.Tally("malformed HTTP requests, " + result.triedByCategory().size() + " kinds",
                result.tried(), result.rejectedCleanly(), result.serverErrors() + " answered 5xx, " + result.rowsWritten()
                        + " rows written; passed = a 4xx whose JSON says what is wrong"
                        + (result.examplesOfFailures().isEmpty() ? "" : "; first failure: "
                                + result.examplesOfFailures().get(0))));
        return tallies;
    }

    /**
     * Each migration fault on an empty database of its own at BEFORE (the faults break a schema on
     * purpose and must not touch the run's data), all dropped afterwards.
     */
    private static List<ReliabilityEvidence.Tally> migrationFaults(ProvisionedDatabase server) {
        List<OwnDatabase> scratch = new ArrayList<>();
        try {
            return MigrationFaults.runAll(() -> {
                OwnDatabase database = OwnDatabase.create(server, "scratch", SCRATCH_POOL_SIZE, OwnDatabase.OnClose.DROP);
                scratch.add(database);
                database.migrations().migrateToBefore();
                return database.dataSource();
            }).stream()
                    .map(fault -> new ReliabilityEvidence.Tally(fault.faultCase(), 1, fault.passed() ? 1 : 0,
                            fault.outcome() + (fault.schemaUnchanged() ? "; schema unchanged" : "")))
                    .toList();
        } finally {
            scratch.forEach(OwnDatabase::close);
        }
    }

    /** The backend terminated between the writes of each path, on the schema the database is in now. */
    private static List<HalfWrittenActivations> halfWritten(HikariDataSource dataSource, Subjects subjects) {
        List<HalfWrittenActivations> results = new ArrayList<>();
        for (Implementation implementation : List.of(Implementation.NAIVE, Implementation.BATCHED)) {
            results.add(HalfWrittenActivations.measure(dataSource, subjects, implementation));
        }
        return results;
    }

    /** The outage experiment; a server that could not be stopped is reported as a skip, not a failed run. */
    private static DatabaseOutage.Result outage(ProvisionedDatabase server, PoolConfig base, Subjects subjects,
                                                RunProfile.Faults faults) {
        try {
            return DatabaseOutage.run(base, server.serverControl(), subjects, faults.outage());
        } catch (DatabaseUnavailableException e) {
            return DatabaseOutage.Result.skipped("the server could not be stopped and started: " + e.getMessage());
        }
    }

    private static List<ConcurrencyComparison.Cell> race(PoolConfig base, Subjects subjects, RunProfile.Faults faults,
                                                         String schema) {
        List<ConcurrencyComparison.Cell> cells = new ArrayList<>();
        for (Implementation implementation : List.of(Implementation.NAIVE, Implementation.BATCHED)) {
            cells.add(ConcurrencyComparison.run(base, subjects, implementation, schema, faults.doubleClicks(),
                    faults.sharedDevices(), faults.usersPerDevice()));
        }
        return cells;
    }

    /** The seeded users that own nothing, and the fingerprints no device row has. */
    private static Subjects reservedPool(SeedPlan plan) {
        return new Subjects(plan.reservedUsers(), plan.reservedFingerprints());
    }

    /** Deletes what the experiments wrote for the reserved pool. */
    private static void cleanUp(HikariDataSource dataSource, Subjects subjects) {
        ReservedPoolReset.run(Jdbis.create(dataSource), subjects.usedUsers(), subjects.usedFingerprints());
    }
}
