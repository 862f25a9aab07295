package dev.trialbench.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.http.ServiceUnderTest.Answer;
import dev.trialbench.testing.Sql;
import dev.trialbench.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Requests that carry a recognizable IP address and email, through every outcome (activated,
 * denied, unknown user, refused, failed inside the database), with the service logging at DEBUG:
 * the captured log (slf4j-simple writes to System.err) holds the request lines and never the IP or
 * the email; no response shows SQL or a stack trace.
 */
class LogPrivacyTest {

    private static final String IP = "198.51.100.237";
    private static final String EMAIL = "carol.secret-7731@example.test";

    @Test
    void logsNeverHoldIpAddressesEmailsOrBodies() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        List<Answer> answers = new ArrayList<>();
        try (ServiceUnderTest service = new ServiceUnderTest(TestPostgres.after("http_log_privacy", 2))) {
            UUID user = service.user();
            Sql.execute(service.dataSource(), "UPDATE users SET email = '" + EMAIL + "' WHERE user_id = '" + user + "'");
            String fingerprint = ServiceUnderTest.fingerprint();
            String withEmail = "{\"userId\":\"" + user + "\",\"fingerprintHash\":\"" + fingerprint + "\","
                    + "\"deviceData\":{\"contact\":\"" + EMAIL + "\"},\"ipAddress\":\"" + IP + "\"}";
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));

            answers.add(service.postJson("/activations/naive", withEmail));
            answers.add(service.postJson("/activations/batched", withEmail));
            answers.add(service.postJson("/activations/naive", withEmail.replace(user.toString(), UUID.randomUUID().toString())));
            answers.add(service.postJson("/activations/batched", withEmail.replace(IP, IP + ".1")));
            answers.add(service.postJson("/activations/naive", withEmail.replace("\"" + EMAIL + "\"", "{\"nested\":\"" + EMAIL + "\"}")));
            answers.add(service.postJson("/activations/naive", "{\"userId\":\"" + EMAIL + "\",\"ipAddress\":\"" + IP + "\""));
            answers.add(service.get("/users/" + user + "/reports?limit=5&email=" + EMAIL));
            Sql.execute(service.dataSource(), "ALTER TABLE free_trial_tokens RENAME TO free_trial_tokens_gone");
            answers.add(service.postJson("/activations/naive", withEmail.replace(user.toString(), service.user().toString())));
        } finally {
            System.setErr(originalErr);
        }

        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(answers).extracting(Answer::status).containsExactly(201, 403, 404, 400, 400, 400, 200, 500);
        assertThat(log).contains("POST /activations/naive -> 201", "POST /activations/batched -> 403",
                "GET /users/{userId}/reports -> 200", "POST /activations/naive -> 500");
        assertThat(log).doesNotContain(IP, EMAIL, "carol", "198.51.100", "contact");
        assertThat(answers).allSatisfy(answer -> assertThat(answer.raw().body())
                .doesNotContain(IP, EMAIL, "free_trial_tokens", "SELECT", "Exception", "\tat "));
        assertThat(answers.get(7).json().get("error").asText()).isEqualTo("internal error");
    }
}
