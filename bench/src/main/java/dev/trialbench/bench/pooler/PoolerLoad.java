package dev.trialbench.bench.pooler;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.activation.ActivationRequest;
import dev.trialbench.activation.BatchedActivation;
import dev.trialbench.bench.runfolder.PoolerEvidence;
import dev.trialbench.db.Jdbis;
import dev.trialbench.db.Pool;
import dev.trialbench.db.PoolConfig;
import dev.trialbench.seed.ReservedPoolReset;
import dev.trialbench.seed.SeedPlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.HdrHistogram.Recorder;

/**
 * Several service instances at once, each with Fix 4's pool ({@value #POOL_SIZE} connections) and as
 * many threads running the batched activation back to back (a closed loop: each thread starts its
 * next activation when the last one ends), for a fixed time or until the reserved users run out;
 * once with every instance connected to the server directly, once through pgBouncer. Counts
 * activations, failures by SQLState, latency (HdrHistogram), and the most connections the server
 * held for the run's database at once (pg_stat_activity, sampled every 20 ms on the run's own pool,
 * whose connections are left out by application name).
 *
 * <p>Each activation takes the next reserved user, device and IP (a shared counter, so no two
 * threads use one); the reserved pool is reset before each side. Not a Gatling run: a closed loop
 * measures how much the server serves, not latency under a fixed arrival rate. Not thread-safe;
 * one measurement at a time.
 */
final class PoolerLoad {

    /** Fix 4's pool size in production. */
    static final int POOL_SIZE = PoolConfig.DEFAULT_MAXIMUM_POOL_SIZE;
    /** Service instances: the example, 4 x a pool of 10. */
    static final int INSTANCES = 4;
    private static final Map<String, String> DEVICE_DATA = Map.of("os", "linux", "browser", "pooler", "screen", "1920x1080");
    private static final String APPLICATION_PREFIX = "trialbench-pooler-";

    private PoolerLoad() {
    }

    /**
     * One side: {@link #INSTANCES} pools on {@code jdbcUrl} (direct or the pooler's), hammering for
     * {@code seconds}; {@code sampler} is a pool on the run's database for pg_stat_activity.
     */
    static PoolerEvidence.Side measure(String jdbcUrl, String user, String password, String database, SeedPlan plan,
                                       DataSource sampler, double seconds) {
        List<UUID> users = new ArrayList<>();
        List<String> fingerprints = new ArrayList<>();
        int capacity = Math.min(plan.reservedUserCount(), plan.reservedDeviceCount());
        for (int k = 0; k < capacity; k++) {
            users.add(plan.reservedUser(k));
            fingerprints.add(plan.reservedFingerprint(k));
        }
        ReservedPoolReset.run(Jdbis.create(sampler), users, fingerprints);
        AtomicInteger cursor = new AtomicInteger();
        LongAdder done = new LongAdder();
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        Recorder latency = new Recorder(3);
        AtomicLong maxConnections = new AtomicLong();
        List<HikariDataSource> pools = new ArrayList<>();
        try {
            for (int i = 0; i < INSTANCES; i++) {
                pools.add(Pool.open(PoolConfig.defaults(jdbcUrl, user, password).withMaximumPoolSize(POOL_SIZE)
                        .withApplicationName(APPLICATION_PREFIX + i)));
            }
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            CountDownLatch finished = new CountDownLatch(INSTANCES * POOL_SIZE);
            List<Thread> threads = new ArrayList<>();
            long started = System.nanoTime();
            for (HikariDataSource pool : pools) {
                BatchedActivation activation = new BatchedActivation(Jdbis.create(pool));
                for (int t = 0; t < POOL_SIZE; t++) {
                    Thread thread = new Thread(() -> {
                        try {
                            while (System.nanoTime() < deadline) {
                                int k = cursor.getAndIncrement();
                                if (k >= capacity) {
                                    return;
                                }
                                ActivationRequest request = new ActivationRequest(plan.reservedUser(k).toString(),
                                        plan.reservedFingerprint(k), DEVICE_DATA, plan.reservedIp(k));
                                long begin = System.nanoTime();
                                try {
                                    activation.activate(request);
                                    latency.recordValue(Math.max(1, (System.nanoTime() - begin) / 1000));
                                    done.increment();
                                } catch (RuntimeException e) {
                                    failures.computeIfAbsent(sqlState(e), ignored -> new LongAdder()).increment();
                                }
                            }
                        } finally {
                            finished.countDown();
                        }
                    }, "pooler-load-" + threads.size());
                    thread.setDaemon(true);
                    threads.add(thread);
                }
            }
            threads.forEach(Thread::start);
            while (!finished.await(20, TimeUnit.MILLISECONDS)) {
                maxConnections.accumulateAndGet(serverConnections(sampler, database), Math::max);
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            var histogram = latency.getIntervalHistogram();
            Map<String, Long> failed = new TreeMap<>();
            failures.forEach((state, count) -> failed.put(state, count.sum()));
            long failedTotal = failed.values().stream().mapToLong(Long::longValue).sum();
            return new PoolerEvidence.Side(done.sum(), failedTotal, failed, done.sum() / elapsed,
                    histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(95) / 1000.0,
                    histogram.getValueAtPercentile(99) / 1000.0, (int) maxConnections.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during the pooler's load", e);
        } finally {
            pools.forEach(HikariDataSource::close);
            ReservedPoolReset.run(Jdbis.create(sampler), users, fingerprints);
        }
    }

    /** Backends of the run's database that are not the run's own pool or this sampler (the load's, or pgBouncer's). */
    private static int serverConnections(DataSource sampler, String database) {
        try (Connection connection = sampler.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                     + " WHERE datname = ? AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
                     + " AND (application_name LIKE ? OR application_name = '' OR application_name = 'pgbouncer')")) {
            statement.setString(1, database);
            statement.setString(2, APPLICATION_PREFIX + "%");
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            return 0;
        }
    }

    private static String sqlState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return e.getClass().getSimpleName();
    }
}
