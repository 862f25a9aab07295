package dev.trialbench.provision;

import dev.trialbench.db.PoolConfig;

/**
 * A PostgreSQL server that is ready to take connections, and how it was chosen. Closing it stops
 * the server if trialbench started it (embedded, container); an external server is left alone.
 */
public interface ProvisionedDatabase extends AutoCloseable {

    /** Which kind of provider gave this database (never {@link DatabaseKind#AUTO}). */
    DatabaseKind kind();

    /** Why this provider was chosen, in a sentence for the terminal and the environment file. */
    String reason();

    String jdbcUrl();

    String username();

    String password();

    /** The pool settings (report Fix 4 defaults) for this server. */
    default PoolConfig poolConfig() {
        return PoolConfig.defaults(jdbcUrl(), username(), password());
    }

    /** A JDBC URL of another database on the same server (to create isolated databases). */
    String jdbcUrlFor(String database);

    /**
     * A way to stop and restart this server for fault experiments, when trialbench owns it and can
     * (embedded); empty otherwise.
     */
    default java.util.Optional<ServerControl> serverControl() {
        return java.util.Optional.empty();
    }

    @Override
    void close();
}
