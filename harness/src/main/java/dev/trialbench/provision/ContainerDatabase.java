package dev.trialbench.provision;

import dev.trialbench.db.DatabaseUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A PostgreSQL container ({@link ServerSettings#CONTAINER_IMAGE}) started by Testcontainers, with
 * {@link ServerSettings#benchmarkSettings()} passed as {@code -c} options.
 */
final class ContainerDatabase implements ProvisionedDatabase {

    private final PostgreSQLContainer container;
    private final String reason;

    private ContainerDatabase(PostgreSQLContainer container, String reason) {
        this.container = container;
        this.reason = reason;
    }

    /** Whether a Docker engine answers (about 0.6 s when none does). */
    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    static ContainerDatabase start(String reason) {
        if (!dockerAvailable()) {
            throw new DatabaseUnavailableException("No Docker engine answers, so no container can be started.\n"
                    + Provisioner.WAYS_TO_GET_A_DATABASE);
        }
        List<String> command = new ArrayList<>(List.of("postgres"));
        for (Map.Entry<String, String> setting : ServerSettings.benchmarkSettings().entrySet()) {
            command.add("-c");
            command.add(setting.getKey() + "=" + setting.getValue());
        }
        PostgreSQLContainer container = new PostgreSQLContainer(DockerImageName.parse(ServerSettings.CONTAINER_IMAGE))
                .withCommand(command.toArray(String[]::new));
        try {
            container.start();
        } catch (RuntimeException e) {
            container.close();
            throw new DatabaseUnavailableException("The PostgreSQL container (" + ServerSettings.CONTAINER_IMAGE
                    + ") did not start: " + e.getMessage() + "\n" + Provisioner.WAYS_TO_GET_A_DATABASE, e);
        }
        return new ContainerDatabase(container, reason + "; container " + ServerSettings.CONTAINER_IMAGE);
    }

    @Override
    public DatabaseKind kind() {
        return DatabaseKind.CONTAINER;
    }

    @Override
    public String reason() {
        return reason;
    }

    @Override
    public String jdbcUrl() {
        return container.getJdbcUrl();
    }

    @Override
    public String username() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }

    @Override
    public String jdbcUrlFor(String database) {
        return JdbcUrlsWithDatabase.replaceDatabase(container.getJdbcUrl(), database);
    }

    @Override
    public void close() {
        container.close();
    }
}
