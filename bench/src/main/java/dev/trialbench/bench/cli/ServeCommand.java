package dev.trialbench.bench.cli;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.Pool;
import dev.trialbench.db.PoolConfig;
import dev.trialbench.http.ServiceConfig;
import dev.trialbench.http.TrialService;
import dev.trialbench.provision.OwnDatabase;
import dev.trialbench.provision.ProvisionedDatabase;
import dev.trialbench.provision.Provisioner;
import dev.trialbench.seed.SeedConfig;
import dev.trialbench.seed.SeedPlan;
import dev.trialbench.seed.SeedProgress;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code trialbench serve}: the reference implementation over HTTP ({@link TrialService}) on a
 * database of its own, migrated and seeded, for anyone who wants to point their own tools at it.
 * Runs until interrupted; the shutdown hook stops the service, closes the pool and drops the
 * database (unless kept) and stops a server trialbench started.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Start the HTTP service (activation naive/batched, report listing, health) on a fresh, seeded",
            "database and run until interrupted (Ctrl-C)."})
public final class ServeCommand implements Callable<Integer> {

    /** More connections than this is a typo, not a setting (PostgreSQL's default max_connections is 100). */
    static final int MAX_POOL_SIZE = 200;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--schema", defaultValue = "${env:TRIALBENCH_SCHEMA:-after}",
            description = "before (as the report found it) or after (its indexes and constraints). Default ${DEFAULT-VALUE}."
                    + " Variable TRIALBENCH_SCHEMA.")
    String schema;

    @Option(names = "--scale", defaultValue = "${env:TRIALBENCH_SCALE:-0.01}",
            description = "Seed scale factor (1 = 100k users). Default ${DEFAULT-VALUE}. Variable TRIALBENCH_SCALE.")
    String scale;

    @Option(names = "--seed", defaultValue = "${env:TRIALBENCH_SEED:-42}",
            description = "Seed of the generated data. Default ${DEFAULT-VALUE}. Variable TRIALBENCH_SEED.")
    String seed;

    @Option(names = "--port", defaultValue = "${env:TRIALBENCH_PORT:-8080}",
            description = "Port to listen on (0 = any free port). Default ${DEFAULT-VALUE}. Variable TRIALBENCH_PORT.")
    int port;

    @Option(names = "--bind", defaultValue = "${env:TRIALBENCH_BIND:-127.0.0.1}",
            description = "Address to listen on; 0.0.0.0 exposes the service to the network. Default ${DEFAULT-VALUE}."
                    + " Variable TRIALBENCH_BIND.")
    String bind;

    @Option(names = "--pool-size", defaultValue = "${env:TRIALBENCH_POOL_SIZE:-10}",
            description = "Connections in the service's pool (the report's Fix 4 says 10 in production). Default"
                    + " ${DEFAULT-VALUE}. Variable TRIALBENCH_POOL_SIZE.")
    int poolSize;

    @Option(names = "--keep-database", description = "Do not drop the database on exit (--db url only: an embedded or container server is stopped and removed with its data).")
    boolean keepDatabase;

    @Override
    public Integer call() throws InterruptedException {
        boolean after = parseSchema(schema);
        SeedConfig seedConfig = SeedConfig.parse(seed, scale, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
            throw new IllegalArgumentException("The pool size must be within 1.." + MAX_POOL_SIZE
                    + " (flag --pool-size, variable TRIALBENCH_POOL_SIZE), was " + poolSize);
        }
        ServiceConfig serviceConfig = new ServiceConfig(bind, port, poolSize * ServiceConfig.THREADS_PER_CONNECTION);
        PrintStream out = System.out;
        ProvisionedDatabase server = Provisioner.provision(database.toRequest());
        OwnDatabase ownDatabase = null;
        HikariDataSource servicePool = null;
        TrialService service;
        try {
            ownDatabase = OwnDatabase.create(server, "serve", PoolConfig.DEFAULT_MAXIMUM_POOL_SIZE,
                    keepDatabase ? OwnDatabase.OnClose.KEEP : OwnDatabase.OnClose.DROP);
            out.println("database: " + server.kind().label() + " (" + server.reason() + "), " + ownDatabase.name());
            out.printf(Locale.ROOT, "seeding at scale %s, seed %d ...%n", seedConfig.scale(), seedConfig.seed());
            ownDatabase.prepare(seedConfig, after, SeedProgress.terminal());
            servicePool = Pool.open(ownDatabase.poolConfig(poolSize));
            service = TrialService.start(servicePool, serviceConfig);
        } catch (RuntimeException e) {
            if (servicePool != null) {
                servicePool.close();
            }
            if (ownDatabase != null) {
                ownDatabase.close();
            }
            server.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        OwnDatabase toClose = ownDatabase;
        HikariDataSource poolToClose = servicePool;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            poolToClose.close();
            toClose.close();
            server.close();
            stopped.countDown();
        }, "trialbench-serve-stop"));
        printUsage(out, service, SeedPlan.of(seedConfig), after);
        stopped.await();
        return 0;
    }

    private void printUsage(PrintStream out, TrialService service, SeedPlan plan, boolean after) {
        String url = service.baseUri().toString();
        String post = "curl -s -i -X POST -H 'Content-Type: application/json' " + url;
        out.println();
        out.println("trialbench serve: listening on " + url + " (schema " + (after ? "after" : "before") + ", pool of "
                + poolSize + ")");
        out.println("  activate a reserved user (201), then the same again (403, already had a trial):");
        out.println("    " + post + "/activations/batched -d '" + body(plan, 0) + "'");
        out.println("    " + post + "/activations/batched -d '" + body(plan, 0) + "'");
        out.println("  the naive implementation, another reserved user:");
        out.println("    " + post + "/activations/naive -d '" + body(plan, 1) + "'");
        UUID owner = plan.heavyReportOwnerCount() > 0 ? plan.heavyReportOwner(0) : plan.activeUser(0);
        out.println("  a user's newest reports, and health:");
        out.println("    curl -s '" + url + "/users/" + owner + "/reports?limit=5'");
        out.println("    curl -s " + url + "/health");
        out.println("Ctrl-C stops the service and drops its database (kept with --keep-database on a url database).");
    }

    private static String body(SeedPlan plan, int index) {
        return "{\"userId\":\"" + plan.reservedUser(index) + "\",\"fingerprintHash\":\"" + plan.reservedFingerprint(index)
                + "\",\"deviceData\":{\"os\":\"linux\"},\"ipAddress\":\"" + plan.reservedIp(index) + "\"}";
    }

    private static boolean parseSchema(String text) {
        return switch (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)) {
            case "after" -> true;
            case "before" -> false;
            default -> throw new IllegalArgumentException("Unknown schema '" + text
                    + "' (flag --schema, variable TRIALBENCH_SCHEMA): use before or after");
        };
    }
}
