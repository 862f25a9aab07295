package dev.trialbench.reliability;

import dev.trialbench.activation.ActivationSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Every statement the fault experiments send besides the activation's own, written once: the row
 * snapshot of one user and one fingerprint, the backend termination, the locks that provoke timeouts,
 * deadlocks and serialization failures, and the wait for a session to block on a lock.
 * Stateless; thread-safe.
 */
final class FaultSql {

    /** What one user and one fingerprint have in the tables an activation writes. */
    record Rows(long tokens, long devices, long deviceTrials, long flags) {
        static final Rows NONE = new Rows(0, 0, 0, 0);

        Rows minus(Rows other) {
            return new Rows(tokens - other.tokens, devices - other.devices, deviceTrials - other.deviceTrials,
                    flags - other.flags);
        }

        @Override
        public String toString() {
            return "tokens " + tokens + ", device rows " + devices + ", device trials " + deviceTrials + ", flags " + flags;
        }
    }

    static final String SNAPSHOT = """
            SELECT (SELECT count(*) FROM free_trial_tokens WHERE user_id = ?) AS tokens,
                   (SELECT count(*) FROM device_fingerprints WHERE fingerprint_hash = ?) AS devices,
                   (SELECT coalesce(sum(trial_count), 0) FROM device_fingerprints WHERE fingerprint_hash = ?) AS device_trials,
                   (SELECT count(*) FROM trial_fraud_flags WHERE user_id = ?) AS flags""";
    /** Terminates a backend and waits (up to 10 s, PostgreSQL 14+) until it is gone. */
    static final String TERMINATE = "SELECT pg_terminate_backend(?, 10000)";
    /** Sessions of an application that wait on a heavyweight lock (row, transaction id or advisory). */
    static final String WAITING_ON_LOCK = """
            SELECT count(*) FROM pg_stat_activity
            WHERE application_name = ? AND wait_event_type = 'Lock' AND datname = current_database()""";
    /** Holds the user's row lock, as a concurrent activation or an admin tool would. */
    static final String LOCK_USER_ROW = "SELECT user_id FROM users WHERE user_id = ? FOR UPDATE";
    /** Changes the user's row without changing a value: a concurrent update for REPEATABLE READ. */
    static final String TOUCH_USER_ROW = "UPDATE users SET name = name WHERE user_id = ?";
    /** Holds the device's advisory lock, the second lock an activation takes. */
    static final String LOCK_DEVICE = "SELECT pg_advisory_xact_lock(" + ActivationSql.DEVICE_LOCK_NAMESPACE
            + ", hashtext(?))";
    /** Tokens that exist among the given ids (to count committed activations after an outage). */
    static final String EXISTING_TOKENS = "SELECT count(*) FROM free_trial_tokens WHERE token_id = ANY(?)";

    /** Flushes everything before a crash stop, so that recovery replays only what came after. */
    static final String CHECKPOINT = "CHECKPOINT";
    /** Every token: counted before and after an outage. */
    static final String ALL_TOKENS = "SELECT count(*) FROM free_trial_tokens";

    private FaultSql() {
    }

    static Rows snapshot(DataSource dataSource, UUID user, String fingerprint) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(SNAPSHOT)) {
            statement.setObject(1, user);
            statement.setString(2, fingerprint);
            statement.setString(3, fingerprint);
            statement.setObject(4, user);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return new Rows(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the rows of the experiment: " + e.getMessage(), e);
        }
    }

    static void terminate(DataSource admin, int backendPid) throws SQLException {
        try (Connection connection = admin.getConnection();
             PreparedStatement statement = connection.prepareStatement(TERMINATE)) {
            statement.setInt(1, backendPid);
            statement.executeQuery().close();
        }
    }

    /** Runs one statement with one parameter on an open connection (the connection holds what it locks). */
    static void run(Connection connection, String sql, Object parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            statement.execute();
        }
    }

    static long existingTokens(DataSource dataSource, java.util.Collection<UUID> tokenIds) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(EXISTING_TOKENS)) {
            statement.setArray(1, connection.createArrayOf("uuid", tokenIds.toArray()));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the committed tokens: " + e.getMessage(), e);
        }
    }

    /**
     * Waits until {@code sessions} sessions of the application wait on a lock, or the timeout passes.
     * @return whether they did
     */
    static boolean awaitLockWaiters(DataSource admin, String applicationName, int sessions, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection connection = admin.getConnection();
             PreparedStatement statement = connection.prepareStatement(WAITING_ON_LOCK)) {
            statement.setString(1, applicationName);
            while (System.nanoTime() < deadline) {
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    if (row.getLong(1) >= sessions) {
                        return true;
                    }
                }
                Thread.sleep(10);
            }
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("could not watch the lock waits: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
