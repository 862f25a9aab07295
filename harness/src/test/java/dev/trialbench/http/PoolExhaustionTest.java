package dev.trialbench.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.Pool;
import dev.trialbench.db.PoolConfig;
import dev.trialbench.http.ServiceUnderTest.Answer;
import dev.trialbench.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A pool of one connection with HikariCP's shortest timeout (250 ms), its one connection held by
 * the test: every route that needs the database answers 503 with {@code Retry-After: 1}, and
 * recovers once the connection is back.
 */
class PoolExhaustionTest {

    private static ServiceUnderTest service;
    private static UUID user;

    @BeforeAll
    static void start() {
        HikariDataSource migrated = TestPostgres.after("http_pool", 1);
        PoolConfig small = PoolConfig.defaults(migrated.getJdbcUrl(), migrated.getUsername(), migrated.getPassword())
                .withMaximumPoolSize(1)
                .withConnectionTimeout(Duration.ofMillis(250));
        migrated.close();
        service = new ServiceUnderTest(Pool.open(small));
        user = service.user();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void everyDatabaseRouteIs503WithRetryAfterWhileThePoolIsHeld() throws SQLException {
        String body = ServiceUnderTest.activation(user, ServiceUnderTest.fingerprint(), "10.3.3.3");
        try (Connection held = service.dataSource().getConnection()) {
            for (Answer answer : new Answer[] {
                    service.postJson("/activations/naive", body),
                    service.postJson("/activations/batched", body),
                    service.get("/users/" + user + "/reports"),
                    service.get("/health")}) {
                assertThat(answer.status()).isEqualTo(503);
                assertThat(answer.header("Retry-After")).isEqualTo("1");
                assertThat(answer.raw().body()).doesNotContain("Exception", "SQL", "trialbench-");
            }
        }
        assertThat(service.count("SELECT count(*) FROM free_trial_tokens")).isZero();
    }

    /**
     * Two workers (twice the pool), eight requests at once, the one connection held: each worker
     * gives up on the pool after 250 ms, so the requests queued behind two rounds of that have waited
     * past the same 250 ms budget and are shed at the door without asking the pool.
     */
    @Test
    void requestsThatWaitedInTheQueuePastTheBudgetAreShedWith503() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        try (Connection held = service.dataSource().getConnection()) {
            for (int i = 0; i < 8; i++) {
                answers.add(client.sendAsync(HttpRequest.newBuilder(service.uri("/health")).GET().build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }
        List<String> bodies = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            assertThat(answer.get().statusCode()).isEqualTo(503);
            assertThat(answer.get().headers().firstValue("Retry-After")).contains("1");
            bodies.add(answer.get().body());
        }
        assertThat(bodies).anyMatch(body -> body.contains("overloaded"));
        assertThat(bodies).anyMatch(body -> !body.contains("overloaded")); // answered after the pool's own timeout
    }

    @Test
    void theServiceRecoversOnceTheConnectionIsBack() throws SQLException {
        try (Connection held = service.dataSource().getConnection()) {
            assertThat(service.get("/health").status()).isEqualTo(503);
        }

        assertThat(service.get("/health").status()).isEqualTo(200);
    }
}
