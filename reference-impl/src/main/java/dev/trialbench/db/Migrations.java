package dev.trialbench.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way every caller (CLI, tests, benchmarks, load tests) moves a database between the two
 * schema states that trialbench compares:
 *
 * <ul>
 *   <li>{@link SchemaState#BEFORE}: {@code V1} only, the schema as the optimization report found it;</li>
 *   <li>{@link SchemaState#AFTER}: {@code V3_*} (Fix 2 indexes, built CONCURRENTLY) and {@code V4_*}
 *       (Fix 5 constraints, NOT VALID then VALIDATE) on top.</li>
 * </ul>
 *
 * <p>Flyway's community edition has no undo, so the way back ({@link #revertToBefore()}) runs the
 * scripts under {@code db/down} and removes the reverted rows from Flyway's history table.
 *
 * <p>A failed move to AFTER leaves the schema as it was where PostgreSQL allows it: V4_1 is one
 * transaction (rolled back by the server), a failed V4_2 validation drops the V4 constraints again,
 * a failed CONCURRENTLY build's INVALID index is dropped, and a move that started at BEFORE drops the
 * V3 indexes it had already built; Flyway's failed history row is repaired so that the next run
 * starts clean.
 *
 * <p>Before a move to AFTER builds anything, two faults that the scripts alone would get wrong are
 * handled here (the published scripts stay as they are: editing one would change its checksum and
 * break Flyway's validation of every database already migrated):
 * <ul>
 *   <li>an INVALID index left by a concurrent build that was interrupted outside this class (a
 *       killed process, a cancelled statement) carries the name a pending script builds with
 *       {@code CREATE INDEX CONCURRENTLY IF NOT EXISTS}; the script would skip it and record success,
 *       leaving an index that queries never use and (for the UNIQUE one) an {@code ON CONFLICT} that
 *       fails. Such an index, when no build of it is running, is dropped concurrently first, so the
 *       script builds it again;</li>
 *   <li>device rows that share a fingerprint hash (the naive activation path leaves them under
 *       concurrency) would make V3_5's UNIQUE index fail after the other indexes were built. The move
 *       is refused before anything changes, saying how many hashes and rows, and how to merge them.
 *       They are not merged here: which row survives, how trial counts add up and whether a blocked
 *       duplicate blocks the device are fraud-policy decisions, and a silent merge would also hide
 *       the very damage trialbench measures.</li>
 * </ul>
 *
 * <p>The one transactional step that takes locks writers wait for (V4_1's {@code ADD CONSTRAINT
 * ... NOT VALID}: SHARE ROW EXCLUSIVE on each table and on {@code users} for a foreign key, ACCESS
 * EXCLUSIVE for a check) runs under a short
 * {@code lock_timeout} ({@link LockTimeoutCallback}) and is tried again when it gives way
 * ({@link LockPatience}): waiting, it would queue every writer behind it, and under load it
 * deadlocked with the activation path. The way back drops constraints under the same rule.
 *
 * <p>Flyway's advisory lock is taken without a transaction: with the default transactional lock, a
 * second connection stays idle in transaction and {@code CREATE INDEX CONCURRENTLY} waits for it
 * forever. Thread-safe as far as PostgreSQL serializes concurrent migrations; meant to be called from
 * one thread.
 */
public final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    /** The last version of the BEFORE state. */
    public static final String BASELINE_VERSION = "1";
    public static final String HISTORY_TABLE = "flyway_schema_history";
    private static final String LOCATION = "classpath:db/migration";
    private static final List<String> DOWN_SCRIPTS = List.of("db/down/U4__constraints.sql", "db/down/U3__indexes.sql");

    /** A failed UNIQUE index build comes without a hint from the server (its detail would show row values). */
    static final String DUPLICATES_HINT = "Existing rows hold duplicate values for this unique index:"
            + " remove the duplicates, then migrate again.";

    /** V3_5's index: UNIQUE, so existing duplicated hashes make its build fail. */
    public static final String UNIQUE_FINGERPRINT_INDEX = "idx_device_fingerprints_hash";

    /** SQLStates of a lock that was not granted: lock_timeout, deadlock. */
    private static final List<String> LOCK_CONFLICTS = List.of("55P03", "40P01");
    private static final Pattern DROP_CONSTRAINT = Pattern.compile("(?s)ALTER TABLE\\s+(\\w+)\\s+DROP CONSTRAINT IF EXISTS\\s+(\\w+)");

    private final DataSource dataSource;
    private final LockPatience patience;
    private int lockConflicts;

    /** @param dataSource a pool with at least two connections (Flyway holds one for its lock) */
    public Migrations(DataSource dataSource) {
        this(dataSource, LockPatience.DEFAULT);
    }

    /**
     * @param dataSource a pool with at least two connections (Flyway holds one for its lock)
     * @param patience   how long a transactional step waits for a lock, and how often it tries again
     */
    public Migrations(DataSource dataSource, LockPatience patience) {
        this.dataSource = dataSource;
        this.patience = patience;
    }

    /** The state of the schema, judged from Flyway's history table. */
    public enum SchemaState { EMPTY, BEFORE, PARTIAL, AFTER }

    /** One migration that was applied, and how long it took. */
    public record Applied(String version, String description, Duration duration) {
    }

    /** Brings an empty database (or one at BEFORE) to BEFORE. Applies nothing when already there. */
    public List<Applied> migrateToBefore() {
        SchemaState state = state();
        if (state == SchemaState.AFTER || state == SchemaState.PARTIAL) {
            throw new MigrationException("The schema is at " + state + ", not BEFORE: call revertToBefore()"
                    + " (CLI: the pipeline does this by itself) to go back.");
        }
        return migrate(BASELINE_VERSION);
    }

    /**
     * Brings the database to AFTER; on failure leaves it at the state it had, and says why. A
     * transactional step that loses a lock conflict with the application (lock_timeout or deadlock,
     * rolled back whole by the server) is tried again as {@link LockPatience} says; the scripts
     * already applied stay applied in between.
     *
     * @return every script applied by this call, with its duration, in order
     */
    public List<Applied> migrateToAfter() {
        SchemaState start = state();
        List<String> pendingScripts = pendingScripts();
        MigrationPreflight.refuseDuplicatedFingerprints(dataSource, pendingScripts);
        MigrationPreflight.dropInvalidLeftovers(dataSource, pendingScripts);
        lockConflicts = 0;
        int lastRank = lastInstalledRank();
        for (int attempt = 1; ; attempt++) {
            try {
                migrate("latest");
                return appliedSince(lastRank);
            } catch (MigrationException e) {
                String sqlState = lockConflict(e);
                if (sqlState != null && attempt < patience.attempts() && !failedHistoryRow()) {
                    lockConflicts++;
                    Duration pause = patience.pauseAfter(attempt);
                    LOG.warn("A migration step gave way to a running transaction (SQLState {}, attempt {} of {}):"
                            + " rolled back (Flyway's \"failed! Changes successfully rolled back\" line above), trying"
                            + " again in {} ms", sqlState, attempt, patience.attempts(), pause.toMillis());
                    sleep(pause);
                    continue;
                }
                cleanUpAfterFailure(start);
                if (sqlState != null) {
                    lockConflicts++;
                    throw new MigrationException(e.getMessage() + " The step waited at most "
                            + patience.lockTimeout().toMillis() + " ms for each lock and gave way " + attempt
                            + " time(s): a transaction keeps a table it alters locked. Look for it in pg_stat_activity"
                            + " (state 'idle in transaction', or a long query), end it, then migrate again.", e);
                }
                throw e;
            }
        }
    }

    /**
     * How many times the last {@link #migrateToAfter()} had a step rolled back because it met a
     * lock it could not get in time (or a deadlock); 0 when every lock came at once.
     */
    public int lockConflictsOfLastMove() {
        return lockConflicts;
    }

    /** Goes back from AFTER (or a partial state) to BEFORE, without long locks. */
    public void revertToBefore() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            for (String script : DOWN_SCRIPTS) {
                runStatements(connection, script);
            }
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM " + HISTORY_TABLE + " WHERE installed_rank > "
                        + "(SELECT installed_rank FROM " + HISTORY_TABLE + " WHERE version = '" + BASELINE_VERSION + "')");
            }
        } catch (SQLException e) {
            throw new MigrationException("Could not revert the schema to BEFORE: " + describe(e), e);
        }
    }

    /** Where the schema stands now. */
    public SchemaState state() {
        List<String> versions = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            if (!historyExists(connection)) {
                return SchemaState.EMPTY;
            }
            try (ResultSet rows = statement.executeQuery("SELECT version FROM " + HISTORY_TABLE
                    + " WHERE success AND version IS NOT NULL ORDER BY installed_rank")) {
                while (rows.next()) {
                    versions.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new MigrationException("Could not read the schema history: " + describe(e), e);
        }
        if (versions.isEmpty()) {
            return SchemaState.EMPTY;
        }
        int pending = flyway("latest").info().pending().length;
        if (versions.equals(List.of(BASELINE_VERSION))) {
            return SchemaState.BEFORE;
        }
        return pending == 0 ? SchemaState.AFTER : SchemaState.PARTIAL;
    }

    private List<Applied> migrate(String target) {
        try {
            MigrateResult result = flyway(target).migrate();
            List<Applied> applied = new ArrayList<>();
            for (MigrateOutput output : result.migrations) {
                applied.add(new Applied(output.version, output.description, Duration.ofMillis(output.executionTime)));
            }
            if (!applied.isEmpty()) {
                LOG.info("Applied {} migration(s), schema now at {}", applied.size(), result.targetSchemaVersion);
            }
            return applied;
        } catch (FlywayException e) {
            throw new MigrationException("Migration failed: " + describe(e), e);
        }
    }

    private Flyway flyway(String target) {
        FluentConfiguration configuration = Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .target(target)
                .validateMigrationNaming(true)
                .cleanDisabled(true)
                .loggers("slf4j")
                .callbacks(new LockTimeoutCallback(patience));
        configuration.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        return configuration.load();
    }

    /**
     * Undoes what a failed move to AFTER left behind: the INVALID index of a failed CONCURRENTLY
     * build, V4 constraints added NOT VALID whose validation failed, and Flyway's failed history row.
     * A move that started at BEFORE goes back to BEFORE: the V3 indexes that were built before the
     * failure are dropped again, so that the schema is the one the caller had.
     */
    private void cleanUpAfterFailure(SchemaState start) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            List<String> invalid = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("""
                         SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)
                         FROM pg_index i
                         JOIN pg_class c ON c.oid = i.indexrelid
                         JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE NOT i.indisvalid AND n.nspname = current_schema()""")) {
                while (rows.next()) {
                    invalid.add(rows.getString(1));
                }
            }
            try (Statement statement = connection.createStatement()) {
                for (String index : invalid) {
                    LOG.warn("Dropping INVALID index {} left by a failed concurrent build", index);
                    statement.execute("DROP INDEX CONCURRENTLY IF EXISTS " + index);
                }
                boolean constraintsPending;
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + HISTORY_TABLE
                        + " WHERE version LIKE '4.%' AND NOT success")) {
                    rows.next();
                    constraintsPending = rows.getLong(1) > 0;
                }
                if (constraintsPending) {
                    LOG.warn("Validation of the V4 constraints failed: dropping them again");
                    runStatements(connection, DOWN_SCRIPTS.get(0));
                    statement.executeUpdate("DELETE FROM " + HISTORY_TABLE + " WHERE version LIKE '4.%'");
                }
            }
            flyway("latest").repair();
            if (start == SchemaState.BEFORE && state() == SchemaState.PARTIAL) {
                LOG.warn("Dropping the indexes this failed run had built: back to BEFORE");
                revertToBefore();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not clean up after the failed migration ({}); inspect the schema before the next run",
                    e.getClass().getSimpleName());
        }
    }

    private int lastInstalledRank() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            if (!historyExists(connection)) {
                return 0;
            }
            try (ResultSet rows = statement.executeQuery("SELECT coalesce(max(installed_rank), 0) FROM " + HISTORY_TABLE)) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new MigrationException("Could not read the schema history: " + describe(e), e);
        }
    }

    /** The scripts recorded as applied after {@code rank}, with Flyway's own timing of each. */
    private List<Applied> appliedSince(int rank) {
        List<Applied> applied = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version, description, execution_time FROM " + HISTORY_TABLE
                     + " WHERE success AND version IS NOT NULL AND installed_rank > " + rank + " ORDER BY installed_rank")) {
            while (rows.next()) {
                applied.add(new Applied(rows.getString(1), rows.getString(2), Duration.ofMillis(rows.getLong(3))));
            }
        } catch (SQLException e) {
            throw new MigrationException("Could not read the schema history: " + describe(e), e);
        }
        return applied;
    }

    private boolean failedHistoryRow() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + HISTORY_TABLE + " WHERE NOT success")) {
            rows.next();
            return rows.getLong(1) > 0;
        } catch (SQLException e) {
            return true;
        }
    }

    /** The SQLState when the failure was a lock not granted in time or a deadlock, else null. */
    private static String lockConflict(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && LOCK_CONFLICTS.contains(sql.getSQLState())) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException("Interrupted while waiting to retry a migration step", e);
        }
    }

    private List<String> pendingScripts() {
        List<String> scripts = new ArrayList<>();
        for (MigrationInfo pending : flyway("latest").info().pending()) {
            scripts.add(pending.getScript());
        }
        return scripts;
    }

    private static boolean historyExists(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT to_regclass('" + HISTORY_TABLE + "') IS NOT NULL")) {
            rows.next();
            return rows.getBoolean(1);
        }
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
            for (String sql : statements(resource)) {
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
                if (lockConflict(e) == null || attempt >= patience.attempts()) {
                    throw e;
                }
                LOG.warn("A revert step gave way to a running transaction (SQLState {}, attempt {} of {})",
                        e.getSQLState(), attempt, patience.attempts());
                sleep(patience.pauseAfter(attempt));
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** The statements of a script on the classpath (e.g. {@code db/migration/V3_5__...sql}), comments removed. */
    public static List<String> statements(String resource) {
        String text;
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder withoutComments = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.strip().startsWith("--")) {
                withoutComments.append(line).append('\n');
            }
        }
        List<String> result = new ArrayList<>();
        for (String sql : withoutComments.toString().split(";")) {
            if (!sql.isBlank()) {
                result.add(sql.strip());
            }
        }
        return result;
    }

    /** The server's own message (and hint) when there is one, without Flyway's dump of the script. */
    static String describe(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                ServerErrorMessage server = psql.getServerErrorMessage();
                String hint = server.getHint() != null ? " " + server.getHint()
                        : "23505".equals(server.getSQLState()) ? " " + DUPLICATES_HINT : "";
                return server.getMessage() + " (SQLState " + server.getSQLState() + ")." + hint;
            }
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int cut = message.indexOf('\n');
        return cut > 0 ? message.substring(0, cut) : message;
    }
}
