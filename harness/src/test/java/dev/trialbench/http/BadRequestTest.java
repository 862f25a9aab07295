package dev.trialbench.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.http.ServiceUnderTest.Answer;
import dev.trialbench.testing.TestPostgres;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed activations over HTTP: each is refused with a status and a message that says what is
 * wrong, and no row is written on either route.
 */
class BadRequestTest {

    private static final String FINGERPRINT = "0123456789abcdef0123";
    private static ServiceUnderTest service;
    private static UUID user;

    @BeforeAll
    static void start() {
        service = new ServiceUnderTest(TestPostgres.after("http_bad_input", 4));
        user = service.user();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    static Stream<Arguments> malformedBodies() {
        String deviceData = "{" + String.join(",", Stream.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j")
                .map(key -> "\"" + key + "\":\"" + "x".repeat(500) + "\"").toList()) + "}";
        byte[] invalidUtf8 = concat(("{\"userId\":\"" + user + "\",\"fingerprintHash\":\"" + FINGERPRINT
                + "\",\"deviceData\":{\"os\":\"").getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, 0x28},
                "\"}}".getBytes(StandardCharsets.UTF_8));
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of("invalid JSON", utf8("{\"userId\": \"" + user + "\", "), "the body is not valid JSON (line 1"));
        cases.add(Arguments.of("empty body", utf8(""), "the body is empty"));
        cases.add(Arguments.of("an array", utf8("[1, 2]"), "the body must be a JSON object, was an array"));
        cases.add(Arguments.of("wrong type", utf8("{\"userId\": 42, \"fingerprintHash\": \"" + FINGERPRINT + "\"}"),
                "userId must be a string, was a number"));
        cases.add(Arguments.of("missing userId", utf8("{\"fingerprintHash\": \"" + FINGERPRINT + "\"}"), "userId is missing"));
        cases.add(Arguments.of("malformed UUID", utf8("{\"userId\": \"not-a-uuid\", \"fingerprintHash\": \"" + FINGERPRINT + "\"}"),
                "userId must be a UUID"));
        cases.add(Arguments.of("SQL in fingerprint", utf8("{\"userId\": \"" + user
                + "\", \"fingerprintHash\": \"x'; DROP TABLE users; --\"}"), "fingerprintHash must be 8 to 128 characters"));
        cases.add(Arguments.of("invalid UTF-8", invalidUtf8, "the body is not valid UTF-8"));
        cases.add(Arguments.of("oversized deviceData", utf8("{\"userId\": \"" + user + "\", \"fingerprintHash\": \""
                + FINGERPRINT + "\", \"deviceData\": " + deviceData + "}"), "deviceData is larger than 4096 characters"));
        cases.add(Arguments.of("deviceData of numbers", utf8("{\"userId\": \"" + user + "\", \"fingerprintHash\": \""
                + FINGERPRINT + "\", \"deviceData\": {\"cores\": 8}}"), "deviceData values must be strings, one was a number"));
        cases.add(Arguments.of("duplicate key", utf8("{\"userId\": \"" + user + "\", \"userId\": \"" + user
                + "\", \"fingerprintHash\": \"" + FINGERPRINT + "\"}"), "the body is not valid JSON"));
        cases.add(Arguments.of("host name as IP", utf8("{\"userId\": \"" + user + "\", \"fingerprintHash\": \""
                + FINGERPRINT + "\", \"ipAddress\": \"evil.example\"}"), "ipAddress must be an IPv4 or IPv6 address literal"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void malformedBodyIs400WithTheProblemAndWritesNothing(String description, byte[] body, String problem) {
        String before = service.writtenRows();

        for (String route : List.of("/activations/naive", "/activations/batched")) {
            Answer answer = service.post(route, "application/json", body);

            assertThat(answer.status()).as(route).isEqualTo(400);
            assertThat(answer.json().get("error").asText()).isEqualTo("invalid request");
            assertThat(answer.json().get("problems").toString()).as(route).contains(problem);
        }
        assertThat(service.writtenRows()).isEqualTo(before);
    }

    @Test
    void unknownFieldsAreIgnored() {
        UUID fresh = service.user();

        Answer answer = service.postJson("/activations/batched", "{\"userId\": \"" + fresh + "\", \"fingerprintHash\": \""
                + ServiceUnderTest.fingerprint() + "\", \"coupon\": \"FREE\"}");

        assertThat(answer.status()).isEqualTo(201);
    }

    @Test
    void oneMegabyteBodyIs413AndWritesNothing() {
        String before = service.writtenRows();
        byte[] body = utf8("{\"userId\": \"" + user + "\", \"fingerprintHash\": \"" + "a".repeat(1024 * 1024) + "\"}");

        Answer answer = service.post("/activations/naive", "application/json", body);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().get("error").asText()).contains("larger than 16384 bytes");
        assertThat(service.writtenRows()).isEqualTo(before);
    }

    @Test
    void oversizedChunkedBodyWithoutContentLengthIs413() {
        byte[] body = utf8("{\"userId\": \"" + user + "\", \"pad\": \"" + "a".repeat(100_000) + "\"}");
        HttpRequest request = HttpRequest.newBuilder(service.uri("/activations/batched"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        assertThat(service.send(request).status()).isEqualTo(413);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1"})
    void nonJsonContentTypeIs415(String contentType) {
        String before = service.writtenRows();

        Answer answer = service.post("/activations/naive", contentType,
                utf8(ServiceUnderTest.activation(user, FINGERPRINT, "10.9.9.9")));

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.json().get("error").asText()).contains("application/json");
        assertThat(service.writtenRows()).isEqualTo(before);
    }

    @Test
    void missingContentTypeIs415() {
        assertThat(service.post("/activations/batched", null, utf8("{}")).status()).isEqualTo(415);
    }

    @Test
    void jsonWithUtf8CharsetIsAccepted() {
        Answer answer = service.post("/activations/naive", "application/json; charset=UTF-8",
                utf8(ServiceUnderTest.activation(UUID.randomUUID(), FINGERPRINT, "10.9.9.8")));

        assertThat(answer.status()).isEqualTo(404);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(out::writeBytes);
        return out.toByteArray();
    }
}
