package dev.trialbench.testing;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.Migrations;
import dev.trialbench.db.Pool;
import dev.trialbench.db.PoolConfig;
import dev.trialbench.provision.DatabaseKind;
import dev.trialbench.provision.DatabaseRequest;
import dev.trialbench.provision.ProvisionedDatabase;
import dev.trialbench.provision.Provisioner;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server for the whole test JVM, and a fresh database on it for each test that
 * asks. By default the embedded server; {@code TRIALBENCH_TEST_DB=url} with
 * {@code TRIALBENCH_TEST_JDBC_URL} (and {@code TRIALBENCH_TEST_DB_USER}) points the tests at an
 * existing server instead. Thread-safe.
 */
public final class TestPostgres {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final java.util.List<String> CREATED = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static ProvisionedDatabase server;

    private TestPostgres() {
    }

    /** The shared server, started on first use and stopped when the JVM exits. */
    public static synchronized ProvisionedDatabase server() {
        if (server == null) {
            Map<String, String> env = System.getenv();
            String kind = env.getOrDefault("TRIALBENCH_TEST_DB", "embedded");
            DatabaseRequest request = new DatabaseRequest(DatabaseKind.parse(kind),
                    env.get("TRIALBENCH_TEST_JDBC_URL"),
                    env.getOrDefault("TRIALBENCH_TEST_DB_USER", "postgres"),
                    env.getOrDefault("TRIALBENCH_TEST_DB_PASSWORD", ""));
            ProvisionedDatabase started = Provisioner.provision(request);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (started.kind() != DatabaseKind.EMBEDDED && started.kind() != DatabaseKind.CONTAINER) {
                    dropCreatedDatabases(started);
                }
                started.close();
            }, "test-postgres-stop"));
            server = started;
        }
        return server;
    }

    /** A new, empty database on the shared server, with a pool of {@code poolSize} connections. */
    public static HikariDataSource freshDatabase(String purpose, int poolSize) {
        String name = ("tb_" + purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_") + "_"
                + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet());
        if (name.length() > 60) {
            name = name.substring(0, 40) + "_" + COUNTER.get();
        }
        ProvisionedDatabase db = server();
        try (HikariDataSource admin = Pool.open(db.poolConfig().withMaximumPoolSize(1).withApplicationName("trialbench-test-admin"));
             Connection connection = admin.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
            CREATED.add(name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name, e);
        }
        PoolConfig config = PoolConfig.defaults(db.jdbcUrlFor(name), db.username(), db.password())
                .withMaximumPoolSize(poolSize)
                .withApplicationName("trialbench-test");
        return Pool.open(config);
    }

    /** On a server that outlives the tests, leave no test database behind. */
    private static void dropCreatedDatabases(ProvisionedDatabase db) {
        try (HikariDataSource admin = Pool.open(db.poolConfig().withMaximumPoolSize(1).withApplicationName("trialbench-test-admin"));
             Connection connection = admin.getConnection();
             Statement statement = connection.createStatement()) {
            for (String name : CREATED) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException | RuntimeException e) {
            System.err.println("Could not drop the test databases " + CREATED + ": " + e.getMessage());
        }
    }

    /** A fresh database migrated to BEFORE. */
    public static HikariDataSource before(String purpose, int poolSize) {
        HikariDataSource dataSource = freshDatabase(purpose, poolSize);
        new Migrations(dataSource).migrateToBefore();
        return dataSource;
    }

    /** A fresh database migrated to AFTER. */
    public static HikariDataSource after(String purpose, int poolSize) {
        HikariDataSource dataSource = freshDatabase(purpose, poolSize);
        new Migrations(dataSource).migrateToAfter();
        return dataSource;
    }
}
