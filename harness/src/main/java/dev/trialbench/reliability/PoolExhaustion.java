package dev.trialbench.reliability;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.activation.ActivationFailedException;
import dev.trialbench.activation.BatchedActivation;
import dev.trialbench.db.Jdbis;
import dev.trialbench.db.PoolConfig;
import dev.trialbench.http.ServiceConfig;
import dev.trialbench.http.TrialService;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

/**
 * Experiment: every connection of the pool is taken (a pool of one, held by the experiment), then an
 * activation is asked for, once directly and once over HTTP. Asserted: the caller waits the pool's
 * connection timeout and gets an {@link ActivationFailedException} that says no connection became
 * free, and the HTTP service answers 503 with {@code Retry-After}; neither waits past the timeout plus
 * {@link Experiments#MARGIN}. Nothing is written. Not thread-safe: one run at a time.
 */
public final class PoolExhaustion {

    /**
     * @param connectionTimeoutMillis the pool's configured wait for a connection
     * @param boundMillis             the longest wait allowed: the timeout plus a margin
     */
    public record Result(long connectionTimeoutMillis, long boundMillis, long directWaitMillis, String directFailure,
                         int httpStatus, String httpRetryAfter, long httpWaitMillis) {

        /** Both callers got their answer within the bound: no hang. */
        public boolean bounded() {
            return directWaitMillis <= boundMillis && httpWaitMillis <= boundMillis;
        }
    }

    private PoolExhaustion() {
    }

    public static Result run(PoolConfig base, Subjects subjects, Duration connectionTimeout) {
        PoolConfig single = base.withConnectionTimeout(connectionTimeout);
        UUID user = subjects.user();
        String fingerprint = subjects.fingerprint();
        try (HikariDataSource pool = Experiments.pool(single, "trialbench-faults-pool", 1);
             TrialService service = TrialService.start(pool, ServiceConfig.forPool(1));
             Connection held = pool.getConnection()) {
            long start = System.nanoTime();
            String failure;
            try {
                new BatchedActivation(Jdbis.create(pool)).activate(Implementation.request(user, fingerprint));
                failure = "none: the activation got a connection";
            } catch (ActivationFailedException e) {
                failure = e.getMessage();
            }
            long directWait = Experiments.millisSince(start);

            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest request = HttpRequest.newBuilder(service.baseUri().resolve("/activations/batched"))
                    .timeout(connectionTimeout.plus(Experiments.MARGIN).multipliedBy(2))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(ActivationBody.of(user, fingerprint)))
                    .build();
            start = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            long httpWait = Experiments.millisSince(start);
            return new Result(connectionTimeout.toMillis(), connectionTimeout.plus(Experiments.MARGIN).toMillis(),
                    directWait, failure, response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
                    httpWait);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("the pool-exhaustion experiment could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
