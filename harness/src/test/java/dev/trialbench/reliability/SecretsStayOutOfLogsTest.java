package dev.trialbench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.MigrationException;
import dev.trialbench.db.Migrations;
import dev.trialbench.db.Pool;
import dev.trialbench.db.PoolConfig;
import dev.trialbench.http.ServiceConfig;
import dev.trialbench.http.TrialService;
import dev.trialbench.provision.DatabaseKind;
import dev.trialbench.provision.DatabaseRequest;
import dev.trialbench.provision.Provisioner;
import dev.trialbench.testing.Sql;
import dev.trialbench.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every failure kind an activation meets (bad input, unknown user, a violated constraint, a lock
 * timeout, a statement timeout) plus a refused migration and a pool and a provisioning with a
 * password, all while System.out and System.err are captured (slf4j-simple writes to System.err,
 * the HTTP routes at DEBUG): the capture holds the expected lines, and none of the exact values
 * used (email, IP, fingerprint, user id, device data, passwords).
 */
class SecretsStayOutOfLogsTest {

    private static final String EMAIL = "dora.private-5521@example.test";
    private static final String IP = "198.51.100.211";
    private static final String FINGERPRINT = "fp0secret0value0abcdef0123456789";
    private static final String DEVICE_VALUE = "device-value-7f3a9c";
    private static final String PASSWORD = "Pool-Pa55word-9931";
    private static final String URL_PASSWORD = "Url-Pa55word-1177";

    @Test
    void noLogLineHoldsAParameterAnEmailAnIpOrAPassword() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        List<Integer> statuses = new ArrayList<>();
        UUID user = UUID.randomUUID();
        try (HikariDataSource admin = TestPostgres.after("secrets_in_logs", 3)) {
            Sql.execute(admin, "INSERT INTO users (user_id, email, name) VALUES ('" + user + "', '" + EMAIL + "', 'Dora')");
            PoolConfig base = PoolConfig.defaults(admin.getJdbcUrl() + "&password=" + URL_PASSWORD, admin.getUsername(), PASSWORD)
                    .withMaximumPoolSize(2);
            System.setOut(capture);
            System.setErr(capture);

            Provisioner.provision(new DatabaseRequest(DatabaseKind.URL, base.jdbcUrl(), base.username(), PASSWORD));
            String body = "{\"userId\":\"" + user + "\",\"fingerprintHash\":\"" + FINGERPRINT + "\",\"deviceData\":{\"contact\":\""
                    + EMAIL + "\",\"model\":\"" + DEVICE_VALUE + "\"},\"ipAddress\":\"" + IP + "\"}";
            try (HikariDataSource pool = Pool.open(base.withTimeouts(Duration.ofMillis(400), Duration.ofMillis(200), Duration.ofSeconds(5)));
                 TrialService service = TrialService.start(pool, ServiceConfig.forPool(2))) {
                statuses.add(post(service, body.replace(IP, IP + ".9")));
                statuses.add(post(service, body.replace(user.toString(), UUID.randomUUID().toString())));
                statuses.add(post(service, body.replace("\"" + FINGERPRINT + "\"", "42")));
                try (Connection locker = admin.getConnection(); Statement statement = locker.createStatement()) {
                    locker.setAutoCommit(false);
                    statement.execute("LOCK TABLE device_fingerprints IN ACCESS EXCLUSIVE MODE");
                    statuses.add(post(service, body));
                    locker.rollback();
                }
                Sql.execute(admin, "ALTER TABLE device_fingerprints ADD CONSTRAINT test_no_contact CHECK (device_data->>'contact' IS NULL)");
                statuses.add(post(service, body));
            }
            try (HikariDataSource pool = Pool.open(base.withTimeouts(Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(5)));
                 TrialService service = TrialService.start(pool, ServiceConfig.forPool(2));
                 Connection locker = admin.getConnection(); Statement statement = locker.createStatement()) {
                locker.setAutoCommit(false);
                statement.execute("LOCK TABLE device_fingerprints IN ACCESS EXCLUSIVE MODE");
                statuses.add(post(service, body.replace("\"contact\":\"" + EMAIL + "\",", "")));
                locker.rollback();
            }
            refusedMigration();
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }

        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(statuses).containsExactly(400, 404, 400, 500, 500, 500);
        assertThat(log).contains("Database: url", "POST /activations/batched -> 400", "55P03", "23514", "57014",
                "constraints not added");
        assertThat(log).doesNotContain(EMAIL, "dora.private", IP, "198.51.100", FINGERPRINT, DEVICE_VALUE, user.toString(),
                PASSWORD, URL_PASSWORD);
    }

    private static int post(TrialService service, String body) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUri() + "/activations/batched"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).doesNotContain(EMAIL, IP, FINGERPRINT, DEVICE_VALUE);
        return response.statusCode();
    }

    /** V4_1 refuses orphan sessions whose rows hold the email's user and the IP. */
    private static void refusedMigration() {
        try (HikariDataSource dataSource = TestPostgres.before("secrets_in_migration_logs", 3)) {
            Sql.execute(dataSource, "INSERT INTO users (user_id, email) VALUES (gen_random_uuid(), '" + EMAIL + "')");
            Sql.execute(dataSource, "INSERT INTO login_sessions (session_id, user_id, ip_address) VALUES (gen_random_uuid(),"
                    + " gen_random_uuid(), '" + IP + "')");
            try {
                new Migrations(dataSource).migrateToAfter();
            } catch (MigrationException e) {
                System.err.println("migration refused: " + e.getMessage());
            }
        }
    }
}
