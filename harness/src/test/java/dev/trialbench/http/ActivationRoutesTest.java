package dev.trialbench.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.http.ServiceUnderTest.Answer;
import dev.trialbench.testing.TestPostgres;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both activation routes over HTTP: activated, denied, unknown user, wrong method. */
class ActivationRoutesTest {

    private static ServiceUnderTest service;

    @BeforeAll
    static void start() {
        service = new ServiceUnderTest(TestPostgres.after("http_activation", 4));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"naive", "batched"})
    void freshUserIsActivatedWithATokenRow(String route) {
        UUID user = service.user();

        Answer answer = service.postJson("/activations/" + route,
                ServiceUnderTest.activation(user, ServiceUnderTest.fingerprint(), "10.1.2.3"));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json().get("reportsRemaining").asInt()).isPositive();
        assertThat(answer.json().get("score").asInt()).isBetween(0, 100);
        assertThat(answer.json().get("expiresAt").asText()).isNotBlank();
        String token = answer.json().get("tokenId").asText();
        assertThat(service.count("SELECT count(*) FROM free_trial_tokens WHERE token_id = '" + token
                + "' AND user_id = '" + user + "'")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"naive", "batched"})
    void secondActivationIsDeniedWithReasonFlagsAndFlagRows(String route) {
        UUID user = service.user();
        assertThat(service.postJson("/activations/" + route,
                ServiceUnderTest.activation(user, ServiceUnderTest.fingerprint(), "10.1.2.4")).status()).isEqualTo(201);

        Answer answer = service.postJson("/activations/" + route,
                ServiceUnderTest.activation(user, ServiceUnderTest.fingerprint(), "10.1.2.4"));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().get("reason").asText()).startsWith("denied");
        assertThat(answer.json().get("score").asInt()).isEqualTo(100);
        assertThat(answer.json().get("flags")).isNotEmpty();
        assertThat(answer.json().get("flags").get(0).get("type").asText()).isEqualTo("USER_PREVIOUS_TRIAL");
        assertThat(service.count("SELECT count(*) FROM trial_fraud_flags WHERE user_id = '" + user + "'"))
                .isEqualTo(answer.json().get("flags").size());
        assertThat(service.count("SELECT count(*) FROM free_trial_tokens WHERE user_id = '" + user + "'")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"naive", "batched"})
    void unknownUserIs404AndWritesNothing(String route) {
        String before = service.writtenRows();

        Answer answer = service.postJson("/activations/" + route,
                ServiceUnderTest.activation(UUID.randomUUID(), ServiceUnderTest.fingerprint(), "10.1.2.5"));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().get("error").asText()).isEqualTo("unknown user");
        assertThat(service.writtenRows()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"naive", "batched"})
    void getOnAnActivationRouteIs405WithAllow(String route) {
        Answer answer = service.get("/activations/" + route);

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("Allow")).isEqualTo("POST");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/activations/naive/extra", "/activations", "/nowhere"})
    void unknownPathIs404(String path) {
        assertThat(service.postJson(path, "{}").status()).isEqualTo(404);
    }
}
