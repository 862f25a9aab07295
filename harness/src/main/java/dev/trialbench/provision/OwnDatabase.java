package dev.trialbench.provision;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.Migrations;
import dev.trialbench.db.Pool;
import dev.trialbench.db.PoolConfig;
import dev.trialbench.seed.SeedConfig;
import dev.trialbench.seed.SeedProgress;
import dev.trialbench.seed.SeedSummary;
import dev.trialbench.seed.Seeder;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database of its own on a provisioned server, so that a run, a load test, {@code serve} or an
 * experiment that breaks a schema on purpose never touches anyone else's rows. The one place that
 * creates such a database, migrates and seeds it, hands out pool configurations on it and drops it.
 *
 * <p>Its name, {@code trialbench_<purpose>_<yyyyMMdd_HHmmss>_<pid>_<n>}, says who left it behind on a
 * shared server (a killed process, {@link OnClose#KEEP}), and no two processes pick the same one.
 * It owns one pool, {@link #dataSource()}, opened at creation with the report's Fix 4 settings, and
 * one {@link Migrations} on it; {@link #poolConfig(int)} describes further pools (the service's, a
 * writer's) that their caller opens and closes. {@link #drop()} closes the pool and drops the
 * database, once, however often it is called; {@link #close()} drops too, unless the database is
 * kept. The server is not closed: it belongs to whoever provisioned it.
 *
 * <p>Thread-safe for the accessors and {@link #drop()}; migrate and seed from one thread.
 */
public final class OwnDatabase implements AutoCloseable {

    /** What every name starts with: a database of trialbench's, on whatever server. */
    public static final String PREFIX = "trialbench_";

    /** What {@link #close()} does with the database. */
    public enum OnClose {
        /** Drop it (and end its sessions). */
        DROP,
        /** Leave it on the server (flag {@code --keep-database}); its pool is closed all the same. */
        KEEP
    }

    private static final Logger LOG = LoggerFactory.getLogger(OwnDatabase.class);
    private static final Pattern PURPOSE = Pattern.compile("[a-z]{1,16}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    private static final AtomicInteger CREATED = new AtomicInteger();

    private final ProvisionedDatabase server;
    private final String name;
    private final OnClose onClose;
    private final HikariDataSource dataSource;
    private final Migrations migrations;
    private final AtomicBoolean dropped = new AtomicBoolean();

    private OwnDatabase(ProvisionedDatabase server, String name, OnClose onClose, HikariDataSource dataSource) {
        this.server = server;
        this.name = name;
        this.onClose = onClose;
        this.dataSource = dataSource;
        this.migrations = new Migrations(dataSource);
    }

    /**
     * Creates an empty database on {@code server} and opens a pool of {@code poolSize} connections on it.
     *
     * @param purpose  a short lower-case word that goes into the name ({@code run}, {@code serve}, {@code scratch})
     * @param poolSize connections of {@link #dataSource()}; at least 2 to migrate (Flyway holds one for its lock)
     * @throws dev.trialbench.db.DatabaseUnavailableException when the database cannot be created (the user needs CREATEDB)
     */
    public static OwnDatabase create(ProvisionedDatabase server, String purpose, int poolSize, OnClose onClose) {
        if (purpose == null || !PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("The purpose of a database of its own must be 1 to 16 lower-case letters,"
                    + " was '" + purpose + "'");
        }
        String name = PREFIX + purpose + "_" + LocalDateTime.now().format(STAMP) + "_" + ProcessHandle.current().pid()
                + "_" + CREATED.incrementAndGet();
        server.createDatabase(name);
        try {
            return new OwnDatabase(server, name, onClose, Pool.open(config(server, name, poolSize)));
        } catch (RuntimeException e) {
            dropQuietly(server, name);
            throw e;
        }
    }

    public ProvisionedDatabase server() {
        return server;
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return server.jdbcUrlFor(name);
    }

    /** The database's own pool, open until {@link #drop()} or {@link #close()}. */
    public HikariDataSource dataSource() {
        return dataSource;
    }

    /** The migrations of this database, on {@link #dataSource()}: one instance, so its counters cover every move. */
    public Migrations migrations() {
        return migrations;
    }

    /**
     * The report's Fix 4 pool settings on this database, with {@code maximumPoolSize} connections,
     * for a pool the caller opens and closes.
     */
    public PoolConfig poolConfig(int maximumPoolSize) {
        return config(server, name, maximumPoolSize);
    }

    /** Seeds the database (migrated to BEFORE or AFTER) with the deterministic data set of {@code config}. */
    public SeedSummary seed(SeedConfig config, SeedProgress progress) {
        return new Seeder().seed(dataSource, config, progress);
    }

    /**
     * The usual way to a database ready to serve: migrate to BEFORE, seed, migrate to AFTER when
     * {@code after}, ANALYZE.
     */
    public SeedSummary prepare(SeedConfig config, boolean after, SeedProgress progress) {
        migrations.migrateToBefore();
        SeedSummary seeded = seed(config, progress);
        if (after) {
            migrations.migrateToAfter();
        }
        analyze();
        return seeded;
    }

    /** {@code ANALYZE}, so that the planner knows the seeded tables. */
    public void analyze() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE");
        } catch (SQLException e) {
            throw new IllegalStateException("ANALYZE failed on " + name + ": " + e.getMessage() + " (SQLState "
                    + e.getSQLState() + ")", e);
        }
    }

    /**
     * Closes the pool and drops the database, ending any session still on it. Only the first call
     * does anything.
     *
     * @throws dev.trialbench.db.DatabaseUnavailableException when the server refuses, naming the database to drop by hand
     */
    public void drop() {
        if (dropped.compareAndSet(false, true)) {
            dataSource.close();
            server.dropDatabase(name);
        }
    }

    /**
     * Closes the pool, and drops the database unless it is to be kept. A failed drop is logged, not
     * thrown: closing runs while something else may already have failed.
     */
    @Override
    public void close() {
        if (onClose == OnClose.KEEP) {
            dataSource.close();
            return;
        }
        try {
            drop();
        } catch (RuntimeException e) {
            LOG.warn("trialbench: {}", e.getMessage());
        }
    }

    private static PoolConfig config(ProvisionedDatabase server, String name, int maximumPoolSize) {
        return PoolConfig.defaults(server.jdbcUrlFor(name), server.username(), server.password())
                .withMaximumPoolSize(maximumPoolSize);
    }

    private static void dropQuietly(ProvisionedDatabase server, String name) {
        try {
            server.dropDatabase(name);
        } catch (RuntimeException e) {
            LOG.warn("trialbench: {}", e.getMessage());
        }
    }
}
