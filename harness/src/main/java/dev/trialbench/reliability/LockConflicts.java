package dev.trialbench.reliability;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.activation.ActivationFailedException;
import dev.trialbench.activation.ActivationResult;
import dev.trialbench.activation.BatchedActivation;
import dev.trialbench.activation.RetryPolicy;
import dev.trialbench.db.Jdbis;
import dev.trialbench.db.PoolConfig;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Experiment: deadlocks (40P01) and serialization failures (40001) provoked on purpose against the
 * batched activation, which must retry them ({@link RetryPolicy}) to success and count the retries
 * ({@link BatchedActivation#retries()}).
 * <ul>
 *   <li><b>Deadlock</b>: a second connection locks the user row; the activation takes the device's
 *       advisory lock and waits for the user row (its one locking statement evaluates the advisory lock
 *       in the scan, below the row lock, so the device is locked first); the second connection then
 *       asks for the device's advisory lock. The
 *       activation waited first, so its deadlock check (after {@code deadlock_timeout}, 1 s by default)
 *       finds the cycle first and the server aborts it; the second connection gets the row and rolls
 *       back, and the retry succeeds.</li>
 *   <li><b>Serialization failure</b>: at the default READ COMMITTED the activation cannot get one (it
 *       locks before it reads), so this case runs it at REPEATABLE READ: a second connection updates the
 *       user row and holds it; the activation waits on its row lock; the second connection commits; the
 *       activation's snapshot is now stale and the server raises 40001; the retry takes a new snapshot
 *       and succeeds.</li>
 * </ul>
 * Asserted: every provoked activation ends ACTIVATED, with one retry each. Not thread-safe.
 */
public final class LockConflicts {

    /**
     * @param retries retries the activation counted; one per provoked conflict when all went as planned
     */
    public record Result(int deadlocksProvoked, int serializationFailuresProvoked, long retries,
                         int activatedAfterRetry, int failed, int maxAttempts) {
    }

    private static final String APPLICATION = "trialbench-faults-lock";
    private static final Duration WAIT_FOR_BLOCK = Duration.ofSeconds(10);

    private LockConflicts() {
    }

    public static Result run(PoolConfig base, Subjects subjects, int deadlocks, int serializationFailures) {
        ExecutorService caller = Executors.newSingleThreadExecutor(daemon());
        try (HikariDataSource activationPool = Experiments.pool(base, APPLICATION, 2);
             HikariDataSource adminPool = Experiments.pool(base, "trialbench-faults-admin", 2)) {
            BatchedActivation readCommitted = new BatchedActivation(Jdbis.create(activationPool));
            BatchedActivation repeatableRead = new BatchedActivation(Jdbis.create(new RepeatableRead(activationPool)));
            int activated = 0;
            int failed = 0;
            for (int i = 0; i < deadlocks + serializationFailures; i++) {
                boolean deadlock = i < deadlocks;
                boolean ok = deadlock
                        ? provoke(readCommitted, caller, adminPool, subjects, FaultSql.LOCK_USER_ROW, FaultSql.LOCK_DEVICE, true)
                        : provoke(repeatableRead, caller, adminPool, subjects, FaultSql.TOUCH_USER_ROW, null, false);
                if (ok) {
                    activated++;
                } else {
                    failed++;
                }
            }
            return new Result(deadlocks, serializationFailures, readCommitted.retries() + repeatableRead.retries(),
                    activated, failed, RetryPolicy.DEFAULT.maxAttempts());
        } finally {
            caller.shutdownNow();
        }
    }

    /**
     * The second connection runs {@code first}, the activation starts and blocks on it, then the second
     * connection runs {@code second} (deadlock) or commits (serialization failure).
     */
    private static boolean provoke(BatchedActivation activation, ExecutorService caller, DataSource admin,
                                   Subjects subjects, String first, String second, boolean deadlock) {
        UUID user = subjects.user();
        String fingerprint = subjects.fingerprint();
        try (Connection other = admin.getConnection()) {
            other.setAutoCommit(false);
            FaultSql.run(other, first, user);
            Future<ActivationResult> result = caller.submit(() -> activation.activate(Implementation.request(user, fingerprint)));
            if (!FaultSql.awaitLockWaiters(admin, APPLICATION, 1, WAIT_FOR_BLOCK)) {
                other.rollback();
                result.get(WAIT_FOR_BLOCK.toSeconds(), TimeUnit.SECONDS);
                return false;
            }
            if (deadlock) {
                try {
                    FaultSql.run(other, second, fingerprint);
                } catch (SQLException e) {
                    // This side was chosen as the victim instead: the activation then needs no retry.
                }
                other.rollback();
            } else {
                other.commit();
            }
            return result.get(WAIT_FOR_BLOCK.toSeconds(), TimeUnit.SECONDS).outcome() == ActivationResult.Outcome.ACTIVATED;
        } catch (SQLException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the lock-conflict experiment could not run: " + e.getMessage(), e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof ActivationFailedException) {
                return false;
            }
            throw new IllegalStateException("the provoked activation failed unexpectedly: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return runnable -> {
            Thread thread = new Thread(runnable, "trialbench-faults-caller");
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Hands out the pool's connections at REPEATABLE READ (the pool resets the level when they return). */
    private record RepeatableRead(DataSource target) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return isolated(target.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return isolated(target.getConnection(username, password));
        }

        private static Connection isolated(Connection connection) throws SQLException {
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            return connection;
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return target.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            target.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            target.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return target.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return target.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return target.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return target.isWrapperFor(type);
        }
    }
}
