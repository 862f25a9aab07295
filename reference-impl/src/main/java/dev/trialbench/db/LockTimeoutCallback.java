package dev.trialbench.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Sets {@code lock_timeout} for the transaction of each transactional migration script, and for
 * nothing else: {@code SET LOCAL} ends with the script's transaction. Scripts that run outside a
 * transaction ({@code CREATE INDEX CONCURRENTLY}, {@code VALIDATE CONSTRAINT}) take no lock that
 * blocks writers, and a timeout there would leave an INVALID index or a failed history row behind,
 * so they keep the server's setting. Runs inside the script's transaction (Flyway calls
 * BEFORE_EACH_MIGRATE there when {@link #canHandleInTransaction} says so), which
 * {@code MigrationsTest} checks by its effect.
 */
final class LockTimeoutCallback implements Callback {

    private final long lockTimeoutMillis;

    LockTimeoutCallback(LockPatience patience) {
        this.lockTimeoutMillis = patience.lockTimeout().toMillis();
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        Connection connection = context.getConnection();
        try {
            if (connection.getAutoCommit()) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL lock_timeout = '" + lockTimeoutMillis + "ms'");
            }
        } catch (SQLException e) {
            throw new FlywayException("Could not set lock_timeout for the migration: " + e.getMessage(), e);
        }
    }

    @Override
    public String getCallbackName() {
        return "trialbench-lock-timeout";
    }
}
