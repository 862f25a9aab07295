package dev.trialbench.activation;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.activation.ActivationResult.Outcome;
import dev.trialbench.db.Jdbis;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 200 batched activations at once over 20 users and 10 devices (so every user and every device is
 * contended), in both schema states: the locks and the read-after-lock must keep the invariants
 * without help from a unique index. Asserts rows, not timings.
 */
class ConcurrentActivationTest {

    private static final int USERS = 20;
    private static final int DEVICES = 10;
    private static final int ACTIVATIONS = 200;
    private static final int THREADS = 16;

    @ParameterizedTest
    @EnumSource(SchemaState.class)
    void concurrentBatchedActivationsKeepEveryInvariant(SchemaState state) throws Exception {
        try (HikariDataSource dataSource = state.freshDatabase("concurrent", THREADS)) {
            Jdbi jdbi = Jdbis.create(dataSource);
            Fixtures fixtures = new Fixtures(jdbi, new Random(6));
            List<UUID> users = new ArrayList<>();
            for (int i = 0; i < USERS; i++) {
                users.add(fixtures.user());
            }
            List<String> devices = new ArrayList<>();
            for (int i = 0; i < DEVICES; i++) {
                devices.add(fixtures.newFingerprint());
            }
            List<ActivationRequest> requests = new ArrayList<>();
            for (int i = 0; i < ACTIVATIONS; i++) {
                requests.add(StatementCountTest.request(users.get(i % USERS), devices.get((i * 7 + i / USERS) % DEVICES), null));
            }
            Collections.shuffle(requests, new Random(7));

            BatchedActivation batched = new BatchedActivation(jdbi);
            Map<Outcome, Integer> outcomes = run(batched, requests);

            // Every user had no history and no device reaches the deny threshold (3+ trials: 50
            // points), so each user is activated exactly once and denied afterwards.
            assertThat(outcomes).containsEntry(Outcome.ACTIVATED, USERS).containsEntry(Outcome.DENIED, ACTIVATIONS - USERS);
            assertThat(fixtures.count("""
                    SELECT count(*) FROM (SELECT user_id FROM free_trial_tokens
                                          WHERE status = 'active' AND expires_at > now()
                                          GROUP BY user_id HAVING count(*) > 1) doubled""")).isZero();
            assertThat(fixtures.count("SELECT count(*) FROM free_trial_tokens")).isEqualTo(USERS);
            assertThat(fixtures.count("""
                    SELECT count(*) FROM (SELECT fingerprint_hash FROM device_fingerprints
                                          GROUP BY fingerprint_hash HAVING count(*) > 1) duplicated""")).isZero();
            // Only activated requests record their device, and which request of a user wins is up to
            // the scheduler: some devices may never be recorded, none may be recorded twice.
            assertThat(fixtures.count("SELECT count(*) FROM device_fingerprints")).isBetween(1L, (long) DEVICES);
            assertThat(fixtures.count("SELECT sum(trial_count) FROM device_fingerprints"))
                    .as("device trial counts equal the trials recorded")
                    .isEqualTo(fixtures.count("SELECT count(*) FROM free_trial_tokens"));
            assertThat(fixtures.count("SELECT count(*) FROM free_trial_tokens WHERE reports_remaining < 0")).isZero();
            assertThat(fixtures.count("SELECT count(DISTINCT user_id) FROM trial_fraud_flags WHERE flag_type = 'USER_PREVIOUS_TRIAL'"))
                    .isEqualTo(USERS);
        }
    }

    private static Map<Outcome, Integer> run(TrialActivation activation, List<ActivationRequest> requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<ActivationResult>> futures = new ArrayList<>();
            for (ActivationRequest request : requests) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return activation.activate(request);
                }));
            }
            start.countDown();
            Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
            for (Future<ActivationResult> future : futures) {
                outcomes.merge(future.get(60, TimeUnit.SECONDS).outcome(), 1, Integer::sum);
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
