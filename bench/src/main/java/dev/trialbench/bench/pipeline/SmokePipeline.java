package dev.trialbench.bench.pipeline;

import dev.trialbench.activation.ActivationRequest;
import dev.trialbench.activation.ActivationResult;
import dev.trialbench.activation.ActivationSql;
import dev.trialbench.activation.BatchedActivation;
import dev.trialbench.activation.NaiveActivation;
import dev.trialbench.activation.TrialActivation;
import dev.trialbench.db.Jdbis;
import dev.trialbench.db.Migrations;
import dev.trialbench.db.StatementCounter;
import dev.trialbench.provision.DatabaseRequest;
import dev.trialbench.provision.ProvisionedDatabase;
import dev.trialbench.provision.Provisioner;
import dev.trialbench.reports.ReportListing;
import dev.trialbench.seed.SeedConfig;
import dev.trialbench.seed.SeedPlan;
import dev.trialbench.seed.SeedProgress;
import dev.trialbench.seed.SeedSummary;
import dev.trialbench.seed.Seeder;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * The smoke run of the before/after pipeline: every cell of {naive, batched} x {before, after} is
 * exercised once, with its round trips counted and the plans of the listing and the device lookup
 * shown, on a seeded database that is migrated in place between the two columns. Single calls are
 * not benchmarks: the times printed are for orientation only (the JMH pipeline measures).
 * Not thread-safe; one run at a time.
 */
public final class SmokePipeline {

    /** What the run needs, built once at the edge. */
    public record Settings(DatabaseRequest database, SeedConfig seed, boolean keepDatabase) {
    }

    private final Settings settings;
    private final PrintStream out;

    public SmokePipeline(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public void run() {
        long started = System.nanoTime();
        out.println("trialbench smoke run (seed " + settings.seed().seed() + ", scale " + settings.seed().scale() + ")");
        try (ProvisionedDatabase server = Provisioner.provision(settings.database());
             RunDatabase database = RunDatabase.create(server, settings.keepDatabase())) {
            out.println("  database : " + server.kind().label() + " (" + server.reason() + "), database " + database.name());
            Migrations migrations = new Migrations(database.dataSource());
            List<Migrations.Applied> before = migrations.migrateToBefore();
            out.printf("  schema   : BEFORE (%d migration, %d ms)%n", before.size(), totalMillis(before));

            SeedSummary seeded = new Seeder().seed(database.dataSource(), settings.seed(), SeedProgress.terminal());
            out.printf("  seed     : %,d rows, %.1f MB heap in %.1f s (%.1f MB/s)%n", seeded.totalRows(),
                    seeded.totalHeapBytes() / 1e6, seeded.duration().toMillis() / 1000.0, seeded.heapMegabytesPerSecond());

            StatementCounter counter = new StatementCounter();
            Jdbi counted = Jdbis.create(counter.wrap(database.dataSource()));
            SeedPlan plan = SeedPlan.of(settings.seed());
            exercise("BEFORE", counted, counter, plan, 0);

            List<Migrations.Applied> after = migrations.migrateToAfter();
            out.printf("%n  migrate to AFTER: %d migrations in %d ms%n", after.size(), totalMillis(after));
            for (Migrations.Applied applied : after) {
                out.printf("    V%-5s %-40s %6d ms%n", applied.version(), applied.description(), applied.duration().toMillis());
            }
            analyze(database);
            exercise("AFTER", counted, counter, plan, 2);
        }
        out.printf("%nsmoke run done in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private void exercise(String column, Jdbi jdbi, StatementCounter counter, SeedPlan plan, int firstReserved) {
        out.printf("%n  %-6s %-34s %-34s %11s %9s%n", column, "cell", "outcome", "round trips", "ms (1x)");
        List<TrialActivation> implementations = List.of(new NaiveActivation(jdbi), new BatchedActivation(jdbi));
        for (int i = 0; i < implementations.size(); i++) {
            TrialActivation activation = implementations.get(i);
            int reserved = firstReserved + i;
            ActivationRequest fresh = new ActivationRequest(plan.reservedUser(reserved).toString(),
                    plan.reservedFingerprint(reserved), Map.of("os", "smoke"), plan.reservedIp(reserved));
            cell(activation.name() + " fraud check", counter, () -> activation.readFraudSignals(fresh).toString()
                    .replace("FraudSignals", "signals"));
            cell(activation.name() + " activation", counter, () -> describe(activation.activate(fresh)));
            cell(activation.name() + " activation, same user again", counter, () -> describe(activation.activate(fresh)));
        }
        ReportListing listing = new ReportListing(jdbi);
        UUID owner = plan.heavyReportOwner(0);
        for (int limit : new int[] {ReportListing.PAGE, ReportListing.LARGE}) {
            cell("listing, newest " + limit, counter, () -> listing.newestReports(owner, limit).size() + " rows");
        }
        out.println("    plan of the listing       : " + PlanSummary.of(jdbi, ReportListing.sql(),
                Map.of("userId", owner, "limit", ReportListing.PAGE)));
        out.println("    plan of the device lookup : " + PlanSummary.of(jdbi, ActivationSql.DEVICE,
                Map.of("fingerprint", plan.existingFingerprint(0))));
    }

    private void cell(String name, StatementCounter counter, Supplier<String> action) {
        counter.reset();
        long start = System.nanoTime();
        String outcome = action.get();
        double millis = (System.nanoTime() - start) / 1e6;
        String shown = outcome.length() > 34 ? outcome.substring(0, 31) + "..." : outcome;
        out.printf("    %-40s %-34s %11d %9.2f%n", name, shown, counter.snapshot().roundTrips(), millis);
    }

    private static String describe(ActivationResult result) {
        return switch (result.outcome()) {
            case ACTIVATED -> "ACTIVATED, score " + result.decision().score();
            case DENIED -> "DENIED, score " + result.decision().score() + " (" + result.decision().flags().get(0).type() + ")";
            case USER_NOT_FOUND -> "USER_NOT_FOUND";
        };
    }

    private static void analyze(RunDatabase database) {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE");
        } catch (SQLException e) {
            throw new IllegalStateException("ANALYZE failed: " + e.getMessage(), e);
        }
    }

    private static long totalMillis(List<Migrations.Applied> applied) {
        return applied.stream().mapToLong(migration -> migration.duration().toMillis()).sum();
    }
}
