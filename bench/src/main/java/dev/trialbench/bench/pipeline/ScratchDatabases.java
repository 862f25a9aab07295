package dev.trialbench.bench.pipeline;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.DatabaseUnavailableException;
import dev.trialbench.db.Migrations;
import dev.trialbench.db.Pool;
import dev.trialbench.db.PoolConfig;
import dev.trialbench.provision.ProvisionedDatabase;
import java.util.ArrayList;
import java.util.List;

/**
 * Empty databases at the BEFORE schema on the run's server, for experiments that break a schema on
 * purpose (the migration faults) and must not touch the run's own data. Each is named
 * {@code trialbench_scratch_<pid>_<n>}; {@link #close()} closes their pools and drops them all,
 * whatever kind of server it is. Not thread-safe.
 */
final class ScratchDatabases implements AutoCloseable {

    /** The migration-fault experiments need three connections (one holds a lock while others build). */
    private static final int POOL_SIZE = 3;

    private final ProvisionedDatabase server;
    private final List<String> names = new ArrayList<>();
    private final List<HikariDataSource> pools = new ArrayList<>();

    ScratchDatabases(ProvisionedDatabase server) {
        this.server = server;
    }

    /** A new empty database migrated to BEFORE, with a small pool this object closes. */
    HikariDataSource next() {
        String name = "trialbench_scratch_" + ProcessHandle.current().pid() + "_" + names.size();
        server.dropDatabase(name);
        server.createDatabase(name);
        names.add(name);
        HikariDataSource pool = Pool.open(PoolConfig.defaults(server.jdbcUrlFor(name), server.username(), server.password())
                .withMaximumPoolSize(POOL_SIZE).withApplicationName("trialbench-scratch"));
        pools.add(pool);
        new Migrations(pool).migrateToBefore();
        return pool;
    }

    @Override
    public void close() {
        pools.forEach(HikariDataSource::close);
        for (String name : names) {
            try {
                server.dropDatabase(name);
            } catch (DatabaseUnavailableException e) {
                System.err.println("trialbench: " + e.getMessage());
            }
        }
    }
}
