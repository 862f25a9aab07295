package dev.trialbench.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ActivationRequestTest {

    private static final String USER = "6f1c2d3e-4a5b-4c6d-8e7f-001122334455";
    private static final String FINGERPRINT = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

    @Test
    void wellFormedRequestValidates() {
        var valid = new ActivationRequest(USER, FINGERPRINT, Map.of("os", "linux", "screen", "1920x1080"), "203.0.113.7")
                .validate();
        assertThat(valid.userId()).isEqualTo(UUID.fromString(USER));
        assertThat(valid.deviceDataJson()).isEqualTo("{\"os\":\"linux\",\"screen\":\"1920x1080\"}");
        assertThat(valid.ipAddress()).isEqualTo("203.0.113.7");
    }

    @Test
    void everyProblemIsListedAtOnce() {
        assertThatThrownBy(() -> new ActivationRequest(null, "", null, "not-an-ip").validate())
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).problems()).containsExactly(
                        "userId is missing",
                        "fingerprintHash is missing",
                        "ipAddress must be an IPv4 or IPv6 address literal"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "6f1c2d3e-4a5b-4c6d-8e7f", "' OR 1=1 --", "6f1c2d3e4a5b4c6d8e7f001122334455",
        "6f1c2d3e-4a5b-4c6d-8e7f-00112233445g"})
    void malformedUserIdsAreRejected(String userId) {
        assertThatThrownBy(() -> new ActivationRequest(userId, FINGERPRINT, null, null).validate())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("userId must be a UUID");
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "abc'; DROP TABLE users; --", "a b c d e f g h", "ffff\u0000ffff",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void malformedFingerprintsAreRejected(String fingerprint) {
        assertThatThrownBy(() -> new ActivationRequest(USER, fingerprint, null, null).validate())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("fingerprintHash must be");
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.1.1.1", "1.2.3", "localhost", "example.com", "::1::", "1:2:3:4:5:6:7:8:9", "1.2.3.4; --"})
    void nonLiteralOrMalformedIpsAreRejectedWithoutResolvingThem(String ip) {
        assertThatThrownBy(() -> new ActivationRequest(USER, FINGERPRINT, null, ip).validate())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("ipAddress");
    }

    @ParameterizedTest
    @ValueSource(strings = {"::1", "2001:db8::1", "fe80::1:2:3:4", "::ffff:192.0.2.1", "2001:db8:0:0:0:0:0:1", "0.0.0.0"})
    void ipv4AndIpv6LiteralsAreAccepted(String ip) {
        assertThat(new ActivationRequest(USER, FINGERPRINT, null, ip).validate().ipAddress()).isEqualTo(ip);
    }

    @Test
    void oversizedDeviceDataIsRejected() {
        Map<String, String> tooMany = new HashMap<>();
        for (int i = 0; i < 33; i++) {
            tooMany.put("k" + i, "v");
        }
        assertThatThrownBy(() -> new ActivationRequest(USER, FINGERPRINT, tooMany, null).validate())
                .hasMessageContaining("at most 32 are allowed");
        assertThatThrownBy(() -> new ActivationRequest(USER, FINGERPRINT, Map.of("ua", "x".repeat(513)), null).validate())
                .hasMessageContaining("at most 512 characters");
        Map<String, String> tooBig = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            tooBig.put("key" + i, "y".repeat(500));
        }
        assertThatThrownBy(() -> new ActivationRequest(USER, FINGERPRINT, tooBig, null).validate())
                .hasMessageContaining("larger than 4096");
    }

    @Test
    void deviceDataWithControlCharactersOrBadKeysIsRejected() {
        assertThatThrownBy(() -> new ActivationRequest(USER, FINGERPRINT, Map.of("os", "a\u0000b"), null).validate())
                .hasMessageContaining("control characters");
        assertThatThrownBy(() -> new ActivationRequest(USER, FINGERPRINT, Map.of("os", "\ud800"), null).validate())
                .hasMessageContaining("broken UTF-16");
        assertThatThrownBy(() -> new ActivationRequest(USER, FINGERPRINT, Map.of("bad key", "v"), null).validate())
                .hasMessageContaining("deviceData keys");
    }

    @Test
    void sqlMetacharactersInDeviceValuesAreDataNotSyntax() {
        var valid = new ActivationRequest(USER, FINGERPRINT, Map.of("ua", "x'); DROP TABLE users; --\"\\"), null).validate();
        assertThat(valid.deviceDataJson()).isEqualTo("{\"ua\":\"x'); DROP TABLE users; --\\\"\\\\\"}");
    }

    @Test
    void toStringNeverShowsTheIpAddress() {
        assertThat(new ActivationRequest(USER, FINGERPRINT, null, "203.0.113.7").toString())
                .doesNotContain("203.0.113.7")
                .contains("(hidden)");
    }

    @Test
    void deviceDataIsCompactJsonWithSortedKeysAndOnlyTheNeededEscapes() {
        Map<String, String> device = new HashMap<>();
        device.put("zone", "Zo\u00eb \u2713 \uD834\uDD1E \u2028 a/b <tag> & 'q' \u007e");
        device.put("os", "linux");
        device.put("a.b-c_d", "");

        var valid = new ActivationRequest(USER, FINGERPRINT, device, null).validate();

        assertThat(valid.deviceDataJson()).isEqualTo(
                "{\"a.b-c_d\":\"\",\"os\":\"linux\",\"zone\":\"Zo\u00eb \u2713 \uD834\uDD1E \u2028 a/b <tag> & 'q' ~\"}");
        assertThat(new ActivationRequest(USER, FINGERPRINT, Map.of(), null).validate().deviceDataJson()).isEqualTo("{}");
    }

    @Test
    void theSizeLimitCountsTheJsonTextWithItsEscapes() {
        Map<String, String> device = new HashMap<>();
        for (int i = 10; i < 18; i++) {
            device.put("k" + i, "v".repeat(500));
        }
        device.put("z", "\"" + "v".repeat(14));
        assertThat(new ActivationRequest(USER, FINGERPRINT, device, null).validate().deviceDataJson()).hasSize(4096);

        device.put("z", "\"" + "v".repeat(15));
        assertThatThrownBy(() -> new ActivationRequest(USER, FINGERPRINT, device, null).validate())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("deviceData is larger than 4096");
    }
}
