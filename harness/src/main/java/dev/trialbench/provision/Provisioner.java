package dev.trialbench.provision;

import dev.trialbench.db.DatabaseUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link DatabaseRequest} into a running server. {@code auto} takes, in this order: an explicit
 * JDBC URL; Testcontainers when a Docker engine answers; the embedded PostgreSQL. The choice and its
 * reason are logged and kept in {@link ProvisionedDatabase#reason()}. Thread-safe (stateless).
 */
public final class Provisioner {

    private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);

    static final String WAYS_TO_GET_A_DATABASE = """
            Ways to get a database:
              1. an existing PostgreSQL: --db url --jdbc-url jdbc:postgresql://HOST:5432/DB (or TRIALBENCH_JDBC_URL),
                 with --db-user/--db-password (or TRIALBENCH_DB_USER/TRIALBENCH_DB_PASSWORD);
              2. a container: start a Docker engine, then --db container;
              3. embedded: --db embedded; as root it needs 'unshare -U' (user namespaces) to run PostgreSQL
                 as an unprivileged user; otherwise run as a normal user.""";

    private Provisioner() {
    }

    public static ProvisionedDatabase provision(DatabaseRequest request) {
        ProvisionedDatabase database = switch (request.kind()) {
            case URL -> ExternalDatabase.connect(request, "--db url: the JDBC URL that was given");
            case CONTAINER -> ContainerDatabase.start("--db container was asked for");
            case EMBEDDED -> EmbeddedDatabase.start(request.embeddedMajor(), request.pgMajor() == null
                    ? "--db embedded was asked for" : "--db embedded --pg-major " + request.pgMajor().major() + " was asked for");
            case AUTO -> auto(request);
        };
        LOG.info("Database: {} ({})", database.kind().label(), database.reason());
        return database;
    }

    private static ProvisionedDatabase auto(DatabaseRequest request) {
        if (request.jdbcUrl() != null) {
            return ExternalDatabase.connect(request, "auto: a JDBC URL was given");
        }
        StringBuilder tried = new StringBuilder();
        String why;
        if (ContainerDatabase.dockerAvailable()) {
            try {
                return ContainerDatabase.start("auto: no JDBC URL was given and a Docker engine answers");
            } catch (DatabaseUnavailableException e) {
                tried.append("  - container: ").append(e.getMessage()).append('\n');
                why = "auto: no JDBC URL was given and the container did not start";
            }
        } else {
            tried.append("  - container: no Docker engine answers\n");
            why = "auto: no JDBC URL was given and no Docker engine answers";
        }
        try {
            return EmbeddedDatabase.start(request.embeddedMajor(), why);
        } catch (DatabaseUnavailableException e) {
            tried.append("  - embedded: ").append(e.getMessage()).append('\n');
        }
        throw new DatabaseUnavailableException("No PostgreSQL could be provisioned.\nTried:\n" + tried + WAYS_TO_GET_A_DATABASE);
    }
}
