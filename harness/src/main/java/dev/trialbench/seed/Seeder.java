package dev.trialbench.seed;

import static dev.trialbench.seed.SeedTable.ASCORA_CUSTOMERS;
import static dev.trialbench.seed.SeedTable.ASCORA_JOBS;
import static dev.trialbench.seed.SeedTable.DEVICE_FINGERPRINTS;
import static dev.trialbench.seed.SeedTable.FREE_TRIAL_TOKENS;
import static dev.trialbench.seed.SeedTable.LOGIN_SESSIONS;
import static dev.trialbench.seed.SeedTable.PAYMENT_VERIFICATIONS;
import static dev.trialbench.seed.SeedTable.REPORTS;
import static dev.trialbench.seed.SeedTable.TRIAL_FRAUD_FLAGS;
import static dev.trialbench.seed.SeedTable.TRIAL_USAGE;
import static dev.trialbench.seed.SeedTable.USERS;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the data set of a {@link SeedConfig} into an empty, migrated database (BEFORE or AFTER
 * state), then runs VACUUM (ANALYZE) so that plans and visibility maps are those of a settled table.
 *
 * <p>Every table is loaded by one COPY (binary format, see {@link CopyBuffer} and {@link TableCopier})
 * that commits on its own, on two connections at once. Where the role owns the tables, their primary keys, indexes and foreign keys are taken off first
 * and put back from the catalog's own definitions after each table's COPY ({@link KeysAfterLoad}: one
 * sorted build instead of a b-tree insert per row), the foreign keys last, checking every row once;
 * the tables then load in one step of two lanes of about equal work. Otherwise everything stays in
 * place and the foreign keys are checked row by row, in three steps, parents first: users (beside the
 * Ascora tables, which reference nothing); then the six tables that reference only users, in two
 * lanes; then trial_usage, which references tokens. Each table is still written by one connection in
 * row order, so contents and physical order are the same on every run.
 *
 * <p>Where the time goes was measured at scale 1 ({@code SeederScaleMeasurementTest}, which logs each
 * table's generating and server time): the generator is a few percent of each COPY; the server's
 * share is the rest, and most of it was the random uuid primary keys maintained row by row (the
 * published run of 2026-12-06: login_sessions 6.6 s of server time for 1,000,000 rows). So the speed
 * work is on the server's side: binary COPY (no text parsing of uuid, timestamptz, inet, numeric), and
 * keys and indexes built after the load. {@code COPY ... FREEZE} (which needs a TRUNCATE in the
 * loading transaction) was measured and gained nothing beyond noise.
 *
 * <p>The load is not one transaction. The tables are checked to be empty first (else
 * {@link IllegalStateException}, nothing written); if a later step fails, the seeded tables are
 * truncated again and any key or index not yet back is put back, so the database is left empty and
 * with its schema as it was found.
 *
 * <p>Stateless; thread-safe. With a HikariCP pool smaller than {@link #connections()}, it loads on
 * one lane instead of waiting for a second connection that never comes.
 */
public final class Seeder {

    private static final Logger LOG = LoggerFactory.getLogger(Seeder.class);

    private static final List<SeedTable> FIRST = List.of(USERS);
    private static final List<SeedTable> BESIDE_FIRST = List.of(ASCORA_CUSTOMERS, ASCORA_JOBS);
    private static final List<SeedTable> LANE_ONE = List.of(REPORTS, FREE_TRIAL_TOKENS);
    private static final List<SeedTable> LANE_TWO =
            List.of(LOGIN_SESSIONS, PAYMENT_VERIFICATIONS, DEVICE_FINGERPRINTS, TRIAL_FRAUD_FLAGS);
    private static final List<SeedTable> LAST = List.of(TRIAL_USAGE);
    /**
     * With the foreign keys checked after the load, the order of the tables is free: one step, two
     * lanes of about equal work as measured at scale 1 (login_sessions alone is about as much as
     * reports and the rest together).
     */
    private static final List<SeedTable> FREE_ONE = List.of(LOGIN_SESSIONS, TRIAL_FRAUD_FLAGS, ASCORA_CUSTOMERS);
    private static final List<SeedTable> FREE_TWO = List.of(REPORTS, PAYMENT_VERIFICATIONS, DEVICE_FINGERPRINTS, USERS,
            FREE_TRIAL_TOKENS, TRIAL_USAGE, ASCORA_JOBS);
    private static final List<SeedTable> VACUUM_ONE =
            List.of(REPORTS, USERS, FREE_TRIAL_TOKENS, TRIAL_USAGE, ASCORA_CUSTOMERS, ASCORA_JOBS);
    private static final List<SeedTable> VACUUM_TWO = LANE_TWO;

    private final int connections;
    private final CopyBuffer.Format format;
    private final boolean foreignKeysAfterLoad;

    /** A seeder that loads on two connections at once. */
    public Seeder() {
        this(2);
    }

    /** @param connections 1 (one table at a time) or 2 (two lanes at once; the default) */
    public Seeder(int connections) {
        this(connections, CopyBuffer.Format.BINARY, true);
    }

    /**
     * With a chosen COPY format and foreign-key checking, to measure against: the text format and the
     * row-by-row checks load the same rows, slower.
     */
    Seeder(int connections, CopyBuffer.Format format, boolean foreignKeysAfterLoad) {
        if (connections < 1 || connections > 2) {
            throw new IllegalArgumentException("The seeder uses 1 or 2 connections, was " + connections);
        }
        this.connections = connections;
        this.format = java.util.Objects.requireNonNull(format, "format");
        this.foreignKeysAfterLoad = foreignKeysAfterLoad;
    }

    public int connections() {
        return connections;
    }

    public SeedSummary seed(DataSource dataSource, SeedConfig config, SeedProgress progress) {
        SeedPlan plan = SeedPlan.of(config);
        SeedProgress serialized = new SynchronizedSeedProgress(progress);
        long start = System.nanoTime();
        try {
            boolean keysAfterLoad;
            KeysAfterLoad keys = null;
            try (Connection connection = dataSource.getConnection()) {
                refuseUnlessEmpty(connection);
                List<SeedTable> all = Arrays.asList(SeedTable.values());
                keysAfterLoad = foreignKeysAfterLoad && KeysAfterLoad.mayRebuild(connection, all);
                if (keysAfterLoad) {
                    keys = KeysAfterLoad.of(connection, all);
                    keys.dropAll(connection);
                }
            }
            if (foreignKeysAfterLoad && !keysAfterLoad) {
                LOG.info("The role does not own the tables: keys and indexes stay in place and foreign keys are checked"
                        + " row by row during the COPY");
            }
            serialized.seedingStarted(config, plan.rowCounts().values().stream().mapToLong(Long::longValue).sum());
            List<SeedSummary.TableLoad> loads;
            long loaded;
            long checked;
            try (Lanes lanes = new Lanes(dataSource, usableConnections(dataSource))) {
                loads = load(lanes, dataSource, plan, format, keys, serialized);
                loaded = System.nanoTime();
                restoreForeignKeys(dataSource, keys);
                checked = System.nanoTime();
                serialized.vacuumStarted();
                lanes.run(Seeder::vacuumAnalyze, VACUUM_ONE, VACUUM_TWO);
            }
            long vacuumed = System.nanoTime();
            List<SeedSummary.TableLoad> sized = withHeapSizes(dataSource, loads);
            long heapBytes = sized.stream().mapToLong(SeedSummary.TableLoad::heapBytes).sum();
            SeedSummary summary = new SeedSummary(config, sized, heapBytes, Duration.ofNanos(loaded - start),
                    keysAfterLoad ? Duration.ofNanos(checked - loaded) : null,
                    Duration.ofNanos(vacuumed - checked), Duration.ofNanos(vacuumed - start),
                    format.name().toLowerCase(java.util.Locale.ROOT));
            serialized.finished(summary);
            return summary;
        } catch (SQLException e) {
            throw new SeedException("Seeding failed: " + e.getMessage() + " (SQLState " + e.getSQLState()
                    + "). Check that the schema is migrated (BEFORE or AFTER) and the server's log.", e);
        }
    }

    /**
     * With the foreign keys checked after the load, one step in two lanes; otherwise parents first: users
     * (beside Ascora), then the two lanes, then trial_usage. Empties the tables again on failure.
     */
    private static List<SeedSummary.TableLoad> load(Lanes lanes, DataSource dataSource, SeedPlan plan,
                                                    CopyBuffer.Format format, KeysAfterLoad keys,
                                                    SeedProgress progress) throws SQLException {
        List<SeedSummary.TableLoad> loads = new ArrayList<>();
        try {
            if (keys != null) {
                loads.addAll(lanes.run(lane -> copyAll(lane, plan, format, keys, progress), FREE_ONE, FREE_TWO));
            } else {
                loads.addAll(lanes.run(lane -> copyAll(lane, plan, format, null, progress), FIRST, BESIDE_FIRST));
                loads.addAll(lanes.run(lane -> copyAll(lane, plan, format, null, progress), LANE_ONE, LANE_TWO));
                loads.addAll(lanes.run(lane -> copyAll(lane, plan, format, null, progress), LAST));
            }
        } catch (SQLException | RuntimeException e) {
            emptyAgain(dataSource, keys, e);
            throw e;
        }
        loads.sort(Comparator.comparing(SeedSummary.TableLoad::table));
        return loads;
    }

    /**
     * The foreign keys put back after the load, each checking every row once (none to do when they were
     * checked row by row); empties the tables and restores the schema on failure.
     */
    private static void restoreForeignKeys(DataSource dataSource, KeysAfterLoad keys) throws SQLException {
        if (keys == null) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            keys.restoreForeignKeys(connection);
        } catch (SQLException | RuntimeException e) {
            emptyAgain(dataSource, keys, e);
            throw e;
        }
    }

    /** Each table's COPY, then (keys after the load) its primary key and indexes, timed apart. */
    private static List<SeedSummary.TableLoad> copyAll(Lanes.Lane lane, SeedPlan plan, CopyBuffer.Format format,
                                                       KeysAfterLoad keys, SeedProgress progress) throws SQLException {
        List<SeedSummary.TableLoad> loads = new ArrayList<>();
        for (SeedTable table : lane.tables()) {
            SeedSummary.TableLoad load = TableCopier.copy(lane.connection(), plan, table, format, progress);
            if (keys != null) {
                long started = System.nanoTime();
                keys.restoreIndexes(lane.connection(), table);
                load = load.withIndexDuration(Duration.ofNanos(System.nanoTime() - started));
            }
            loads.add(load);
        }
        return loads;
    }

    private int usableConnections(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource pool && pool.getMaximumPoolSize() < connections) {
            LOG.info("The pool {} holds {} connection(s): seeding one table at a time", pool.getPoolName(),
                    pool.getMaximumPoolSize());
            return pool.getMaximumPoolSize();
        }
        return connections;
    }

    private static void refuseUnlessEmpty(Connection connection) throws SQLException {
        StringJoiner query = new StringJoiner(" UNION ALL ");
        for (SeedTable table : SeedTable.values()) {
            query.add("(SELECT " + table.ordinal() + " FROM " + table.tableName() + " LIMIT 1)");
        }
        List<String> filled = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query.toString())) {
            while (rows.next()) {
                filled.add(SeedTable.values()[rows.getInt(1)].tableName());
            }
        }
        if (!filled.isEmpty()) {
            throw new IllegalStateException("database already seeded (" + String.join(", ", filled)
                    + (filled.size() == 1 ? " has" : " have") + " rows); use a fresh database. Nothing was written.");
        }
    }

    /**
     * After a failed step: the tables were empty before, so emptying them (and putting back any key or
     * index that is not back yet) restores the database.
     */
    private static void emptyAgain(DataSource dataSource, KeysAfterLoad keys, Exception failure) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE " + tableList(Arrays.asList(SeedTable.values())));
            List<String> missing = keys == null ? List.of() : keys.restoreMissing(connection);
            if (!missing.isEmpty()) {
                failure.addSuppressed(new SeedException("Could not put back " + String.join(", ", missing)
                        + " after the failed load; drop this database and seed a fresh one.", null));
            }
        } catch (SQLException cleanupFailure) {
            failure.addSuppressed(new SeedException("Could not empty the partly seeded tables again;"
                    + " drop this database and seed a fresh one.", cleanupFailure));
        }
    }

    private static List<SeedSummary.TableLoad> vacuumAnalyze(Lanes.Lane lane) throws SQLException {
        try (Statement statement = lane.connection().createStatement()) {
            statement.execute("VACUUM (ANALYZE) " + tableList(lane.tables()));
        }
        return List.of();
    }

    private static List<SeedSummary.TableLoad> withHeapSizes(DataSource dataSource, List<SeedSummary.TableLoad> loads)
            throws SQLException {
        List<SeedSummary.TableLoad> sized = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT pg_relation_size(?::regclass)")) {
            for (SeedSummary.TableLoad load : loads) {
                statement.setString(1, load.table().tableName());
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    sized.add(load.withHeapBytes(rows.getLong(1)));
                }
            }
        }
        return sized;
    }

    private static String tableList(List<SeedTable> tables) {
        StringJoiner names = new StringJoiner(", ");
        tables.forEach(table -> names.add(table.tableName()));
        return names.toString();
    }
}
