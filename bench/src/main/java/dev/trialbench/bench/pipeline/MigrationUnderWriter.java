package dev.trialbench.bench.pipeline;

import dev.trialbench.bench.runfolder.RunEvidence.MigrationEvidence;
import dev.trialbench.bench.runfolder.RunEvidence.MigrationStep;
import dev.trialbench.db.Migrations;
import dev.trialbench.db.PoolConfig;
import dev.trialbench.provision.OwnDatabase;
import dev.trialbench.seed.SeedPlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Applies the AFTER migrations while a writer keeps inserting into the tables that get new indexes
 * and constraints (reports, login_sessions), and a sampler watches pg_stat_activity for that
 * writer waiting on a lock. This is the report's "Migration Safety" promise put to the test: with
 * CONCURRENTLY and NOT VALID, the writer should never wait long. The writer's rows are deleted
 * afterwards, so the AFTER measurements see the same data as BEFORE.
 *
 * <p>The writer pauses {@value #WRITER_PAUSE_MILLIS} ms between inserts: it stands for steady
 * application traffic, not for a load test. Not thread-safe; one migration at a time.
 */
final class MigrationUnderWriter {

    static final String WRITER_APPLICATION = "trialbench-migration-writer";
    private static final long WRITER_PAUSE_MILLIS = 5;
    private static final long SAMPLE_EVERY_MILLIS = 10;
    private static final String WRITER_TITLE = "trialbench migration writer";

    private static final String INSERT_REPORT = """
            INSERT INTO reports (report_id, created_by_user_id, title, damage_type, state, total_cost, created_at)
            VALUES (?, ?, '%s', 'water', 'NSW', 100, now())""".formatted(WRITER_TITLE);
    private static final String INSERT_SESSION = """
            INSERT INTO login_sessions (session_id, user_id, ip_address, user_agent, created_at)
            VALUES (?, ?, '192.0.2.250', '%s', now() - interval '40 days')""".formatted(WRITER_TITLE);
    private static final String LONGEST_WRITER_LOCK_WAIT = """
            SELECT coalesce(max(extract(epoch FROM clock_timestamp() - query_start) * 1000), 0)
            FROM pg_stat_activity
            WHERE application_name = '%s' AND wait_event_type = 'Lock'""".formatted(WRITER_APPLICATION);

    private MigrationUnderWriter() {
    }

    /** The writer's pool on {@code database}: one connection, tagged so the lock sampler can find it. */
    static PoolConfig writerPool(OwnDatabase database) {
        return database.poolConfig(1).withApplicationName(WRITER_APPLICATION);
    }

    /**
     * @param writerSource a DataSource whose connections carry application_name
     *                     {@link #WRITER_APPLICATION}
     */
    static MigrationEvidence migrate(Migrations migrations, DataSource dataSource, DataSource writerSource, SeedPlan plan) {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong inserts = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        double[] maxWriterMillis = {0};
        double[] maxLockWaitMillis = {0};
        Thread writer = new Thread(() -> write(writerSource, plan, running, inserts, failures, maxWriterMillis),
                "migration-writer");
        Thread sampler = new Thread(() -> sample(dataSource, running, maxLockWaitMillis), "lock-sampler");
        writer.start();
        sampler.start();
        long started = System.nanoTime();
        List<Migrations.Applied> applied;
        try {
            applied = migrations.migrateToAfter();
        } finally {
            running.set(false);
            join(writer);
            join(sampler);
        }
        double totalMillis = (System.nanoTime() - started) / 1e6;
        int lockConflicts = migrations.lockConflictsOfLastMove();
        int rerun = migrations.migrateToAfter().size();
        deleteWriterRows(dataSource);
        List<MigrationStep> steps = new ArrayList<>();
        for (Migrations.Applied step : applied) {
            steps.add(new MigrationStep(step.version(), step.description(), step.duration().toMillis()));
        }
        return new MigrationEvidence(steps, totalMillis, inserts.get(), failures.get(), maxWriterMillis[0],
                maxLockWaitMillis[0], rerun, lockConflicts);
    }

    private static void write(DataSource writerSource, SeedPlan plan, AtomicBoolean running, AtomicLong inserts,
                              AtomicLong failures, double[] maxWriterMillis) {
        long activeUsers = plan.activeUserCount();
        long i = 0;
        try (Connection connection = writerSource.getConnection();
             PreparedStatement report = connection.prepareStatement(INSERT_REPORT);
             PreparedStatement session = connection.prepareStatement(INSERT_SESSION)) {
            connection.setAutoCommit(true);
            while (running.get()) {
                PreparedStatement insert = (i % 2 == 0) ? report : session;
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, plan.activeUser(i % activeUsers));
                long start = System.nanoTime();
                try {
                    insert.executeUpdate();
                    inserts.incrementAndGet();
                } catch (SQLException e) {
                    failures.incrementAndGet();
                }
                maxWriterMillis[0] = Math.max(maxWriterMillis[0], (System.nanoTime() - start) / 1e6);
                i++;
                Thread.sleep(WRITER_PAUSE_MILLIS);
            }
        } catch (SQLException e) {
            failures.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sample(DataSource dataSource, AtomicBoolean running, double[] maxLockWaitMillis) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(LONGEST_WRITER_LOCK_WAIT)) {
            while (running.get()) {
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    maxLockWaitMillis[0] = Math.max(maxLockWaitMillis[0], rows.getDouble(1));
                }
                Thread.sleep(SAMPLE_EVERY_MILLIS);
            }
        } catch (SQLException e) {
            // Sampling is best effort; the writer's own timings still stand.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteWriterRows(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM reports WHERE title = '" + WRITER_TITLE + "'");
            statement.executeUpdate("DELETE FROM login_sessions WHERE user_agent = '" + WRITER_TITLE + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not delete the migration writer's rows: " + e.getMessage(), e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
