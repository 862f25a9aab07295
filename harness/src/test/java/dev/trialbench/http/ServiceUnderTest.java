package dev.trialbench.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.testing.Sql;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A running {@link TrialService} on a fresh database, a client that talks to it, and the SQL a
 * test needs to set up rows and read them back. Closing it stops the service and the pool.
 * Thread-safe for requests; setup methods are meant for the test thread.
 */
final class ServiceUnderTest implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HikariDataSource dataSource;
    private final TrialService service;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    ServiceUnderTest(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.service = TrialService.start(dataSource, ServiceConfig.forPool(dataSource.getMaximumPoolSize()));
    }

    /** A response, its body parsed as JSON (null when the body is not JSON). */
    record Answer(int status, JsonNode json, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    TrialService service() {
        return service;
    }

    DataSource dataSource() {
        return dataSource;
    }

    Answer post(String path, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    Answer postJson(String path, String json) {
        return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = JSON.readTree(response.body());
            } catch (IOException e) {
                json = null;
            }
            return new Answer(response.statusCode(), json, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return service.baseUri().resolve(path);
    }

    static String activation(UUID user, String fingerprint, String ip) {
        return "{\"userId\":\"" + user + "\",\"fingerprintHash\":\"" + fingerprint + "\","
                + "\"deviceData\":{\"os\":\"linux\"},\"ipAddress\":\"" + ip + "\"}";
    }

    UUID user() {
        UUID id = UUID.randomUUID();
        Sql.execute(dataSource, "INSERT INTO users (user_id, email, name) VALUES ('" + id + "', 'u"
                + id.toString().substring(0, 8) + "@example.test', 'Test User')");
        return id;
    }

    static String fingerprint() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    void report(UUID owner, String title, String createdAt, boolean deleted) {
        Sql.execute(dataSource, "INSERT INTO reports (report_id, created_by_user_id, title, damage_type, state, total_cost,"
                + " created_at, deleted_at) VALUES ('" + UUID.randomUUID() + "', '" + owner + "', '" + title
                + "', 'water', 'NSW', 120.50, '" + createdAt + "', " + (deleted ? "now()" : "NULL") + ")");
    }

    long count(String sql) {
        return Sql.queryLong(dataSource, sql);
    }

    /** Rows of every table an activation writes, as one comparable text. */
    String writtenRows() {
        return Sql.queryString(dataSource, """
                SELECT (SELECT count(*) FROM free_trial_tokens) || '/'
                    || (SELECT count(*) FROM device_fingerprints) || '/'
                    || (SELECT count(*) FROM trial_fraud_flags)""");
    }

    @Override
    public void close() {
        service.close();
        dataSource.close();
    }
}
