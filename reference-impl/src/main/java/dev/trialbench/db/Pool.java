package dev.trialbench.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.pool.HikariPool;

/**
 * Opens the HikariCP pool every caller uses, from one {@link PoolConfig}. Thread-safe (stateless).
 */
public final class Pool {

    private Pool() {
    }

    /**
     * Opens a pool and checks one connection out and back, so that a wrong URL or a server that is
     * down fails here, with a message that says what to check, and not at the first activation.
     */
    public static HikariDataSource open(PoolConfig config) {
        return open(config, null);
    }

    /**
     * As {@link #open(PoolConfig)}, with HikariCP's metrics reported to {@code metrics} (for example
     * a {@link PoolWaitRecorder}); {@code null} for none.
     */
    public static HikariDataSource open(PoolConfig config, MetricsTrackerFactory metrics) {
        HikariConfig hikari = new HikariConfig();
        if (metrics != null) {
            hikari.setMetricsTrackerFactory(metrics);
        }
        hikari.setPoolName("trialbench-" + config.applicationName());
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.username());
        if (config.password() != null && !config.password().isEmpty()) {
            hikari.setPassword(config.password());
        }
        hikari.setMaximumPoolSize(config.maximumPoolSize());
        hikari.setMinimumIdle(config.minimumIdle());
        if (config.minimumIdle() < config.maximumPoolSize()) {
            hikari.setIdleTimeout(config.idleTimeout().toMillis());
        }
        hikari.setConnectionTimeout(config.connectionTimeout().toMillis());
        hikari.addDataSourceProperty("options", config.sessionOptions());
        hikari.addDataSourceProperty("ApplicationName", config.applicationName());
        hikari.addDataSourceProperty("tcpKeepAlive", "true");
        // Keep row values (e.g. "Key (fingerprint_hash)=(...) already exists") out of exception messages.
        hikari.addDataSourceProperty("logServerErrorDetail", "false");
        String sslMode = config.driverSslMode();
        if (sslMode != null) {
            hikari.addDataSourceProperty("sslmode", sslMode);
        }
        try {
            return new HikariDataSource(hikari);
        } catch (HikariPool.PoolInitializationException e) {
            throw new DatabaseUnavailableException("Could not open a connection to "
                    + JdbcUrls.mask(config.jdbcUrl()) + " as user '" + config.username() + "': "
                    + rootMessage(e) + ". Check that the server is running and reachable, and the user,"
                    + " password and database name; or run without --jdbc-url to use an embedded PostgreSQL.", e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
