package dev.trialbench.pooler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.Pool;
import dev.trialbench.db.PoolConfig;
import dev.trialbench.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real pgBouncer (Debian's package) in front of the test server: the configuration it is given,
 * that it runs and stops, and what breaks with Fix 4's pool and pgjdbc's prepared statements in
 * transaction mode. Skipped, saying so, where pgbouncer is not installed (CI installs it). Asserts
 * settings, SQLStates and messages, never timings.
 */
class PgBouncerTest {

    @TempDir
    Path folder;

    @BeforeAll
    static void pgbouncerInstalled() {
        assumeTrue(PgBouncer.unavailableReason().isEmpty(),
                () -> "skipped: " + PgBouncer.unavailableReason().orElse(""));
    }

    @Test
    void theWrittenConfigurationPoolsTransactionsOnLoopbackAndKeepsThePasswordOutOfItsDescription() {
        PgBouncerSettings settings = PgBouncerSettings.transactionPooling("jdbc:postgresql://db.example:6543/app",
                "app_user", "s3cret", 10).ignoringOptions().withConnectQuery(PgBouncerSettings.fix4ConnectQuery(30000, 10000, 60000));

        String ini = settings.ini(7000, Path.of("/run/x/users.txt"));

        assertThat(ini).contains("[databases]\n* = host=db.example port=6543 user=app_user password='s3cret'"
                        + " connect_query='SET statement_timeout = 30000; SET lock_timeout = 10000;"
                        + " SET idle_in_transaction_session_timeout = 60000'\n")
                .contains("listen_addr = 127.0.0.1\n", "listen_port = 7000\n", "auth_type = trust\n",
                        "pool_mode = transaction\n", "auth_file = /run/x/users.txt\n", "default_pool_size = 10\n",
                        "ignore_startup_parameters = extra_float_digits,options\n", "unix_socket_dir =\n");
        assertThat(settings.toString()).contains("password=****").doesNotContain("s3cret");
        assertThat(PgBouncerSettings.transactionPooling("jdbc:postgresql://localhost:5432/x", "u", "", 5).ini(1, Path.of("users.txt")))
                .doesNotContain("password").doesNotContain("connect_query").contains("ignore_startup_parameters = extra_float_digits\n");
    }

    @Test
    void settingsThatTheConfigurationFileCannotCarryAreRefusedWithTheReason() {
        assertThatThrownBy(() -> PgBouncerSettings.transactionPooling("jdbc:postgresql://h:5432/x", "u", "a'b", 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quote")
                .hasMessageNotContaining("a'b");
        assertThatThrownBy(() -> PgBouncerSettings.transactionPooling("jdbc:postgresql://h:5432/x", "u; x", "", 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("server user");
        assertThatThrownBy(() -> PgBouncerSettings.transactionPooling("jdbc:postgresql://h:5432/x", "u", "", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("default_pool_size");
    }

    @Test
    void startsUnprivilegedServesTheFix4PoolOnceConfiguredAndStopsOnClose() throws Exception {
        try (HikariDataSource database = TestPostgres.after("pooler_start", 1)) {
            PoolConfig server = PoolConfig.defaults(database.getJdbcUrl(), database.getUsername(), database.getPassword());
            String name = database.getJdbcUrl().replaceAll(".*/([^/?]+)(\\?.*)?$", "$1");
            PgBouncerSettings settings = PgBouncerSettings.transactionPooling(server.jdbcUrl(), server.username(),
                    server.password(), 2).ignoringOptions().withConnectQuery(PgBouncerSettings.fix4ConnectQuery(
                    server.statementTimeout().toMillis(), server.lockTimeout().toMillis(),
                    server.idleInTransactionSessionTimeout().toMillis()));
            PgBouncer pooler = PgBouncer.start(settings, folder);
            Path ini = pooler.folder().resolve("pgbouncer.ini");
            try (pooler) {
                assertThat(pooler.version()).startsWith("PgBouncer 1.");
                assertThat(pooler.isRunning()).isTrue();
                assertThat(Files.readString(ini)).contains("listen_port = " + pooler.port() + "\n");
                if ("root".equals(System.getProperty("user.name"))) {
                    assertThat(pooler.processUid()).isEqualTo(PgBouncer.UNPRIVILEGED_ID);
                }
                PoolConfig throughPooler = PoolConfig.defaults(pooler.jdbcUrl(name, "prepareThreshold=0"),
                        server.username(), server.password()).withMaximumPoolSize(3);
                try (HikariDataSource pooled = Pool.open(throughPooler);
                     Connection connection = pooled.getConnection();
                     Statement statement = connection.createStatement()) {
                    try (ResultSet rows = statement.executeQuery("SHOW statement_timeout")) {
                        rows.next();
                        assertThat(rows.getString(1)).isEqualTo("30s");
                    }
                    try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM users")) {
                        rows.next();
                        assertThat(rows.getLong(1)).isZero();
                    }
                }
            }
            assertThat(pooler.isRunning()).isFalse();
            assertThat(pooler.folder()).doesNotExist();
        }
    }

    @Test
    void transactionPoolingBreaksFix4sStartupOptionsAndPgjdbcsNamedStatementsAndLeaksSessionSettings() {
        try (HikariDataSource database = TestPostgres.after("pooler_findings", 1)) {
            PoolConfig server = PoolConfig.defaults(database.getJdbcUrl(), database.getUsername(), database.getPassword());
            String name = database.getJdbcUrl().replaceAll(".*/([^/?]+)(\\?.*)?$", "$1");

            PoolerCorrectness.Findings findings = PoolerCorrectness.probe(server, name, folder);

            assertThat(findings.pgbouncerVersion()).startsWith("PgBouncer 1.");
            assertThat(findings.fix4PoolStrict().worked()).isFalse();
            assertThat(findings.fix4PoolStrict().sqlState()).isEqualTo("08P01");
            assertThat(findings.fix4PoolStrict().message()).contains("unsupported startup parameter: options");
            assertThat(findings.fix4PoolOptionsIgnored()).isEqualTo(new PoolerCorrectness.Outcome(true, null, null, "0"));
            assertThat(findings.fix4PoolConnectQuery()).isEqualTo(new PoolerCorrectness.Outcome(true, null, null, "30s"));
            assertThat(findings.fix4StatementTimeout()).isEqualTo("30s");
            if (PoolerCorrectness.lacksProtocolPreparedStatements(findings.pgbouncerVersion())) {
                assertThat(findings.preparedDefault().worked()).isFalse();
                assertThat(findings.preparedDefault().sqlState()).isIn("42P05", "26000");
                assertThat(findings.preparedDefault().message()).contains("prepared statement \"S_");
            }
            assertThat(findings.preparedThresholdZero()).isEqualTo(new PoolerCorrectness.Outcome(true, null, null,
                    4 * PoolerCorrectness.EXECUTIONS + " executions"));
            assertThat(findings.sessionSetLeak()).isEqualTo(new PoolerCorrectness.Outcome(true, null, null, "4321ms"));
        }
    }
}
