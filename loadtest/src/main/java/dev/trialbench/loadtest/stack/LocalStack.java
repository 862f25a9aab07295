package dev.trialbench.loadtest.stack;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.Migrations;
import dev.trialbench.db.Pool;
import dev.trialbench.db.PoolConfig;
import dev.trialbench.http.ServiceConfig;
import dev.trialbench.http.TrialService;
import dev.trialbench.provision.DatabaseKind;
import dev.trialbench.provision.DatabaseRequest;
import dev.trialbench.provision.ProvisionedDatabase;
import dev.trialbench.provision.Provisioner;
import dev.trialbench.seed.SeedConfig;
import dev.trialbench.seed.SeedProgress;
import dev.trialbench.seed.Seeder;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The service under load, started in-process for a standalone {@code mvn -pl loadtest gatling:test}
 * when no {@code trialbench.baseUrl} is given: a PostgreSQL provisioned as {@code auto} (the
 * {@code TRIALBENCH_DB*} variables apply), a database of its own, migrated to before, seeded, migrated
 * to after when asked, analyzed, and the {@link TrialService} on a free local port. Closing it stops
 * the service and drops everything it created. Not for the pipeline, which starts its own service.
 * Thread-safe for {@link #baseUri()}; {@link #close()} once.
 */
public final class LocalStack implements AutoCloseable {

    private final ProvisionedDatabase server;
    private final String databaseName;
    private final HikariDataSource dataSource;
    private final TrialService service;

    private LocalStack(ProvisionedDatabase server, String databaseName, HikariDataSource dataSource, TrialService service) {
        this.server = server;
        this.databaseName = databaseName;
        this.dataSource = dataSource;
        this.service = service;
    }

    /** Provisions, seeds at {@code seed}, and starts the service; on failure, releases what it had. */
    public static LocalStack start(SeedConfig seed, boolean schemaAfter) {
        ProvisionedDatabase server = Provisioner.provision(DatabaseRequest.fromEnvironment(System.getenv()));
        String name = "trialbench_load_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis();
        HikariDataSource dataSource = null;
        try {
            server.createDatabase(name);
            dataSource = Pool.open(PoolConfig.defaults(server.jdbcUrlFor(name), server.username(), server.password()));
            Migrations migrations = new Migrations(dataSource);
            migrations.migrateToBefore();
            new Seeder().seed(dataSource, seed, SeedProgress.none());
            if (schemaAfter) {
                migrations.migrateToAfter();
            }
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("ANALYZE");
            }
            TrialService service = TrialService.start(dataSource, ServiceConfig.forPool(dataSource.getMaximumPoolSize()));
            return new LocalStack(server, name, dataSource, service);
        } catch (SQLException | RuntimeException e) {
            if (dataSource != null) {
                dataSource.close();
            }
            dropQuietly(server, name);
            server.close();
            throw new IllegalStateException("Could not start the local service for the load test: " + e.getMessage()
                    + " (or point the simulation at a running service with -Dtrialbench.baseUrl=http://HOST:PORT)", e);
        }
    }

    public URI baseUri() {
        return service.baseUri();
    }

    @Override
    public void close() {
        service.close();
        dataSource.close();
        dropQuietly(server, databaseName);
        server.close();
    }

    private static void dropQuietly(ProvisionedDatabase server, String name) {
        if (server.kind() == DatabaseKind.EMBEDDED || server.kind() == DatabaseKind.CONTAINER) {
            return; // goes away with the server
        }
        try {
            server.dropDatabase(name);
        } catch (RuntimeException e) {
            System.err.println("trialbench: " + e.getMessage());
        }
    }
}
