package dev.trialbench.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * <p>This class moves forward; three others hold the rest, one idea each:
 * <ul>
 *   <li>{@link MigrationPreflight}: before a move to AFTER builds anything, two faults that the
 *       scripts alone would get wrong (the published scripts stay as they are: editing one would
 *       change its checksum and break Flyway's validation of every database already migrated). An
 *       INVALID index left by a concurrent build interrupted outside this class carries the name a
 *       pending script builds with {@code CREATE INDEX CONCURRENTLY IF NOT EXISTS}; the script would
 *       skip it and record success, so it is dropped first. Device rows that share a fingerprint hash
 *       would make V3_5's UNIQUE index fail after the other indexes were built: the move is refused
 *       before anything changes. They are not merged here: which row survives, how trial counts add
 *       up and whether a blocked duplicate blocks the device are fraud-policy decisions, and a silent
 *       merge would also hide the very damage trialbench measures;</li>
 *   <li>{@link MigrationRepair}: a failed move to AFTER leaves the schema as it was where PostgreSQL
 *       allows it, and Flyway's failed history row is repaired so that the next run starts clean;</li>
 *   <li>{@link MigrationRevert}: the way back ({@link #revertToBefore()}), since Flyway's community
 *       edition has no undo.</li>
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

    /** A failed UNIQUE index build comes without a hint from the server (its detail would show row values). */
    static final String DUPLICATES_HINT = "Existing rows hold duplicate values for this unique index:"
            + " remove the duplicates, then migrate again.";

    /** V3_5's index: UNIQUE, so existing duplicated hashes make its build fail. */
    public static final String UNIQUE_FINGERPRINT_INDEX = "idx_device_fingerprints_hash";

    private final DataSource dataSource;
    private final LockPatience patience;
    private final MigrationHistory history;
    private final MigrationRevert revert;
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
        this.history = new MigrationHistory(dataSource);
        this.revert = new MigrationRevert(dataSource, patience);
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
        int lastRank = history.lastInstalledRank();
        for (int attempt = 1; ; attempt++) {
            try {
                migrate("latest");
                return history.appliedSince(lastRank);
            } catch (MigrationException e) {
                String sqlState = LockPatience.lockConflict(e);
                if (sqlState != null && attempt < patience.attempts() && !history.hasFailedRow()) {
                    lockConflicts++;
                    Duration pause = patience.pauseAfter(attempt);
                    LOG.warn("A migration step gave way to a running transaction (SQLState {}, attempt {} of {}):"
                            + " rolled back (Flyway's \"failed! Changes successfully rolled back\" line above), trying"
                            + " again in {} ms", sqlState, attempt, patience.attempts(), pause.toMillis());
                    patience.sleep(pause);
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
        revert.toBefore();
    }

    /** Where the schema stands now. */
    public SchemaState state() {
        List<String> versions = history.appliedVersions();
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
     * After a failed move to AFTER: {@link MigrationRepair} drops what the failed step left, Flyway
     * repairs its failed history row, and a move that started at BEFORE goes back to BEFORE (the V3
     * indexes built before the failure are dropped again), so that the schema is the one the caller had.
     */
    private void cleanUpAfterFailure(SchemaState start) {
        try {
            MigrationRepair.dropLeftovers(dataSource, revert);
            flyway("latest").repair();
            if (start == SchemaState.BEFORE && state() == SchemaState.PARTIAL) {
                LOG.warn("Dropping the indexes this failed run had built: back to BEFORE");
                revert.toBefore();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not clean up after the failed migration ({}); inspect the schema before the next run",
                    e.getClass().getSimpleName());
        }
    }

    private List<String> pendingScripts() {
        List<String> scripts = new ArrayList<>();
        for (MigrationInfo pending : flyway("latest").info().pending()) {
            scripts.add(pending.getScript());
        }
        return scripts;
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
