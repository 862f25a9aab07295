package dev.trialbench.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way back from AFTER (or a partial state) to BEFORE. Flyway's community edition has no undo,
 * so this runs the scripts under {@code db/down} and removes the reverted rows from Flyway's history
 * table. Nothing here takes a long lock: indexes are dropped CONCURRENTLY, and a constraint is
 * dropped in a transaction of its own under a short {@code lock_timeout}, tried again when it gives
 * way ({@link LockPatience}). Thread-safe as far as PostgreSQL serializes concurrent migrations.
 */
final class MigrationRevert {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationRevert.class);

    private static final String CONSTRAINTS_DOWN = "db/down/U4__constraints.sql";
    private static final List<String> DOWN_SCRIPTS = List.of(CONSTRAINTS_DOWN, "db/down/U3__indexes.sql");
    private static final Pattern DROP_CONSTRAINT = Pattern.compile("(?s)ALTER TABLE\\s+(\\w+)\\s+DROP CONSTRAINT IF EXISTS\\s+(\\w+)");

    private final DataSource dataSource;
    private final LockPatience patience;

    MigrationRevert(DataSource dataSource, LockPatience patience) {
        this.dataSource = dataSource;
        this.patience = patience;
    }

    /** Drops what V3 and V4 built and forgets them in the history: the schema is at BEFORE again. */
    void toBefore() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            for (String script : DOWN_SCRIPTS) {
                runStatements(connection, script);
            }
            try (Statement statement = connection.createStatement()) {
                MigrationHistory.forgetAfterBaseline(statement);
            }
        } catch (SQLException e) {
            throw new MigrationException("Could not revert the schema to BEFORE: " + Migrations.describe(e), e);
        }
    }

    /** Drops the V4 constraints only (their history rows are the caller's to forget). */
    void dropConstraints(Connection connection) throws SQLException {
        runStatements(connection, CONSTRAINTS_DOWN);
    }

    /**
     * Runs a down script one statement at a time (down scripts hold no ';' inside a statement). A
     * {@code DROP ... CONCURRENTLY} runs as it is, in autocommit. A {@code DROP CONSTRAINT} takes
     * ACCESS EXCLUSIVE on its table even when the constraint is not there, and a waiting request
     * for it stops every reader and writer queued behind it: it is skipped when the constraint does
     * not exist, and otherwise runs in a transaction of its own under {@link LockPatience}.
     */
    private void runStatements(Connection connection, String resource) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : Migrations.statements(resource)) {
                Matcher dropConstraint = DROP_CONSTRAINT.matcher(sql);
                if (sql.contains("CONCURRENTLY")) {
                    statement.execute(sql);
                } else if (!dropConstraint.matches() || constraintExists(connection, dropConstraint.group(1), dropConstraint.group(2))) {
                    executePatiently(connection, sql);
                }
            }
        }
    }

    private static boolean constraintExists(Connection connection, String table, String constraint) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT count(*) FROM pg_constraint WHERE conname = ? AND conrelid = to_regclass(?)")) {
            query.setString(1, constraint);
            query.setString(2, table);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        }
    }

    /** One statement in a transaction of its own with a short lock_timeout, tried again when it gives way. */
    private void executePatiently(Connection connection, String sql) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL lock_timeout = '" + patience.lockTimeout().toMillis() + "ms'");
                statement.execute(sql);
                connection.commit();
                return;
            } catch (SQLException e) {
                connection.rollback();
                if (LockPatience.lockConflict(e) == null || attempt >= patience.attempts()) {
                    throw e;
                }
                LOG.warn("A revert step gave way to a running transaction (SQLState {}, attempt {} of {})",
                        e.getSQLState(), attempt, patience.attempts());
                patience.sleep(patience.pauseAfter(attempt));
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }
}
