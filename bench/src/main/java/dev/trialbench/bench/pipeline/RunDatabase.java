package dev.trialbench.bench.pipeline;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.DatabaseUnavailableException;
import dev.trialbench.db.Pool;
import dev.trialbench.db.PoolConfig;
import dev.trialbench.provision.DatabaseKind;
import dev.trialbench.provision.ProvisionedDatabase;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A database of its own for one run, on whatever server was provisioned, so that a run never
 * touches the user's data and two runs never share rows. Dropped on close unless kept. Used by the
 * pipeline and by {@code serve}.
 */
public final class RunDatabase implements AutoCloseable {

    private final ProvisionedDatabase server;
    private final String name;
    private final boolean keep;
    private final HikariDataSource dataSource;

    private RunDatabase(ProvisionedDatabase server, String name, boolean keep, HikariDataSource dataSource) {
        this.server = server;
        this.name = name;
        this.keep = keep;
        this.dataSource = dataSource;
    }

    public static RunDatabase create(ProvisionedDatabase server, boolean keep) {
        String name = "trialbench_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));
        OwnedDatabases.reportStale(server, System.out);
        server.createDatabase(name);
        OwnedDatabases.mark(server, name);
        RunSession.database(server, name, keep);
        PoolConfig config = PoolConfig.defaults(server.jdbcUrlFor(name), server.username(), server.password())
                .withMaximumPoolSize(PoolConfig.DEFAULT_MAXIMUM_POOL_SIZE);
        return new RunDatabase(server, name, keep, Pool.open(config));
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return server.jdbcUrlFor(name);
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    /**
     * The Fix 4 pool settings on this database, with another maximum size: the code under test's own
     * pool for a load run or {@code serve}. The caller closes it.
     */
    public PoolConfig poolConfig(int maximumPoolSize) {
        return PoolConfig.defaults(server.jdbcUrlFor(name), server.username(), server.password())
                .withMaximumPoolSize(maximumPoolSize);
    }

    @Override
    public void close() {
        dataSource.close();
        boolean ephemeral = server.kind() == DatabaseKind.EMBEDDED || server.kind() == DatabaseKind.CONTAINER;
        if (keep || ephemeral) {
            return;
        }
        try {
            server.dropDatabase(name);
        } catch (DatabaseUnavailableException e) {
            System.err.println("trialbench: " + e.getMessage());
        }
    }
}
