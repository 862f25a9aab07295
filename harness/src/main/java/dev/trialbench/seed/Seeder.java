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
 * <p>Every table is loaded by one COPY (text format, see {@link TableCopier}) that commits on its
 * own, in three steps, each on two connections at once: users (beside the Ascora tables, which
 * reference nothing); then the six tables that reference only users, in two lanes of about equal
 * work (fixed below); then trial_usage, which references tokens.
 * Parents are committed before their children are loaded because a foreign-key check against rows
 * the same transaction inserted is about twice as slow. Each table is still written by one
 * connection in row order, so contents and physical order are the same on every run. On a 2-core
 * machine the server's COPY work (type input, the random-UUID primary keys, the reports foreign key)
 * is the bottleneck, not the generator; two lanes use both cores. {@code COPY ... FREEZE} (which
 * needs a TRUNCATE in the loading transaction) was measured and gained nothing beyond noise.
 *
 * <p>The load is not one transaction. The tables are checked to be empty first (else
 * {@link IllegalStateException}, nothing written); if a later step fails, the seeded tables are
 * truncated again, so the database is left empty as it was found.
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
    private static final List<SeedTable> VACUUM_ONE =
            List.of(REPORTS, USERS, FREE_TRIAL_TOKENS, TRIAL_USAGE, ASCORA_CUSTOMERS, ASCORA_JOBS);
    private static final List<SeedTable> VACUUM_TWO = LANE_TWO;

    private final int connections;
    private final CopyBuffer.Format format;

    /** A seeder that loads on two connections at once. */
    public Seeder() {
        this(2);
    }

    /** @param connections 1 (one table at a time) or 2 (two lanes at once; the default) */
    public Seeder(int connections) {
        this(connections, CopyBuffer.Format.BINARY);
    }

    /** With a chosen COPY format: the text format is kept to measure against (same rows, slower). */
    Seeder(int connections, CopyBuffer.Format format) {
        if (connections < 1 || connections > 2) {
            throw new IllegalArgumentException("The seeder uses 1 or 2 connections, was " + connections);
        }
        this.connections = connections;
        this.format = java.util.Objects.requireNonNull(format, "format");
    }

    public int connections() {
        return connections;
    }

    public SeedSummary seed(DataSource dataSource, SeedConfig config, SeedProgress progress) {
        SeedPlan plan = SeedPlan.of(config);
        SeedProgress serialized = new SynchronizedSeedProgress(progress);
        long start = System.nanoTime();
        try {
            try (Connection connection = dataSource.getConnection()) {
                refuseUnlessEmpty(connection);
            }
            serialized.seedingStarted(config, plan.rowCounts().values().stream().mapToLong(Long::longValue).sum());
            List<SeedSummary.TableLoad> loads;
            long loaded;
            try (Lanes lanes = new Lanes(dataSource, usableConnections(dataSource))) {
                loads = load(lanes, dataSource, plan, format, serialized);
                loaded = System.nanoTime();
                serialized.vacuumStarted();
                lanes.run(Seeder::vacuumAnalyze, VACUUM_ONE, VACUUM_TWO);
            }
            long vacuumed = System.nanoTime();
            List<SeedSummary.TableLoad> sized = withHeapSizes(dataSource, loads);
            long heapBytes = sized.stream().mapToLong(SeedSummary.TableLoad::heapBytes).sum();
            SeedSummary summary = new SeedSummary(config, sized, heapBytes, Duration.ofNanos(loaded - start),
                    Duration.ofNanos(vacuumed - loaded), Duration.ofNanos(vacuumed - start));
            serialized.finished(summary);
            return summary;
        } catch (SQLException e) {
            throw new SeedException("Seeding failed: " + e.getMessage() + " (SQLState " + e.getSQLState()
                    + "). Check that the schema is migrated (BEFORE or AFTER) and the server's log.", e);
        }
    }

    /** Users (beside Ascora); then the two lanes; then trial_usage. Empties the tables again on failure. */
    private static List<SeedSummary.TableLoad> load(Lanes lanes, DataSource dataSource, SeedPlan plan,
                                                    CopyBuffer.Format format, SeedProgress progress) throws SQLException {
        List<SeedSummary.TableLoad> loads = new ArrayList<>();
        try {
            loads.addAll(lanes.run(lane -> copyAll(lane, plan, format, progress), FIRST, BESIDE_FIRST));
            loads.addAll(lanes.run(lane -> copyAll(lane, plan, format, progress), LANE_ONE, LANE_TWO));
            loads.addAll(lanes.run(lane -> copyAll(lane, plan, format, progress), LAST));
        } catch (SQLException | RuntimeException e) {
            emptyAgain(dataSource, e);
            throw e;
        }
        loads.sort(Comparator.comparing(SeedSummary.TableLoad::table));
        return loads;
    }

    private static List<SeedSummary.TableLoad> copyAll(Lanes.Lane lane, SeedPlan plan, CopyBuffer.Format format,
                                                       SeedProgress progress) throws SQLException {
        List<SeedSummary.TableLoad> loads = new ArrayList<>();
        for (SeedTable table : lane.tables()) {
            loads.add(TableCopier.copy(lane.connection(), plan, table, format, progress));
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

    /** After a failed step: the tables were empty before, so emptying them restores the database. */
    private static void emptyAgain(DataSource dataSource, Exception failure) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE " + tableList(Arrays.asList(SeedTable.values())));
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
