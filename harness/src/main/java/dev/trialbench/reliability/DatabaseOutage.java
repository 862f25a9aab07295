package dev.trialbench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.PoolConfig;
import dev.trialbench.http.ServiceConfig;
import dev.trialbench.http.TrialService;
import dev.trialbench.provision.ServerControl;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Experiment: the database server is stopped (immediate mode, as a crash) and started again while
 * the HTTP service takes a small steady load: batched activations sent on a fixed schedule
 * ({@code rate} per second, each on a fresh user and fingerprint, whether or not earlier ones have
 * answered: an open model, kept below what the service can answer while the database is down, so
 * that no request queues behind others). Measured and asserted:
 * <ul>
 *   <li>while the server is down, requests are answered 503 within the pool's connection timeout
 *       plus {@link Experiments#MARGIN} (no hang, no 500); one that waits for a connection while the
 *       server comes back may be answered 201;</li>
 *   <li>after the server is back, the service answers 201 again by itself within
 *       {@link #RECOVERY_LIMIT} (no restart of the service, no manual step);</li>
 *   <li>no committed activation is lost: every token a 201 answer named exists after the crash
 *       recovery, and the table grew by exactly the 201 answers.</li>
 * </ul>
 * Needs a server trialbench can stop ({@link ServerControl}, the embedded one); otherwise it is
 * skipped with the reason. Not thread-safe: one run at a time.
 */
public final class DatabaseOutage {

    /** The service must answer 201 again within this time after the server is back. */
    public static final Duration RECOVERY_LIMIT = Duration.ofSeconds(10);
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);
    private static final int POOL_SIZE = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How much load, and how long the server stays up before and down during the experiment. */
    public record Settings(int requestsPerSecond, Duration upBeforeStop, Duration down) {
    }

    /**
     * @param statusesDuringOutage  HTTP status to count, for requests sent while the server was down
     * @param maxLatencyDuringOutageMillis the slowest answer to a request sent while it was down
     * @param downSeconds           from the server stopped to the server accepting connections again
     * @param stopMillis            how long {@code pg_ctl stop -m immediate} took
     * @param startMillis           how long {@code pg_ctl start} took, crash recovery included
     * @param recoverySeconds       from "server accepts connections" to the first 201 answered after
     * @param tokensLost            201 answers whose token does not exist after the restart (goal 0)
     */
    public record Result(String skippedReason, int requests, Map<Integer, Integer> statuses,
                         Map<Integer, Integer> statusesDuringOutage, long connectionTimeoutMillis, long boundMillis,
                         long maxLatencyDuringOutageMillis, double downSeconds, long stopMillis, long startMillis,
                         double recoverySeconds, int accepted, long tokensBefore, long tokensAfter, long tokensLost) {

        public static Result skipped(String reason) {
            return new Result(reason, 0, Map.of(), Map.of(), CONNECTION_TIMEOUT.toMillis(), 0, 0, 0, 0, 0, -1, 0, 0, 0, 0);
        }

        public boolean ran() {
            return skippedReason == null;
        }

        /**
         * Requests sent while the server was down were answered 503, none later than the bound; a request
         * still waiting for a connection when the server came back may get its 201 instead (never a 500,
         * never a hang).
         */
        public boolean answered503Quickly() {
            return ran() && statusesDuringOutage.containsKey(503)
                    && statusesDuringOutage.keySet().stream().allMatch(status -> status == 503 || status == 201)
                    && maxLatencyDuringOutageMillis <= boundMillis;
        }

        public boolean recoveredInTime() {
            return ran() && recoverySeconds >= 0 && recoverySeconds <= RECOVERY_LIMIT.toSeconds();
        }

        // The figures a judge of "No connection retry logic" reads, derived from the fields above so that
        // files written before they existed give them too (named without get/is: not written to JSON).

        /** Requests sent while the server was down. */
        public int requestsDuringOutage() {
            return statusesDuringOutage.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Of those, answered 503 (the service gave up on a connection and said so). */
        public int refusedDuringOutage() {
            return statusesDuringOutage.getOrDefault(503, 0);
        }

        /**
         * Of those, answered 201: the pool kept trying to connect for its connection timeout, and the
         * server came back in time. The only retrying the service does.
         */
        public int createdDuringOutage() {
            return statusesDuringOutage.getOrDefault(201, 0);
        }

        /** Of those, answered neither 201 nor 503 (a 500, or no answer at all: -1). Goal 0. */
        public int otherDuringOutage() {
            return requestsDuringOutage() - refusedDuringOutage() - createdDuringOutage();
        }

        /**
         * Requests sent while the server was up (before the stop, or after the start) that were not
         * answered 201: in practice those refused after the server was back, until the pool reconnected.
         */
        public int notCreatedWhileUp() {
            int notCreated = requests - statuses.getOrDefault(201, 0);
            return notCreated - (requestsDuringOutage() - createdDuringOutage());
        }

        /**
         * Activations that committed without their request being answered 201: an immediate stop can land
         * between a COMMIT the server made durable and its answer, so the caller hears of a failure for an
         * activation that exists (an unknown outcome, not a loss). Never negative unless a 201 was lost.
         */
        public long committedWithoutCreated() {
            return tokensAfter - tokensBefore - accepted;
        }

        /** The limit {@link #recoveredInTime()} holds the recovery to, in seconds. */
        public long recoveryLimitSeconds() {
            return RECOVERY_LIMIT.toSeconds();
        }
    }

    private record Sent(long sentAtNanos, CompletableFuture<Answer> answer) {
    }

    private record Answer(int status, long latencyNanos, long answeredAtNanos, UUID tokenId) {
    }

    private DatabaseOutage() {
    }

    public static Result run(PoolConfig base, Optional<ServerControl> control, Subjects subjects, Settings settings) {
        if (control.isEmpty()) {
            return Result.skipped("the server is not one trialbench can stop and start (only the embedded one is)");
        }
        ServerControl server = control.get();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long bound = CONNECTION_TIMEOUT.plus(Experiments.MARGIN).toMillis();
        try (HikariDataSource pool = Experiments.pool(base.withConnectionTimeout(CONNECTION_TIMEOUT), "trialbench-faults-outage", POOL_SIZE);
             TrialService service = TrialService.start(pool, ServiceConfig.forPool(POOL_SIZE))) {
            long tokensBefore = countTokens(pool);
            // A checkpoint first, so that crash recovery replays only the WAL this experiment writes, not what
            // seeding and migrating wrote before (with max_wal_size 4GB that took 30 s): the restart stays a
            // crash recovery, and the figure measures the service, not the replay of unrelated writes.
            checkpoint(pool);
            long period = TimeUnit.SECONDS.toNanos(1) / settings.requestsPerSecond();
            List<Sent> sent = new ArrayList<>();
            long start = System.nanoTime();
            long stopAt = start + settings.upBeforeStop().toNanos();
            long stoppedAt = -1;
            long restartedAt = -1;
            long recoveredAt = -1;
            long giveUpAt = Long.MAX_VALUE;
            long stopMillis = 0;
            long startMillis = 0;
            for (long next = start; System.nanoTime() < giveUpAt; next += period) {
                next = Math.max(next, System.nanoTime() - period); // skip the slots a stop or start took
                sleepUntil(next);
                sent.add(send(client, service, subjects));
                long now = System.nanoTime();
                if (stoppedAt < 0 && now >= stopAt) {
                    server.stopImmediately();
                    stoppedAt = System.nanoTime();
                    stopMillis = (stoppedAt - now) / 1_000_000;
                } else if (stoppedAt >= 0 && restartedAt < 0 && now >= stoppedAt + settings.down().toNanos()) {
                    server.start();
                    restartedAt = System.nanoTime();
                    startMillis = (restartedAt - now) / 1_000_000;
                    giveUpAt = restartedAt + RECOVERY_LIMIT.plus(Experiments.MARGIN).toNanos();
                } else if (restartedAt >= 0 && recoveredAt < 0) {
                    recoveredAt = firstCreatedAfter(sent, restartedAt);
                    if (recoveredAt >= 0) {
                        giveUpAt = Math.min(giveUpAt, now + TimeUnit.SECONDS.toNanos(1));
                    }
                }
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            Map<Integer, Integer> during = new TreeMap<>();
            long maxDuring = 0;
            List<UUID> tokens = new ArrayList<>();
            for (Sent request : sent) {
                Answer answer = request.answer().get(bound * 2, TimeUnit.MILLISECONDS);
                statuses.merge(answer.status(), 1, Integer::sum);
                if (request.sentAtNanos() >= stoppedAt && request.sentAtNanos() < restartedAt) {
                    during.merge(answer.status(), 1, Integer::sum);
                    maxDuring = Math.max(maxDuring, answer.latencyNanos() / 1_000_000);
                }
                if (answer.tokenId() != null) {
                    tokens.add(answer.tokenId());
                }
            }
            if (recoveredAt < 0) {
                recoveredAt = firstCreatedAfter(sent, restartedAt);
            }
            long tokensAfter = countTokens(pool);
            long found = tokens.isEmpty() ? 0 : FaultSql.existingTokens(pool, tokens);
            return new Result(null, sent.size(), statuses, during, CONNECTION_TIMEOUT.toMillis(), bound, maxDuring,
                    (restartedAt - stoppedAt) / 1e9, stopMillis, startMillis, recoveredAt < 0 ? -1 : Math.max(0, recoveredAt - restartedAt) / 1e9,
                    tokens.size(), tokensBefore, tokensAfter, tokens.size() - found);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("a request of the outage experiment got no answer: " + e, e);
        }
    }

    private static Sent send(HttpClient client, TrialService service, Subjects subjects) {
        HttpRequest request = HttpRequest.newBuilder(service.baseUri().resolve("/activations/batched"))
                .timeout(CONNECTION_TIMEOUT.plus(Experiments.MARGIN).multipliedBy(2))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ActivationBody.of(subjects.user(), subjects.fingerprint())))
                .build();
        long sentAt = System.nanoTime();
        CompletableFuture<Answer> answer = client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    long now = System.nanoTime();
                    return new Answer(response.statusCode(), now - sentAt, now, tokenOf(response));
                })
                .exceptionally(failure -> {
                    long now = System.nanoTime();
                    return new Answer(-1, now - sentAt, now, null);
                });
        return new Sent(sentAt, answer);
    }

    private static UUID tokenOf(HttpResponse<String> response) {
        if (response.statusCode() != 201) {
            return null;
        }
        try {
            JsonNode token = JSON.readTree(response.body()).path("tokenId");
            return token.isTextual() ? UUID.fromString(token.asText()) : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** When the first 201 to a request sent after {@code since} arrived; -1 if none has yet. */
    private static long firstCreatedAfter(List<Sent> sent, long since) {
        long first = -1;
        for (Sent request : sent) {
            if (request.sentAtNanos() >= since && request.answer().isDone()) {
                Answer answer = request.answer().join();
                if (answer.status() == 201 && (first < 0 || answer.answeredAtNanos() < first)) {
                    first = answer.answeredAtNanos();
                }
            }
        }
        return first;
    }

    private static long countTokens(HikariDataSource pool) {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(FaultSql.ALL_TOKENS)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the tokens: " + e.getMessage(), e);
        }
    }

    private static void checkpoint(HikariDataSource pool) {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(FaultSql.CHECKPOINT);
        } catch (SQLException e) {
            throw new IllegalStateException("CHECKPOINT before the outage failed (needs a superuser or pg_checkpoint): "
                    + e.getMessage(), e);
        }
    }

    private static void sleepUntil(long deadline) throws InterruptedException {
        long left = deadline - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
