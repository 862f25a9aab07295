package dev.trialbench.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trialbench.db.PoolConfig;
import dev.trialbench.db.PoolConfig.Ssl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The security checks hold, the published results hold no password, and the scan finds one when there is one. */
class SecurityChecksTest {

    private static final Path PUBLISHED_RESULTS = Path.of("..", "results");

    @Test
    void everyCheckHoldsAndThePublishedResultsHoldNoPassword() {
        assertThat(PUBLISHED_RESULTS.resolve("README.md")).exists();

        SecurityCheckResult result = SecurityChecks.run(List.of(PUBLISHED_RESULTS), List.of());

        assertThat(result.failures()).isEmpty();
        assertThat(result.checksPassed()).isEqualTo(result.checksRun()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void theScanFindsPasswordAssignmentsAndKnownSecretsButNotMaskedOnesOrColumnNames(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("clean.md"), """
                url=jdbc:postgresql://db/app?password=****  user=app, password=(none)
                CREATE INDEX idx_users_password_hash ON users (password_hash)
                "password" : "****"
                """);
        assertThat(SecurityChecks.passwordsIn(folder, List.of("hunter2"))).isEmpty();

        Files.createDirectories(folder.resolve("run"));
        Files.writeString(folder.resolve("run/environment.json"), "{\n \"command\" : \"x --db-password=hunter2\"\n}\n");
        Files.writeString(folder.resolve("run/config.json"), "{\n \"password\" : \"s3cret\"\n}\n");
        Files.writeString(folder.resolve("run/notes.txt"), "PGPASSWORD=abc\nthe value hunter2 alone\n");

        assertThat(SecurityChecks.passwordsIn(folder, List.of("hunter2"))).containsExactly(
                "run/config.json:2: a password assignment",
                "run/environment.json:2: a password assignment", "run/environment.json:2: a secret value",
                "run/notes.txt:1: a password assignment", "run/notes.txt:2: a secret value");
    }

    @Test
    void aUrlAskingForSslWithoutVerificationIsRefusedWithTheTwoWaysOut() {
        assertThatThrownBy(() -> PoolConfig.defaults("jdbc:postgresql://db.example/app?sslmode=require", "app", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("asks for sslmode=require, which does not verify the server's certificate")
                .hasMessageContaining("use sslmode=verify-full")
                .hasMessageContaining("choose the SSL mode REQUIRE_UNVERIFIED explicitly");
        PoolConfig explicit = PoolConfig.defaults("jdbc:postgresql://db.example/app", "app", "").withSsl(Ssl.REQUIRE_UNVERIFIED);
        assertThat(explicit.driverSslMode()).isEqualTo("require");
        assertThat(PoolConfig.defaults("jdbc:postgresql://db.example/app?ssl=true", "app", "").driverSslMode())
                .isEqualTo("verify-full");
        assertThat(PoolConfig.defaults("jdbc:postgresql://db.example/app?ssl=false", "app", "").driverSslMode())
                .isEqualTo("disable");
    }
}
