package dev.trialbench.loadtest.stack;

import dev.trialbench.db.PoolConfig;
import dev.trialbench.http.ServiceConfig;
import dev.trialbench.http.TrialService;
import dev.trialbench.provision.DatabaseRequest;
import dev.trialbench.provision.OwnDatabase;
import dev.trialbench.provision.ProvisionedDatabase;
import dev.trialbench.provision.Provisioner;
import dev.trialbench.seed.SeedConfig;
import dev.trialbench.seed.SeedProgress;
import java.net.URI;

/**
 * The service under load, started in-process for a standalone {@code mvn -pl loadtest gatling:test}
 * when no {@code trialbench.baseUrl} is given: a PostgreSQL provisioned as {@code auto} (the
 * {@code TRIALBENCH_DB*} variables apply), a database of its own ({@link OwnDatabase}), migrated to
 * before, seeded, migrated to after when asked, analyzed, and the {@link TrialService} on a free local
 * port. Closing it stops the service and drops everything it created. Not for the pipeline, which
 * starts its own service. Thread-safe for {@link #baseUri()}; {@link #close()} once.
 */
public final class LocalStack implements AutoCloseable {

    private final ProvisionedDatabase server;
    private final OwnDatabase database;
    private final TrialService service;

    private LocalStack(ProvisionedDatabase server, OwnDatabase database, TrialService service) {
        this.server = server;
        this.database = database;
        this.service = service;
    }

    /** Provisions, seeds at {@code seed}, and starts the service; on failure, releases what it had. */
    public static LocalStack start(SeedConfig seed, boolean schemaAfter) {
        ProvisionedDatabase server = Provisioner.provision(DatabaseRequest.fromEnvironment(System.getenv()));
        OwnDatabase database = null;
        try {
            database = OwnDatabase.create(server, "load", PoolConfig.DEFAULT_MAXIMUM_POOL_SIZE, OwnDatabase.OnClose.DROP);
            database.prepare(seed, schemaAfter, SeedProgress.none());
            TrialService service = TrialService.start(database.dataSource(),
                    ServiceConfig.forPool(database.dataSource().getMaximumPoolSize()));
            return new LocalStack(server, database, service);
        } catch (RuntimeException e) {
            if (database != null) {
                database.close();
            }
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
        database.close();
        server.close();
    }
}
