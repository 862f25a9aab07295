package dev.trialbench.monitor;

import dev.trialbench.monitor.LockWaitSummary.LockWait;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Samples who waits for a lock, and for how long, while something else runs (a migration under
 * load, a load test): a daemon thread reads the ungranted rows of {@code pg_locks} every interval
 * (25 ms by default) on one connection of its own, marked {@value #APPLICATION_NAME} in
 * {@code pg_stat_activity} and excluded from what it reports. It keeps counts and the longest wait
 * per kind ({@link LockWaitSummary}), never query text: whether a waiter was DDL is decided in the
 * sampling query from the statement's first keyword, and only that boolean leaves the server.
 *
 * <p>Only backends connected to the same database as the sampler's connection are seen. Needs
 * PostgreSQL 14 or later ({@code pg_locks.waitstart}); on an older server it takes no sample and its
 * summary says so ({@code sampled = false}). A wait is seen at its age when sampled, so the longest
 * wait is a lower bound, by up to one interval; waits shorter than the interval may be missed.
 *
 * <p>Thread-safe: {@link #summary()} may be called from any thread while sampling runs;
 * {@link #close()} stops the thread and gives the connection back (idempotent).
 */
public final class LockWaitSampler implements AutoCloseable {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(25);
    static final String APPLICATION_NAME = "trialbench-lock-sampler";
    private static final int MINIMUM_SERVER_VERSION = 140_000;

    /** Ungranted lock requests of other backends of this database; DDL is classified here, in SQL. */
    static final String WAITING_LOCKS = """
            SELECT l.pid,
                   l.locktype,
                   l.mode,
                   CASE WHEN l.locktype = 'relation' THEN l.relation::regclass::text END AS relation,
                   extract(epoch FROM clock_timestamp() - l.waitstart) * 1000 AS waited_ms,
                   a.query ~* '^\\s*(/\\*[^*]*\\*+([^/*][^*]*\\*+)*/\\s*|--[^\\n]*\\n\\s*)*(ALTER|CREATE|DROP|TRUNCATE|REINDEX|CLUSTER|VACUUM|COMMENT|GRANT|REVOKE)\\M'
                       AS ddl
            FROM pg_locks l
            JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE NOT l.granted
              AND l.waitstart IS NOT NULL
              AND l.pid <> pg_backend_pid()
              AND a.datname = current_database()""";

    private final Connection connection;
    private final String originalApplicationName;
    private final Duration interval;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    private final Set<Integer> waitingBackends = new HashSet<>();
    private boolean sampled;
    private String note;
    private long samples;
    private long samplesWithWaiters;
    private LockWait longestRelationWait;
    private LockWait longestOtherWait;
    private boolean closed;

    private LockWaitSampler(Connection connection, String originalApplicationName, Duration interval,
                            boolean sampled, String note) {
        this.connection = connection;
        this.originalApplicationName = originalApplicationName;
        this.interval = interval;
        this.sampled = sampled;
        this.note = note;
        this.thread = new Thread(this::sampleUntilStopped, APPLICATION_NAME);
        this.thread.setDaemon(true);
    }

    /** Starts sampling every {@link #DEFAULT_INTERVAL} on a connection taken from {@code dataSource}. */
    public static LockWaitSampler start(DataSource dataSource) {
        return start(dataSource, DEFAULT_INTERVAL);
    }

    /**
     * Starts sampling every {@code interval} on a connection taken from {@code dataSource} (held
     * until {@link #close()}). On PostgreSQL before 14 it starts no thread and reports no sample.
     *
     * @throws IllegalArgumentException when the interval is not positive
     * @throws MonitorException when no connection can be had
     */
    public static LockWaitSampler start(DataSource dataSource, Duration interval) {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("The lock-wait sampling interval must be positive, was " + interval);
        }
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            String originalName = connection.getClientInfo("ApplicationName");
            connection.setClientInfo("ApplicationName", APPLICATION_NAME);
            int version = Jdbc.list(connection, "SELECT current_setting('server_version_num')::int",
                    row -> row.getInt(1)).get(0);
            LockWaitSampler sampler;
            if (version < MINIMUM_SERVER_VERSION) {
                sampler = new LockWaitSampler(connection, originalName, interval, false,
                        "lock waits not sampled: PostgreSQL " + version / 10_000 + " has no pg_locks.waitstart"
                                + " (PostgreSQL 14 or later is needed)");
            } else {
                sampler = new LockWaitSampler(connection, originalName, interval, true,
                        "pg_locks sampled every " + interval.toMillis() + " ms; waits are lower bounds");
                sampler.thread.start();
            }
            return sampler;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw Jdbc.failure("lock waits (pg_locks)", e);
        }
    }

    /** What was seen so far; callable while sampling runs. */
    public synchronized LockWaitSummary summary() {
        return new LockWaitSummary(sampled, note, samples, samplesWithWaiters, waitingBackends.size(),
                longestRelationWait, longestOtherWait);
    }

    /** Stops sampling and gives the connection back; the summary stays readable. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        stop.countDown();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.setClientInfo("ApplicationName", originalApplicationName == null ? "" : originalApplicationName);
        } catch (SQLException e) {
            // the connection is closed next either way
        }
        closeQuietly(connection);
    }

    private void sampleUntilStopped() {
        try (PreparedStatement statement = connection.prepareStatement(WAITING_LOCKS)) {
            do {
                sampleOnce(statement);
            } while (!stop.await(interval.toNanos(), TimeUnit.NANOSECONDS));
        } catch (SQLException e) {
            synchronized (this) {
                sampled = samples > 0;
                note = "lock-wait sampling stopped after " + samples + " sample(s): " + Jdbc.reason(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sampleOnce(PreparedStatement statement) throws SQLException {
        boolean anyWaiter = false;
        Set<Integer> pids = new HashSet<>();
        LockWait relation = null;
        LockWait other = null;
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                anyWaiter = true;
                pids.add(rows.getInt("pid"));
                LockWait wait = new LockWait(rows.getDouble("waited_ms"), rows.getString("locktype"),
                        rows.getString("relation"), rows.getString("mode"), rows.getBoolean("ddl"));
                if ("relation".equals(wait.lockType())) {
                    relation = longer(relation, wait);
                } else {
                    other = longer(other, wait);
                }
            }
        }
        synchronized (this) {
            samples++;
            if (anyWaiter) {
                samplesWithWaiters++;
            }
            waitingBackends.addAll(pids);
            longestRelationWait = longer(longestRelationWait, relation);
            longestOtherWait = longer(longestOtherWait, other);
        }
    }

    private static LockWait longer(LockWait current, LockWait candidate) {
        if (candidate == null) {
            return current;
        }
        return current == null || candidate.millis() > current.millis() ? candidate : current;
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // nothing left to do with a connection that will not close
            }
        }
    }
}
