package dev.trialbench.reliability;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.activation.ActivationFailedException;
import dev.trialbench.activation.BatchedActivation;
import dev.trialbench.db.Jdbis;
import dev.trialbench.db.PoolConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Experiment: the pool's {@code lock_timeout} and {@code statement_timeout} (set in every
 * connection's startup packet, see {@link PoolConfig}) are enforced. A second connection holds the
 * user's row lock; the batched activation, whose first statement locks that row, then waits:
 * <ul>
 *   <li>with a short lock timeout and a long statement timeout, it fails with SQLState 55P03;</li>
 *   <li>with a short statement timeout and a long lock timeout, it fails with SQLState 57014.</li>
 * </ul>
 * Asserted: the SQLState, an error message that names the setting, a wait no longer than the limit
 * plus {@link Experiments#MARGIN}, and nothing written. Not thread-safe: one run at a time.
 */
public final class TimeoutEnforcement {

    /** One timeout, provoked once. */
    public record Case(String setting, long limitMillis, String expectedSqlState, String sqlState,
                       boolean messageNamesSetting, long waitedMillis, long boundMillis, long rowsWritten) {

        public boolean enforced() {
            return expectedSqlState.equals(sqlState) && messageNamesSetting && waitedMillis <= boundMillis
                    && rowsWritten == 0;
        }
    }

    private static final Duration SHORT = Duration.ofMillis(300);
    private static final Duration LONG = Duration.ofSeconds(30);

    private TimeoutEnforcement() {
    }

    public static List<Case> run(PoolConfig base, Subjects subjects) {
        List<Case> cases = new ArrayList<>();
        cases.add(provoke(base.withTimeouts(LONG, SHORT, LONG), "lock_timeout", "55P03", subjects));
        cases.add(provoke(base.withTimeouts(SHORT, LONG, LONG), "statement_timeout", "57014", subjects));
        return cases;
    }

    private static Case provoke(PoolConfig config, String setting, String expected, Subjects subjects) {
        UUID user = subjects.user();
        String fingerprint = subjects.fingerprint();
        try (HikariDataSource pool = Experiments.pool(config, "trialbench-faults-timeout", 2);
             Connection holder = pool.getConnection()) {
            holder.setAutoCommit(false);
            FaultSql.run(holder, FaultSql.LOCK_USER_ROW, user);
            long start = System.nanoTime();
            String sqlState = null;
            String message = "";
            try {
                new BatchedActivation(Jdbis.create(pool)).activate(Implementation.request(user, fingerprint));
            } catch (ActivationFailedException e) {
                sqlState = e.sqlState();
                message = e.getMessage();
            }
            long waited = Experiments.millisSince(start);
            holder.rollback();
            FaultSql.Rows rows = FaultSql.snapshot(pool, user, fingerprint);
            long limit = setting.equals("lock_timeout") ? config.lockTimeout().toMillis() : config.statementTimeout().toMillis();
            return new Case(setting, limit, expected, sqlState, message.contains(setting), waited,
                    limit + Experiments.MARGIN.toMillis(), rows.tokens() + rows.devices() + rows.flags());
        } catch (SQLException e) {
            throw new IllegalStateException("the timeout experiment could not hold its lock: " + e.getMessage(), e);
        }
    }
}
