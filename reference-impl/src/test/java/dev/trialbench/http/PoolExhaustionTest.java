package dev.trialbench.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.Pool;
import dev.trialbench.db.PoolConfig;
import dev.trialbench.http.ServiceUnderTest.Answer;
import dev.trialbench.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
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

    @Test
    void theServiceRecoversOnceTheConnectionIsBack() throws SQLException {
        try (Connection held = service.dataSource().getConnection()) {
            assertThat(service.get("/health").status()).isEqualTo(503);
        }

        assertThat(service.get("/health").status()).isEqualTo(200);
    }
}
