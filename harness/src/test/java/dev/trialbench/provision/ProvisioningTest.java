package dev.trialbench.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.Pool;
import dev.trialbench.testing.TestPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * How a request for a database is read and turned into a server. The request checks and the URL
 * provider's choice need no server; the providers that do are tried where one exists (the local
 * PostgreSQL on 127.0.0.1:5432, a Docker engine) and skipped elsewhere.
 */
class ProvisioningTest {

    private static final String REMOTE = "jdbc:postgresql://db.example:6543/app?sslmode=verify-full&ApplicationName=bench";

    @Test
    void anUnknownKindIsRejectedNamingTheFlagTheVariableAndTheChoices() {
        assertThatThrownBy(() -> DatabaseKind.parse("foo"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'foo'")
                .hasMessageContaining("--db")
                .hasMessageContaining("TRIALBENCH_DB")
                .hasMessageContaining("auto, url, container or embedded");
        assertThatThrownBy(() -> DatabaseKind.parse(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--db");
        assertThat(DatabaseKind.parse(" Embedded ")).isEqualTo(DatabaseKind.EMBEDDED);
    }

    @Test
    void theUrlKindWithoutAUrlSaysWhereToGiveOne() {
        for (String missing : new String[] {null, "  "}) {
            assertThatThrownBy(() -> new DatabaseRequest(DatabaseKind.URL, missing, "postgres", ""))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--jdbc-url")
                    .hasMessageContaining("TRIALBENCH_JDBC_URL");
        }
    }

    @Test
    void aUrlForAnotherDatabaseProductIsRejected() {
        for (DatabaseKind kind : new DatabaseKind[] {DatabaseKind.URL, DatabaseKind.AUTO}) {
            assertThatThrownBy(() -> new DatabaseRequest(kind, "jdbc:mysql://db.example:3306/app", "app", ""))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must start with jdbc:postgresql:")
                    .hasMessageContaining("--jdbc-url");
        }
    }

    @Test
    void toStringMasksBothPasswords() {
        DatabaseRequest request = new DatabaseRequest(DatabaseKind.URL,
                "jdbc:postgresql://db.example/app?password=url-secret", "app", "hunter2");

        assertThat(request.toString())
                .doesNotContain("url-secret", "hunter2")
                .isEqualTo("DatabaseRequest[kind=url, url=jdbc:postgresql://db.example/app?password=****, user=app, password=****]");
        assertThat(DatabaseRequest.embedded().toString()).contains("kind=embedded", "password=(none)");
    }

    @Test
    void theEnvironmentAloneDescribesARequest() {
        DatabaseRequest request = DatabaseRequest.fromEnvironment(Map.of("TRIALBENCH_DB", "url", "TRIALBENCH_JDBC_URL", REMOTE));

        assertThat(request).isEqualTo(new DatabaseRequest(DatabaseKind.URL, REMOTE, "postgres", ""));
        assertThat(DatabaseRequest.fromEnvironment(Map.of()).kind()).isEqualTo(DatabaseKind.AUTO);
        assertThatThrownBy(() -> DatabaseRequest.fromEnvironment(Map.of("TRIALBENCH_DB", "foo")))
                .hasMessageContaining("TRIALBENCH_DB");
    }

    @Test
    void autoWithAJdbcUrlTakesThatServerAndSaysWhy() {
        DatabaseRequest request = new DatabaseRequest(DatabaseKind.AUTO, REMOTE + "&password=url-secret", "app", "hunter2");

        try (ProvisionedDatabase database = Provisioner.provision(request)) {
            assertThat(database.kind()).isEqualTo(DatabaseKind.URL);
            assertThat(database.reason())
                    .contains("auto", "a JDBC URL was given", "db.example:6543")
                    .doesNotContain("url-secret", "hunter2");
            assertThat(database.username()).isEqualTo("app");
            assertThat(database.poolConfig().jdbcUrl()).isEqualTo(request.jdbcUrl());
        }
    }

    @Test
    void jdbcUrlForSwapsTheDatabaseNameAndKeepsTheParameters() {
        try (ProvisionedDatabase database = Provisioner.provision(new DatabaseRequest(DatabaseKind.URL, REMOTE, "app", ""))) {
            assertThat(database.jdbcUrlFor("tb_other"))
                    .isEqualTo("jdbc:postgresql://db.example:6543/tb_other?sslmode=verify-full&ApplicationName=bench");
        }
        assertThat(JdbcUrlsWithDatabase.replaceDatabase("jdbc:postgresql://db.example:6543", "tb_other"))
                .isEqualTo("jdbc:postgresql://db.example:6543/tb_other");
        assertThat(JdbcUrlsWithDatabase.replaceDatabase("jdbc:postgresql://h1:5432,h2:5433/app?targetServerType=primary", "tb_other"))
                .isEqualTo("jdbc:postgresql://h1:5432,h2:5433/tb_other?targetServerType=primary");
        assertThatThrownBy(() -> JdbcUrlsWithDatabase.replaceDatabase("jdbc:postgresql:app", "tb_other"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:postgresql://HOST:PORT/DATABASE");
    }

    @Test
    void theSharedEmbeddedServerRunsWithTheBenchmarkSettings() throws SQLException {
        ProvisionedDatabase server = TestPostgres.server();
        assumeTrue(server.kind() == DatabaseKind.EMBEDDED, "the tests were pointed at another server");

        assertThat(server.reason()).contains("embedded PostgreSQL on port");
        assertThat(server.jdbcUrlFor("tb_other")).isEqualTo(server.jdbcUrl().replace("/postgres?", "/tb_other?"));
        try (HikariDataSource pool = Pool.open(server.poolConfig().withMaximumPoolSize(1))) {
            assertThat(firstValue(pool, "SHOW shared_preload_libraries")).contains("pg_stat_statements");
            assertThat(firstValue(pool, "SHOW max_connections")).isEqualTo(ServerSettings.benchmarkSettings().get("max_connections"));
            assertThat(firstValue(pool, "SHOW fsync")).as("durability stays on").isEqualTo("on");
            assertThat(firstValue(pool, "SHOW synchronous_commit")).as("durability stays on").isEqualTo("on");
        }
    }

    @Test
    void theUrlProviderConnectsToTheLocalServer() throws SQLException {
        assumeTrue(listening("127.0.0.1", 5432), "no PostgreSQL listens on 127.0.0.1:5432");
        DatabaseRequest request = new DatabaseRequest(DatabaseKind.URL, "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");

        try (ProvisionedDatabase database = Provisioner.provision(request);
             HikariDataSource pool = Pool.open(database.poolConfig().withMaximumPoolSize(1))) {
            assertThat(database.kind()).isEqualTo(DatabaseKind.URL);
            assertThat(firstValue(pool, "SELECT current_database() || ' as ' || current_user")).isEqualTo("postgres as postgres");
            assertThat(firstValue(pool, "SHOW statement_timeout")).isEqualTo("30s");
        }
    }

    @Test
    void theContainerProviderStartsThePinnedImage() throws SQLException {
        assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
                "no Docker engine answers (DOCKER_HOST unset or not running; .ci/container-engine up starts one)");

        try (ProvisionedDatabase database = Provisioner.provision(new DatabaseRequest(DatabaseKind.CONTAINER, null, null, null));
             HikariDataSource pool = Pool.open(database.poolConfig().withMaximumPoolSize(1))) {
            assertThat(database.kind()).isEqualTo(DatabaseKind.CONTAINER);
            assertThat(database.reason()).contains(ServerSettings.CONTAINER_IMAGE);
            assertThat(firstValue(pool, "SHOW server_version")).startsWith(ServerSettings.CONTAINER_IMAGE.substring("postgres:".length()));
            assertThat(firstValue(pool, "SHOW shared_preload_libraries")).contains("pg_stat_statements");
            assertThat(firstValue(pool, "SHOW max_connections")).isEqualTo(ServerSettings.benchmarkSettings().get("max_connections"));
            assertThat(firstValue(pool, "SHOW fsync")).as("durability stays on").isEqualTo("on");
            assertThat(firstValue(pool, "SHOW synchronous_commit")).as("durability stays on").isEqualTo("on");
        }
    }

    private static boolean listening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String firstValue(HikariDataSource pool, String sql) throws SQLException {
        try (Connection connection = pool.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
