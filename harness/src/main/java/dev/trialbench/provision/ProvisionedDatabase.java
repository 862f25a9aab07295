package dev.trialbench.provision;

import dev.trialbench.db.DatabaseUnavailableException;
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
     * Creates an empty database on this server, for a run, a load test or an experiment of its own.
     *
     * @param name lower-case letters, digits and underscores (it is written into the statement)
     * @throws DatabaseUnavailableException with the SQLState and what to do (the user needs CREATEDB)
     */
    default void createDatabase(String name) {
        Admin.execute(this, "CREATE DATABASE " + Admin.identifier(name), "create the database " + name
                + " (the user needs the CREATEDB privilege: ALTER ROLE ... CREATEDB; or use --db embedded)");
    }

    /**
     * Drops a database of this server if it exists, ending its sessions first ({@code WITH (FORCE)}).
     *
     * @throws DatabaseUnavailableException with the SQLState, naming the database to drop by hand
     */
    default void dropDatabase(String name) {
        Admin.execute(this, "DROP DATABASE IF EXISTS " + Admin.identifier(name) + " WITH (FORCE)", "drop the database "
                + name + " (drop it by hand)");
    }

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
