package dev.trialbench.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.runfolder.RunEnvironment;
import dev.trialbench.provision.DatabaseKind;
import dev.trialbench.provision.DatabaseRequest;
import dev.trialbench.provision.ProvisionedDatabase;
import dev.trialbench.provision.Provisioner;
import dev.trialbench.reliability.SecurityCheckResult;
import dev.trialbench.reliability.SecurityChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run folder's environment record, built as the pipeline builds it for a server given by a JDBC
 * URL that carries a password (in the URL and as the password): the JSON written to the folder
 * holds neither password nor any {@code password=} assignment; nor do the published results.
 */
class RunFolderSecretsTest {

    private static final String PASSWORD = "Run-Folder-Pa55-4410";
    private static final String URL_PASSWORD = "Url-In-Run-Pa55-8821";

    @Test
    void theEnvironmentOfARunFolderHoldsNoPassword(@TempDir Path parent) {
        DatabaseRequest request = new DatabaseRequest(DatabaseKind.URL,
                "jdbc:postgresql://db.example:5432/app?user=app&password=" + URL_PASSWORD, "app", PASSWORD);
        ProvisionedDatabase server = Provisioner.provision(request);
        Path folder = RunFolderWriter.create(parent, "abcdef12", EnvironmentProbe.host());
        RunEnvironment environment = new RunEnvironment("0.1.0", "abcdef12", EnvironmentProbe.host(), "2026-11-25T12:00:00Z",
                "quick", 0.1, 42, "2026-11-25T00:00:00Z", server.kind().label(), server.reason(), "17.0",
                Map.of("server_version", "17.0"), EnvironmentProbe.jdk(), EnvironmentProbe.os(), EnvironmentProbe.cpuModel(),
                2, EnvironmentProbe.memoryBytes(), 1, "./trialbench run --profile quick --scale 0.1 --seed 42");

        RunFolderWriter.write(folder.resolve("environment.json"), environment);

        assertThat(server.reason()).contains("password=****");
        assertThat(folder.resolve("environment.json")).exists();
        assertThat(SecurityChecks.passwordsIn(folder, List.of(PASSWORD, URL_PASSWORD))).isEmpty();
        assertThat(request.toString()).doesNotContain(PASSWORD, URL_PASSWORD);
        assertThat(server.toString()).doesNotContain(PASSWORD, URL_PASSWORD);
    }

    @Test
    void thePublishedResultsHoldNoPassword() {
        Path results = Path.of("..", "results");
        assertThat(Files.isDirectory(results)).isTrue();
        SecurityCheckResult checks = SecurityChecks.run(List.of(results), List.of());
        assertThat(checks.failures()).isEmpty();
    }
}
