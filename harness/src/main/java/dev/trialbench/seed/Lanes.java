package dev.trialbench.seed;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * Runs work on groups of tables, each group on a connection of its own: with two connections, the
 * first group in the calling thread and the second in a helper thread, at the same time; with one
 * connection, the groups one after the other. Each connection runs without statement timeout (a
 * COPY at a large scale outlasts the pool's 30 s) and gets the pool's timeout back afterwards.
 *
 * <p>Owns its helper thread: close it. Meant for one seeding run at a time; not thread-safe.
 */
final class Lanes implements AutoCloseable {

    /** A connection and the tables it works on, in order. */
    record Lane(Connection connection, List<SeedTable> tables) {
    }

    /** What a lane does; returns the loads it made (or none). */
    @FunctionalInterface
    interface Work {
        List<SeedSummary.TableLoad> run(Lane lane) throws SQLException;
    }

    private final DataSource dataSource;
    private final int connections;
    private final ExecutorService helper;

    Lanes(DataSource dataSource, int connections) {
        this.dataSource = dataSource;
        this.connections = connections;
        this.helper = connections > 1
                ? Executors.newSingleThreadExecutor(task -> new Thread(task, "trialbench-seed-lane-2"))
                : null;
    }

    /** Runs {@code work} on the first and second group, at once when there are two connections. */
    List<SeedSummary.TableLoad> run(Work work, List<SeedTable> first, List<SeedTable> second) throws SQLException {
        if (helper == null) {
            List<SeedTable> all = new ArrayList<>(first);
            all.addAll(second);
            return run(work, all);
        }
        Future<List<SeedSummary.TableLoad>> other = helper.submit(() -> onOwnConnection(work, second));
        List<SeedSummary.TableLoad> results = new ArrayList<>();
        SQLException failure = null;
        try {
            results.addAll(onOwnConnection(work, first));
        } catch (SQLException e) {
            failure = e;
        }
        try {
            results.addAll(other.get()); // always wait, so that no COPY is still running after a failure
        } catch (ExecutionException e) {
            SQLException helperFailure = e.getCause() instanceof SQLException sql ? sql : null;
            if (helperFailure == null) {
                throw new SeedException("Seeding lane 2 failed: " + e.getCause(), e.getCause());
            }
            if (failure == null) {
                failure = helperFailure;
            } else {
                failure.addSuppressed(helperFailure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SeedException("Interrupted while seeding", e);
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    /** Runs {@code work} on one group, in the calling thread. */
    List<SeedSummary.TableLoad> run(Work work, List<SeedTable> tables) throws SQLException {
        return onOwnConnection(work, tables);
    }

    private List<SeedSummary.TableLoad> onOwnConnection(Work work, List<SeedTable> tables) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("SET statement_timeout = 0");
            try {
                return work.run(new Lane(connection, List.copyOf(tables)));
            } finally {
                statement.execute("RESET statement_timeout");
            }
        }
    }

    @Override
    public void close() {
        if (helper != null) {
            helper.shutdownNow();
        }
    }
}
