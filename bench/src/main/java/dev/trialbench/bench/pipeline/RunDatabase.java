package dev.trialbench.bench.pipeline;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.DatabaseUnavailableException;
import dev.trialbench.db.Pool;
import dev.trialbench.db.PoolConfig;
import dev.trialbench.provision.DatabaseKind;
import dev.trialbench.provision.ProvisionedDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
        try (HikariDataSource admin = Pool.open(server.poolConfig().withMaximumPoolSize(1).withApplicationName("trialbench-admin"));
             Connection connection = admin.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Could not create the run's database " + name + ": " + e.getMessage()
                    + ". The user needs the CREATEDB privilege (ALTER ROLE ... CREATEDB), or use --db embedded.", e);
        }
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
        try (HikariDataSource admin = Pool.open(server.poolConfig().withMaximumPoolSize(1).withApplicationName("trialbench-admin"));
             Connection connection = admin.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("trialbench: could not drop the run's database " + name + " (" + e.getMessage()
                    + "); drop it by hand.");
        }
    }
}
