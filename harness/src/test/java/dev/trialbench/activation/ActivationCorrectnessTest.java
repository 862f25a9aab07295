package dev.trialbench.activation;

import static dev.trialbench.activation.StatementCountTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.activation.ActivationResult.Outcome;
import dev.trialbench.db.Jdbis;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where the report's code is wrong, both implementations must be right, in both schema states: an
 * unseen user, device or IP still gets a decision, and a denied activation keeps its flags.
 */
class ActivationCorrectnessTest {

    static List<Arguments> implementationsAndStates() {
        Function<Jdbi, TrialActivation> naive = NaiveActivation::new;
        Function<Jdbi, TrialActivation> batched = BatchedActivation::new;
        return List.of(
                Arguments.of("naive", naive, SchemaState.BEFORE),
                Arguments.of("naive", naive, SchemaState.AFTER),
                Arguments.of("batched", batched, SchemaState.BEFORE),
                Arguments.of("batched", batched, SchemaState.AFTER));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("implementationsAndStates")
    void neverSeenDeviceIpAndUserEachGetADecision(String name, Function<Jdbi, TrialActivation> factory, SchemaState state) {
        try (HikariDataSource dataSource = state.freshDatabase("unseen_" + name, 2)) {
            Jdbi jdbi = Jdbis.create(dataSource);
            Fixtures fixtures = new Fixtures(jdbi, new Random(4));
            TrialActivation activation = factory.apply(jdbi);

            // A user with no history, on a device and from an IP never seen before.
            UUID newcomer = fixtures.user();
            String newDevice = fixtures.newFingerprint();
            ActivationResult result = activation.activate(request(newcomer, newDevice, "198.51.100.77"));
            assertThat(result.outcome()).isEqualTo(Outcome.ACTIVATED);
            assertThat(result.decision().score()).isZero();
            assertThat(result.tokenId()).isNotNull();
            assertThat(result.reportsRemaining()).isEqualTo(TrialTerms.REPORTS_PER_TRIAL);
            assertThat(fixtures.count("SELECT count(*) FROM device_fingerprints WHERE trial_count = 1")).isEqualTo(1);

            // The fraud read alone answers for an unseen device and IP, and without an IP at all.
            assertThat(activation.readFraudSignals(request(fixtures.user(), fixtures.newFingerprint(), "2001:db8::99")))
                    .isEqualTo(FraudSignals.NONE);
            assertThat(activation.readFraudSignals(request(fixtures.user(), fixtures.newFingerprint(), null)))
                    .isEqualTo(FraudSignals.NONE);

            // A user id that does not exist gets an answer too, and nothing is written.
            String before = fixtures.writtenRows();
            assertThat(activation.activate(request(fixtures.newId(), fixtures.newFingerprint(), null)).outcome())
                    .isEqualTo(Outcome.USER_NOT_FOUND);
            assertThat(fixtures.writtenRows()).isEqualTo(before);
        }
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("implementationsAndStates")
    void deniedActivationLeavesItsFraudFlagsBehind(String name, Function<Jdbi, TrialActivation> factory, SchemaState state) {
        try (HikariDataSource dataSource = state.freshDatabase("denied_" + name, 2)) {
            Jdbi jdbi = Jdbis.create(dataSource);
            Fixtures fixtures = new Fixtures(jdbi, new Random(5));
            TrialActivation activation = factory.apply(jdbi);
            UUID user = fixtures.user();
            String device = fixtures.newFingerprint();
            fixtures.device(device, 0, true, null);
            fixtures.card(user, "card_shared", Duration.ofDays(3));
            fixtures.card(fixtures.user(), "card_shared", Duration.ofDays(30));

            ActivationResult result = activation.activate(request(user, device, "192.0.2.10"));

            assertThat(result.outcome()).isEqualTo(Outcome.DENIED);
            assertThat(result.decision().reason()).contains("blocked");
            List<String> stored = jdbi.withHandle(handle -> handle.createQuery("""
                            SELECT flag_type || ':' || severity || ':' || fraud_score || ':' || host(ip_address)
                            FROM trial_fraud_flags WHERE user_id = :user AND fingerprint_hash = :device ORDER BY 1""")
                    .bind("user", user)
                    .bind("device", device)
                    .mapTo(String.class)
                    .list());
            assertThat(stored).containsExactly("CARD_SHARED:medium:100:192.0.2.10", "DEVICE_BLOCKED:critical:100:192.0.2.10");
            assertThat(fixtures.count("SELECT count(*) FROM free_trial_tokens")).isZero();
            assertThat(fixtures.count("SELECT coalesce(sum(trial_count), 0) FROM device_fingerprints")).isZero();
        }
    }
}
