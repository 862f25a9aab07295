package dev.trialbench.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.PoolConfig.Ssl;
import dev.trialbench.testing.TestPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pool's Fix 4 settings as the server sees them on every connection, the statement timeout as
 * the server enforces it, and the configuration's checks and masking. Runs against the shared test
 * server's {@code postgres} database; nothing here creates tables.
 */
class PoolTest {

    private static final String APPLICATION = "trialbench-pool-test";

    @Test
    void everyConnectionStartsWithTheReportsTimeoutsAndApplicationName() throws SQLException {
        PoolConfig config = serverConfig().withMaximumPoolSize(4).withApplicationName(APPLICATION);
        assertThat(config.minimumIdle()).as("the pool starts with fewer connections than it will hold").isLessThan(4);

        try (HikariDataSource pool = Pool.open(config)) {
            List<Connection> held = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    held.add(pool.getConnection());
                }
                assertThat(held).extracting(PoolTest::backendPid).doesNotHaveDuplicates();
                for (Connection connection : held) {
                    assertThat(settings(connection)).containsExactly(
                            Map.entry("statement_timeout", "30s client"),
                            Map.entry("lock_timeout", "10s client"),
                            Map.entry("idle_in_transaction_session_timeout", "1min client"),
                            Map.entry("application_name", APPLICATION));
                }
            } finally {
                for (Connection connection : held) {
                    connection.close();
                }
            }
        }
    }

    @Test
    void aStatementLongerThanTheStatementTimeoutIsCancelledByTheServer() throws SQLException {
        PoolConfig config = serverConfig().withMaximumPoolSize(1)
                .withTimeouts(Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMinutes(1));

        try (HikariDataSource pool = Pool.open(config);
             Connection connection = pool.getConnection();
             Statement statement = connection.createStatement()) {
            assertThat(settings(connection)).containsEntry("statement_timeout", "200ms client");
            assertThatThrownBy(() -> statement.execute("SELECT pg_sleep(2)"))
                    .isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(e.getSQLState()).as("query_canceled").isEqualTo("57014"))
                    .hasMessageContaining("statement timeout");
            assertThat(statement.execute("SELECT 1")).as("the connection is usable afterwards").isTrue();
        }
    }

    @Test
    void badValuesAreRejectedNamingTheFlagAndTheVariable() {
        assertThatThrownBy(() -> PoolConfig.defaults("jdbc:mysql://db.example/app", "app", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:postgresql:")
                .hasMessageContaining("--jdbc-url")
                .hasMessageContaining("TRIALBENCH_JDBC_URL");
        assertThatThrownBy(() -> PoolConfig.defaults(null, "app", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--jdbc-url");
        assertThatThrownBy(() -> localConfig().withMaximumPoolSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--pool-size")
                .hasMessageContaining("TRIALBENCH_POOL_SIZE")
                .hasMessageContaining("was 0");
    }

    @Test
    void badValuesAreAllReportedInOneMessage() {
        assertThatThrownBy(() -> new PoolConfig("jdbc:oracle:thin:@db", "app", "", 0, 3,
                Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ZERO, Duration.ofSeconds(-1), null,
                "has spaces", Ssl.FROM_URL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid pool configuration: ")
                .hasMessageContaining("--jdbc-url")
                .hasMessageContaining("--pool-size")
                .hasMessageContaining("minimum idle connections must be between 0 and the pool size 0, was 3")
                .hasMessageContaining("connection timeout must be at least 250 ms")
                .hasMessageContaining("statement timeout must be positive, was PT0S")
                .hasMessageContaining("lock timeout must be positive, was PT-1S")
                .hasMessageContaining("idle-in-transaction timeout must be positive, was null")
                .hasMessageContaining("application name must be 1 to 63 letters");
    }

    @Test
    void toStringShowsTheSettingsButNeverThePassword() {
        PoolConfig config = PoolConfig.defaults(
                "jdbc:postgresql://db.example:5432/app?sslmode=verify-full&password=url-secret", "app", "hunter2");

        assertThat(config.toString())
                .doesNotContain("hunter2", "url-secret")
                .contains("url=jdbc:postgresql://db.example:5432/app?sslmode=verify-full&password=****")
                .contains("user=app", "password=****", "maximumPoolSize=10", "statementTimeout=PT30S");
        assertThat(localConfig().toString()).contains("password=(none)");
    }

    @Test
    void maskHidesEveryPasswordAJdbcUrlCanCarry() {
        assertThat(JdbcUrls.mask("jdbc:postgresql://db.example/app?user=app&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db.example/app?user=app&password=****&ssl=true");
        assertThat(JdbcUrls.mask("jdbc:postgresql://db.example/app?PASSWORD=s3cret;sslpassword=k3y&sslkeypassword=k4y"))
                .isEqualTo("jdbc:postgresql://db.example/app?PASSWORD=****;sslpassword=****&sslkeypassword=****");
        assertThat(JdbcUrls.mask("jdbc:postgresql://app:s3cret@db.example:5432/app"))
                .isEqualTo("jdbc:postgresql://****@db.example:5432/app");
        assertThat(JdbcUrls.mask("jdbc:postgresql://db.example/app?user=app")).isEqualTo("jdbc:postgresql://db.example/app?user=app");
        assertThat(JdbcUrls.mask(null)).isNull();
    }

    @Test
    void verifyFullRefusesAServerWithoutSslInsteadOfConnectingUnverified() {
        assertThatThrownBy(() -> Pool.open(serverConfig().withMaximumPoolSize(1).withSsl(Ssl.VERIFY_FULL)).close())
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("does not support SSL")
                .hasMessageContaining("Check that the server is running");
    }

    @Test
    void anSslModeAskedForIsRefusedWhenTheUrlWouldSilentlyOverrideIt() {
        PoolConfig server = serverConfig();
        PoolConfig urlSaysDisable = PoolConfig.defaults(server.jdbcUrl() + "&sslmode=disable", server.username(), server.password());

        assertThatThrownBy(() -> urlSaysDisable.withSsl(Ssl.VERIFY_FULL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the JDBC URL sets sslmode, which would override the SSL mode VERIFY_FULL");
        assertThat(urlSaysDisable.ssl()).as("leaving SSL to the URL stays possible").isEqualTo(Ssl.FROM_URL);
    }

    @Test
    void theSameServerAcceptsTheConnectionWithoutSsl() throws SQLException {
        try (HikariDataSource pool = Pool.open(serverConfig().withMaximumPoolSize(1).withSsl(Ssl.DISABLE));
             Connection connection = pool.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getBoolean(1)).isFalse();
        }
    }

    @Test
    void aPortWhereNoServerListensSaysWhatToCheck() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PoolConfig config = PoolConfig.defaults("jdbc:postgresql://127.0.0.1:" + closedPort + "/postgres?password=url-secret",
                "postgres", "hunter2").withConnectionTimeout(Duration.ofSeconds(2));

        assertThatThrownBy(() -> Pool.open(config).close())
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .hasMessageContaining("Check that the server is running and reachable")
                .hasMessageContaining("--jdbc-url")
                .hasMessageNotContaining("url-secret")
                .hasMessageNotContaining("hunter2");
    }

    private static PoolConfig serverConfig() {
        return TestPostgres.server().poolConfig();
    }

    /** A configuration that is never opened. */
    private static PoolConfig localConfig() {
        return PoolConfig.defaults("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
    }

    private static int backendPid(Connection connection) {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The three timeouts with their source, and the application name. Source {@code client} means a
     * timeout came with the connection's startup packet, before any statement (a {@code SET} would
     * show {@code session}). The application name has no source here: pgjdbc sets it with a
     * {@code SET} of its own while connecting (unless told {@code assumeMinServerVersion=9.0}),
     * which is still before the caller's first statement.
     */
    private static Map<String, String> settings(Connection connection) throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement()) {
            for (String name : List.of("statement_timeout", "lock_timeout", "idle_in_transaction_session_timeout", "application_name")) {
                String value;
                try (ResultSet rows = statement.executeQuery("SHOW " + name)) {
                    rows.next();
                    value = rows.getString(1);
                }
                if (name.equals("application_name")) {
                    settings.put(name, value);
                    continue;
                }
                try (ResultSet rows = statement.executeQuery("SELECT source FROM pg_settings WHERE name = '" + name + "'")) {
                    rows.next();
                    settings.put(name, value + " " + rows.getString(1));
                }
            }
        }
        return settings;
    }
}
