package dev.trialbench.bench.pooler;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.trialbench.bench.jmh.BenchTarget;
import dev.trialbench.bench.jmh.JmhRunner;
import dev.trialbench.bench.profile.RunProfile;
import dev.trialbench.bench.runfolder.PoolerEvidence;
import dev.trialbench.db.PoolConfig;
import dev.trialbench.pooler.PgBouncer;
import dev.trialbench.pooler.PgBouncerSettings;
import dev.trialbench.pooler.PoolerCorrectness;
import dev.trialbench.provision.OwnDatabase;
import dev.trialbench.seed.SeedConfig;
import dev.trialbench.seed.SeedPlan;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;

/**
 * The pipeline's pooler section, after the AFTER measurements: pgBouncer (Debian's package, transaction
 * mode) in front of the run's own server and database, against direct connections.
 * <ol>
 *   <li>correctness probes ({@link PoolerCorrectness}), each on a pgBouncer of its own;</li>
 *   <li>the run's pgBouncer, configured so that Fix 4's pool works through it: {@code options} ignored,
 *       Fix 4's timeouts in {@code connect_query}, and clients on {@code prepareThreshold=0};</li>
 *   <li>JMH at one client: {@code RoundTripBenchmark.selectOne} and {@code ActivationBenchmark.batched},
 *       direct and pooled, the run's JMH profile (JSON and logs: {@code pgbouncer-jmh-*.json});</li>
 *   <li>{@link PoolerLoad}: 4 instances x a Fix 4 pool of 10, direct and pooled (quick 3 s, full 10 s each).</li>
 * </ol>
 * Writes {@value PoolerEvidence#FILE}; a host without pgbouncer gets a file that says why it was
 * skipped. pgBouncer runs only during this step: its folders (configuration, log) live in a folder of
 * the system's temporary folder, deleted at the step's end; {@code onTemporary} hands it to the run's
 * Ctrl-C clean-up (which also ends the pgBouncer process).
 * Not thread-safe; one step at a time.
 */
public final class PoolerStep {

    /** pgBouncer's server connections per database and user for the run's pooler: one service instance's pool. */
    static final int SERVER_POOL = PoolerLoad.POOL_SIZE;
    static final List<String> CELLS = List.of("RoundTripBenchmark.selectOne", "ActivationBenchmark.batched");

    /**
     * The cells measured through the pooler: both in the full profile; in the quick profile the round trip
     * alone (what the pooler adds per round trip), which keeps the quick run within its five minutes.
     */
    static List<String> cells(RunProfile profile) {
        return profile.name().equals(RunProfile.QUICK.name()) ? CELLS.subList(0, 1) : CELLS;
    }
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private PoolerStep() {
    }

    /** Runs the section and writes {@value PoolerEvidence#FILE} into {@code folder}. */
    public static PoolerEvidence run(OwnDatabase database, SeedConfig seed, RunProfile profile, Path folder, Path temporary,
                                     Consumer<Path> onTemporary, PrintStream out) {
        PoolerEvidence evidence = measure(database, seed, profile, folder, temporary, onTemporary, out);
        write(folder.resolve(PoolerEvidence.FILE), evidence);
        return evidence;
    }

    /** Writes {@value PoolerEvidence#FILE} for a run that leaves the section out, with {@code reason}. */
    public static void skipped(Path folder, String reason) {
        write(folder.resolve(PoolerEvidence.FILE), PoolerEvidence.skipped(reason));
    }

    static PoolerEvidence measure(OwnDatabase database, SeedConfig seed, RunProfile profile, Path folder, Path temporary,
                                  Consumer<Path> onTemporary, PrintStream out) {
        var unavailable = PgBouncer.unavailableReason();
        if (unavailable.isPresent()) {
            out.println("   pooler section skipped: " + unavailable.get());
            return PoolerEvidence.skipped(unavailable.get());
        }
        PoolConfig server = database.poolConfig(PoolConfig.DEFAULT_MAXIMUM_POOL_SIZE);
        PgBouncerSettings settings;
        try {
            settings = runSettings(server);
        } catch (IllegalArgumentException e) {
            String reason = "pgBouncer cannot front this server: " + e.getMessage();
            out.println("   pooler section skipped: " + reason);
            return PoolerEvidence.skipped(reason);
        }
        Path pgbouncerFolder = pgbouncerParent();
        onTemporary.accept(pgbouncerFolder);
        try {
            return measure(database, seed, profile, folder, temporary, settings, server, pgbouncerFolder, out);
        } catch (RuntimeException e) {
            // An optional section: a server pgBouncer cannot reach as configured (SSL required, say) ends
            // the section with the reason, not the run.
            String reason = "pgBouncer could not be measured against this server: " + e.getMessage();
            out.println("   pooler section skipped: " + reason);
            return PoolerEvidence.skipped(reason);
        } finally {
            deleteTree(pgbouncerFolder);
        }
    }

    /**
     * The run's pgBouncer in front of {@code server}: transaction mode, {@value #SERVER_POOL} server
     * connections, Fix 4's {@code options} ignored and its timeouts set by {@code connect_query}
     * instead, so that Fix 4's pool works through it unchanged (its clients add prepareThreshold=0).
     */
    static PgBouncerSettings runSettings(PoolConfig server) {
        PoolConfig fix4 = PoolConfig.defaults(server.jdbcUrl(), server.username(), server.password());
        return PgBouncerSettings.transactionPooling(server.jdbcUrl(), server.username(), server.password(), SERVER_POOL)
                .ignoringOptions()
                .withConnectQuery(PgBouncerSettings.fix4ConnectQuery(fix4.statementTimeout().toMillis(),
                        fix4.lockTimeout().toMillis(), fix4.idleInTransactionSessionTimeout().toMillis()));
    }

    /**
     * The parent of the pgBouncer folders: a folder of its own in the system's temporary folder,
     * searchable but not listable by others (0711), so that a pgBouncer started as another user (as
     * root: uid 65534) reaches its own 0700 folder inside; the run's temporary folder is 0700.
     */
    private static Path pgbouncerParent() {
        try {
            return Files.createTempDirectory("trialbench-pgbouncer-", java.nio.file.attribute.PosixFilePermissions
                    .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x")));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a folder for pgBouncer: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // pgBouncer's own folders are gone with it; an empty parent left behind holds nothing
        }
    }

    private static PoolerEvidence measure(OwnDatabase database, SeedConfig seed, RunProfile profile, Path folder,
                                          Path temporary, PgBouncerSettings settings, PoolConfig server,
                                          Path pgbouncerFolder, PrintStream out) {
        PoolerCorrectness.Findings findings = PoolerCorrectness.probe(server, database.name(), pgbouncerFolder);
        out.println("   " + findings.pgbouncerVersion() + ": Fix 4's pool through a strict pooler: "
                + describe(findings.fix4PoolStrict()) + "; pgjdbc's default prepareThreshold: "
                + describe(findings.preparedDefault()) + "; prepareThreshold=0: " + describe(findings.preparedThresholdZero()));
        try (PgBouncer pooler = PgBouncer.start(settings, pgbouncerFolder)) {
            List<String> configuration = configuration(settings);
            String pooledUrl = pooler.jdbcUrl(database.name(), "prepareThreshold=0");
            List<PoolerEvidence.Latency> latency = new ArrayList<>();
            String latencyNote = null;
            try {
                latency = latency(database, seed, profile, folder, temporary, pooledUrl, server);
            } catch (RunnerException | RuntimeException e) {
                latencyNote = "JMH through pgBouncer failed: " + e.getMessage();
                out.println("   " + latencyNote);
            }
            double seconds = profile.name().equals(RunProfile.QUICK.name()) ? 3 : 10;
            SeedPlan plan = SeedPlan.of(seed);
            PoolerEvidence.Side direct = PoolerLoad.measure(server.jdbcUrl(), server.username(), server.password(),
                    database.name(), plan, database.dataSource(), seconds);
            PoolerEvidence.Side pooled = PoolerLoad.measure(pooledUrl, server.username(), server.password(),
                    database.name(), plan, database.dataSource(), seconds);
            out.printf("   load, %d instances x pool %d, batched activation: direct %.0f/s, %d failed, %d server"
                            + " connections; pgBouncer %.0f/s, %d failed, %d server connections%n", PoolerLoad.INSTANCES,
                    PoolerLoad.POOL_SIZE, direct.perSecond(), direct.failed(), direct.maxServerConnections(),
                    pooled.perSecond(), pooled.failed(), pooled.maxServerConnections());
            PoolerEvidence.Load load = new PoolerEvidence.Load(PoolerLoad.INSTANCES, PoolerLoad.POOL_SIZE, SERVER_POOL,
                    seconds, direct, pooled);
            return new PoolerEvidence(null, pooler.version(), configuration, findings, latency, latencyNote, load,
                    "closed loop, max_connections not lowered: the server admitted every direct connection");
        }
    }

    /** The run's pgBouncer settings as lines of its configuration, the password left out. */
    static List<String> configuration(PgBouncerSettings settings) {
        List<String> lines = new ArrayList<>();
        lines.add("pool_mode = " + settings.poolMode().label());
        lines.add("default_pool_size = " + settings.defaultPoolSize());
        lines.add("max_client_conn = " + settings.maxClientConnections());
        lines.add("auth_type = trust (127.0.0.1 only); server login as the run's user"
                + (settings.serverPassword().isEmpty() ? ", no password" : ", password in the configuration file (0600)"));
        lines.add("ignore_startup_parameters = " + String.join(",", settings.ignoreStartupParameters()));
        lines.add("connect_query = " + settings.connectQuery());
        lines.add("clients: prepareThreshold=0");
        return lines;
    }

    private static List<PoolerEvidence.Latency> latency(OwnDatabase database, SeedConfig seed, RunProfile profile,
                                                        Path folder, Path temporary, String pooledUrl, PoolConfig server)
            throws RunnerException {
        Path directTarget = temporary.resolve("pooler-direct.properties");
        Path pooledTarget = temporary.resolve("pooler-pooled.properties");
        BenchTarget.write(directTarget, server.jdbcUrl(), server.username(), server.password(), seed);
        BenchTarget.write(pooledTarget, pooledUrl, server.username(), server.password(), seed);
        try {
            Collection<RunResult> direct = JmhRunner.runSelected(profile.jmh(), "after", directTarget,
                    folder.resolve("pgbouncer-jmh-direct.json"), cells(profile), "direct, beside pgBouncer");
            Collection<RunResult> pooled = JmhRunner.runSelected(profile.jmh(), "after", pooledTarget,
                    folder.resolve("pgbouncer-jmh-pooled.json"), cells(profile), "through pgBouncer");
            List<PoolerEvidence.Latency> cells = new ArrayList<>();
            for (String cell : cells(profile)) {
                RunResult d = find(direct, cell);
                RunResult p = find(pooled, cell);
                cells.add(new PoolerEvidence.Latency(cell, forkP50s(d), forkP50s(p),
                        d.getPrimaryResult().getStatistics().getPercentile(50),
                        p.getPrimaryResult().getStatistics().getPercentile(50),
                        d.getPrimaryResult().getStatistics().getPercentile(95),
                        p.getPrimaryResult().getStatistics().getPercentile(95)));
            }
            return cells;
        } finally {
            try {
                Files.deleteIfExists(directTarget);
                Files.deleteIfExists(pooledTarget);
            } catch (IOException e) {
                // the run's temporary folder goes at the end anyway
            }
        }
    }

    private static RunResult find(Collection<RunResult> results, String cell) {
        return results.stream().filter(result -> result.getParams().getBenchmark().endsWith("." + cell)).findFirst()
                .orElseThrow(() -> new IllegalStateException("JMH returned no result for " + cell));
    }

    private static List<Double> forkP50s(RunResult result) {
        List<Double> p50s = new ArrayList<>();
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            p50s.add(fork.getPrimaryResult().getStatistics().getPercentile(50));
        }
        return p50s;
    }

    private static String describe(PoolerCorrectness.Outcome outcome) {
        return outcome.worked() ? "works" : "fails with " + outcome.sqlState() + " (" + outcome.message() + ")";
    }

    private static void write(Path file, PoolerEvidence evidence) {
        try {
            JSON.writeValue(file.toFile(), evidence);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }
}
