package dev.trialbench.bench.replica;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.activation.ActivationRequest;
import dev.trialbench.activation.ActivationResult;
import dev.trialbench.activation.BatchedActivation;
import dev.trialbench.bench.runfolder.ReplicaEvidence;
import dev.trialbench.bench.runfolder.ReplicaEvidence.LagSample;
import dev.trialbench.bench.runfolder.ReplicaEvidence.Phase;
import dev.trialbench.bench.runfolder.ReplicaEvidence.ReadYourWrites;
import dev.trialbench.db.Jdbis;
import dev.trialbench.db.Pool;
import dev.trialbench.db.PoolConfig;
import dev.trialbench.listing.ReportListing;
import dev.trialbench.provision.OwnDatabase;
import dev.trialbench.provision.ProvisionedDatabase;
import dev.trialbench.replica.StreamingReplica;
import dev.trialbench.seed.ReservedPoolReset;
import dev.trialbench.seed.SeedPlan;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jdbi.v3.core.Jdbi;

/**
 * The read-replica step: a streaming replica of the run's embedded server ({@link StreamingReplica}),
 * and the report's "Implement read replicas" measured on it, with the schema AFTER:
 * <ol>
 *   <li>relief on the primary: batched activations run on the primary for a few seconds with no listing,
 *       with the listing (a heavy owner's 1000 newest reports, the report's "1000 records") running on
 *       the primary beside them, and with the listing on the replica; the rounds alternate, so a drift of
 *       the machine shows as spread, not as a difference. Per phase: activation latency (HdrHistogram),
 *       listings served, and the CPU seconds the primary's processes used ({@code /proc}, the postmaster
 *       and its children);</li>
 *   <li>replication lag under that write load: {@code pg_stat_replication} sampled every
 *       {@value #LAG_SAMPLE_MILLIS} ms during the replica phases (bytes not replayed, write/flush/replay lag);</li>
 *   <li>read-your-writes: while activations keep writing, an activation followed at once by a read of its
 *       token on the replica, polled until seen: how often the first read is stale, and for how long.</li>
 * </ol>
 * Activations take reserved users from one cursor shared by all threads (each used once); the reserved
 * pool is reset before each phase and at the end. Latency is timed from the call to its return, around
 * whole activations; nothing is logged inside the timed loops. Only for an embedded server: for a URL or
 * container the step records why it skipped. The replica is closed at the end, and by a shutdown hook on
 * Ctrl-C. Not thread-safe; one run at a time.
 */
public final class ReplicaStep {

    static final int LAG_SAMPLE_MILLIS = 250;
    /** How long a read-your-writes probe polls the replica before it counts as never seen. */
    static final double PROBE_TIMEOUT_MILLIS = 5_000;
    private static final Map<String, String> DEVICE_DATA = Map.of("os", "linux", "browser", "replica", "screen", "1920x1080");
    /** Linux's USER_HZ: /proc/[pid]/stat counts CPU time in these ticks (100 on every mainstream kernel). */
    private static final double CLOCK_TICKS_PER_SECOND = 100;

    private final OwnDatabase database;
    private final SeedPlan plan;
    private final ReplicaSettings settings;
    private final PrintStream out;
    private final AtomicInteger cursor = new AtomicInteger();

    private ReplicaStep(OwnDatabase database, SeedPlan plan, ReplicaSettings settings, PrintStream out) {
        this.database = database;
        this.plan = plan;
        this.settings = settings;
        this.out = out;
    }

    public static ReplicaEvidence run(OwnDatabase database, SeedPlan plan, ReplicaSettings settings, PrintStream out) {
        Optional<String> unsupported = StreamingReplica.unsupportedReason(database.server());
        if (unsupported.isPresent()) {
            out.println("   replica skipped: " + unsupported.get());
            return ReplicaEvidence.skipped(unsupported.get());
        }
        return new ReplicaStep(database, plan, settings, out).measure();
    }

    private ReplicaEvidence measure() {
        ProvisionedDatabase server = database.server();
        StreamingReplica replica = StreamingReplica.start(server);
        Thread hook = new Thread(replica::close, "trialbench-replica-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        int poolSize = settings.activationThreads() + settings.listingThreads() + 1;
        PoolConfig replicaConfig = PoolConfig.defaults(replica.jdbcUrlFor(database.name()), replica.username(),
                replica.password()).withMaximumPoolSize(poolSize).withApplicationName("trialbench-replica-reader");
        try (HikariDataSource primary = Pool.open(database.poolConfig(poolSize).withApplicationName("trialbench-replica-step"));
             HikariDataSource standby = Pool.open(replicaConfig)) {
            String version = query(standby, "SELECT current_setting('server_version')");
            out.println("   replica on port " + replica.port() + " (PostgreSQL " + version + "), in recovery: "
                    + query(standby, "SELECT pg_is_in_recovery()::text"));
            caughtUp(server);
            Jdbi primaryJdbi = Jdbis.create(primary);
            Jdbi standbyJdbi = Jdbis.create(standby);
            Optional<Long> postmaster = postmasterPid(primary);
            List<Phase> phases = new ArrayList<>();
            List<LagSample> lag = new ArrayList<>();
            long started = System.nanoTime();
            for (int round = 1; round <= settings.rounds(); round++) {
                phases.add(phase(round, ReplicaEvidence.ALONE, primaryJdbi, null, postmaster, null, started));
                phases.add(phase(round, ReplicaEvidence.ON_PRIMARY, primaryJdbi, primaryJdbi, postmaster, null, started));
                phases.add(phase(round, ReplicaEvidence.ON_REPLICA, primaryJdbi, standbyJdbi, postmaster,
                        new LagSampler(server, lag), started));
            }
            ReadYourWrites readYourWrites = readYourWrites(primaryJdbi, standby);
            ReservedPoolReset.run(primaryJdbi, plan);
            out.printf("   replica: %d phases, %d lag samples, %d of %d probes stale at the first read%n", phases.size(),
                    lag.size(), readYourWrites.staleAtFirstRead(), readYourWrites.probes());
            return new ReplicaEvidence(null, "a streaming replica of the embedded server (PostgreSQL " + version
                    + "), made with pg_backup_start/pg_backup_stop and a physical slot, on the same host",
                    true, settings.activationThreads(), settings.listingThreads(), phases, lag, readYourWrites);
        } finally {
            replica.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Shutting down already: the hook closes (again, harmlessly).
            }
        }
    }

    /** One phase: activations on the primary, the listing on {@code listingOn} (none when null). */
    private Phase phase(int round, String where, Jdbi primary, Jdbi listingOn, Optional<Long> postmaster,
                        LagSampler sampler, long started) {
        ReservedPoolReset.run(primary, plan);
        cursor.set(0);
        Recorder latency = new Recorder(3);
        AtomicLong activationFailures = new AtomicLong();
        AtomicLong listings = new AtomicLong();
        AtomicLong listingFailures = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        BatchedActivation activation = new BatchedActivation(primary);
        for (int t = 0; t < settings.activationThreads(); t++) {
            threads.add(started("replica-activation-" + t, () -> {
                while (running.get()) {
                    ActivationRequest request = nextRequest();
                    if (request == null) {
                        return;
                    }
                    long start = System.nanoTime();
                    try {
                        activation.activate(request);
                        latency.recordValue(Math.max(1, (System.nanoTime() - start) / 1_000));
                    } catch (RuntimeException e) {
                        activationFailures.incrementAndGet();
                    }
                }
            }));
        }
        if (listingOn != null) {
            ReportListing listing = new ReportListing(listingOn);
            for (int t = 0; t < settings.listingThreads(); t++) {
                int first = t;
                threads.add(started("replica-listing-" + t, () -> {
                    int owner = first;
                    while (running.get()) {
                        try {
                            listing.newestReports(plan.heavyReportOwner(owner % plan.heavyReportOwnerCount()), ReportListing.LARGE);
                            listings.incrementAndGet();
                        } catch (RuntimeException e) {
                            listingFailures.incrementAndGet();
                        }
                        owner++;
                    }
                }));
            }
        }
        Thread lagThread = sampler == null ? null : started("replica-lag", () -> sampler.run(running, started));
        Double cpuBefore = postmaster.map(ReplicaStep::cpuSeconds).orElse(null);
        long phaseStart = System.nanoTime();
        sleep(settings.phaseSeconds() * 1000L);
        running.set(false);
        join(threads);
        double seconds = (System.nanoTime() - phaseStart) / 1e9;
        Double cpuAfter = postmaster.map(ReplicaStep::cpuSeconds).orElse(null);
        if (lagThread != null) {
            join(List.of(lagThread));
        }
        Histogram histogram = latency.getIntervalHistogram();
        return new Phase(round, where, round2(seconds), histogram.getTotalCount(), activationFailures.get(),
                millis(histogram, 50), millis(histogram, 95), millis(histogram, 99), listings.get(), listingFailures.get(),
                cpuBefore == null || cpuAfter == null ? null : round2(cpuAfter - cpuBefore));
    }

    /**
     * While one thread keeps activating on the primary, {@code probes} activations each followed at once by
     * reads of its token on the replica until it shows (or {@value #PROBE_TIMEOUT_MILLIS} ms pass).
     */
    private ReadYourWrites readYourWrites(Jdbi primary, HikariDataSource standby) {
        ReservedPoolReset.run(primary, plan);
        cursor.set(0);
        BatchedActivation activation = new BatchedActivation(primary);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread writer = started("replica-writer", () -> {
            while (running.get()) {
                ActivationRequest request = nextRequest();
                if (request == null) {
                    return;
                }
                try {
                    activation.activate(request);
                } catch (RuntimeException e) {
                    // Background load only: its failures do not change what the probes measure.
                }
            }
        });
        int probes = 0;
        int stale = 0;
        int neverSeen = 0;
        Histogram staleness = new Histogram(3);
        try (Connection connection = standby.getConnection();
             PreparedStatement read = connection.prepareStatement("SELECT 1 FROM free_trial_tokens WHERE token_id = ?")) {
            while (probes < settings.probes()) {
                ActivationRequest request = nextRequest();
                if (request == null) {
                    break;
                }
                ActivationResult result = activation.activate(request);
                long committed = System.nanoTime();
                if (result.tokenId() == null) {
                    continue;
                }
                probes++;
                boolean seenAtOnce = visible(read, result.tokenId());
                if (seenAtOnce) {
                    continue;
                }
                stale++;
                boolean seen = false;
                while (!seen && (System.nanoTime() - committed) / 1e6 < PROBE_TIMEOUT_MILLIS) {
                    seen = visible(read, result.tokenId());
                }
                if (seen) {
                    staleness.recordValue(Math.max(1, (System.nanoTime() - committed) / 1_000));
                } else {
                    neverSeen++;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The read-your-writes probe could not read the replica: " + e.getMessage(), e);
        } finally {
            running.set(false);
            join(List.of(writer));
        }
        boolean any = staleness.getTotalCount() > 0;
        return new ReadYourWrites(probes, stale, neverSeen, PROBE_TIMEOUT_MILLIS, any ? millis(staleness, 50) : null,
                any ? millis(staleness, 95) : null, any ? round2(staleness.getMaxValue() / 1000.0) : null);
    }

    private static boolean visible(PreparedStatement read, UUID token) throws SQLException {
        read.setObject(1, token);
        try (ResultSet row = read.executeQuery()) {
            return row.next();
        }
    }

    /** The next reserved user, fingerprint and IP, or null when the reserved pool is used up. */
    private ActivationRequest nextRequest() {
        int capacity = Math.min(plan.reservedUserCount(), plan.reservedDeviceCount());
        int k = cursor.getAndIncrement();
        if (k >= capacity) {
            return null;
        }
        return new ActivationRequest(plan.reservedUser(k).toString(), plan.reservedFingerprint(k), DEVICE_DATA,
                plan.reservedIp(k));
    }

    /** Samples pg_stat_replication on the primary, over a connection of its own, until the phase ends. */
    private record LagSampler(ProvisionedDatabase server, List<LagSample> samples) {

        void run(AtomicBoolean running, long started) {
            try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
                 Statement statement = connection.createStatement()) {
                while (running.get()) {
                    try (ResultSet row = statement.executeQuery("""
                            SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint,
                                   extract(epoch FROM write_lag) * 1000, extract(epoch FROM flush_lag) * 1000,
                                   extract(epoch FROM replay_lag) * 1000
                            FROM pg_stat_replication WHERE application_name = '""" + StreamingReplica.NAME + "'")) {
                        if (row.next()) {
                            synchronized (samples) {
                                samples.add(new LagSample(round2((System.nanoTime() - started) / 1e9), row.getLong(1),
                                        nullable(row, 2), nullable(row, 3), nullable(row, 4)));
                            }
                        }
                    }
                    sleep(LAG_SAMPLE_MILLIS);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Could not sample pg_stat_replication: " + e.getMessage(), e);
            }
        }

        private static Double nullable(ResultSet row, int column) throws SQLException {
            double value = row.getDouble(column);
            return row.wasNull() ? null : round2(value);
        }
    }

    /** Waits until the replica has replayed everything the primary wrote (the copy's WAL), at most a minute. */
    private static void caughtUp(ProvisionedDatabase server) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
             Statement statement = connection.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet row = statement.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)"
                        + " FROM pg_stat_replication WHERE application_name = '" + StreamingReplica.NAME + "'")) {
                    if (row.next() && row.getLong(1) <= 0) {
                        return;
                    }
                }
                sleep(100);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read pg_stat_replication: " + e.getMessage(), e);
        }
        throw new IllegalStateException("The replica did not catch up with the primary within 60 s");
    }

    private static Optional<Long> postmasterPid(HikariDataSource primary) {
        try {
            java.nio.file.Path pidFile = java.nio.file.Path.of(query(primary, "SHOW data_directory"), "postmaster.pid");
            return Optional.of(Long.parseLong(java.nio.file.Files.readAllLines(pidFile).get(0).strip()));
        } catch (RuntimeException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    /**
     * CPU seconds (user + system) of the postmaster and its children now. Backends that ended during a
     * phase drop out of the sum; the step's pools keep their connections, so its own backends do not.
     */
    private static double cpuSeconds(long postmaster) {
        long ticks = 0;
        try (var processes = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
            for (java.nio.file.Path process : processes.toList()) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = java.nio.file.Files.readString(process.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(name);
                    long parent = Long.parseLong(fields[1]);
                    if (pid == postmaster || parent == postmaster) {
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    // The process ended while we read: it no longer counts.
                }
            }
        } catch (java.io.IOException e) {
            return Double.NaN;
        }
        return ticks / CLOCK_TICKS_PER_SECOND;
    }

    private static String query(HikariDataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed (" + sql + "): " + e.getMessage(), e);
        }
    }

    private static double millis(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : round2(histogram.getValueAtPercentile(percentile) / 1000.0);
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread started(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void join(List<Thread> threads) {
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
