package dev.trialbench.reliability;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The shared material of the generated bad requests: one seeded {@link Random}, the known user whose
 * otherwise valid requests make a defect matter, and builders for activation bodies and request
 * heads. Every body starts from a valid activation and gets exactly one kind of defect, so that a
 * request the service accepts is a service defect, not a generator accident. Not thread-safe
 * (shares the Random).
 */
final class RequestFactory {

    static final String VALID_IP = "203.0.113.7";

    private final Random random;
    private final String host;
    private final String knownUser;

    RequestFactory(long seed, String host, String knownUser) {
        this.random = new Random(seed);
        this.host = host;
        this.knownUser = knownUser;
    }

    Random random() {
        return random;
    }

    String knownUser() {
        return knownUser;
    }

    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    int between(int lowest, int highest) {
        return lowest + random.nextInt(highest - lowest + 1);
    }

    String fingerprint() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A user id that is certainly not the known user's (and, being random, almost certainly no one's). */
    String unknownUser() {
        UUID id;
        do {
            id = new UUID(random.nextLong(), random.nextLong());
        } while (id.toString().equalsIgnoreCase(knownUser));
        return id.toString();
    }

    String activationPath() {
        return random.nextBoolean() ? "/activations/naive" : "/activations/batched";
    }

    /** The four fields of a valid activation for the known user, as raw JSON values, in order. */
    Map<String, String> validFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("userId", quoted(knownUser));
        fields.put("fingerprintHash", quoted(fingerprint()));
        fields.put("deviceData", "{\"os\":\"linux\",\"browser\":\"firefox\"}");
        fields.put("ipAddress", quoted(VALID_IP));
        return fields;
    }

    static String quoted(String text) {
        return "\"" + text + "\"";
    }

    /** Raw JSON values joined into an object, exactly as given (nothing is escaped). */
    static String object(Map<String, String> fields) {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(field.getKey()).append("\":").append(field.getValue());
        }
        return json.append('}').toString();
    }

    /** A POST of the given body bytes to an activation route, as application/json. */
    MalformedRequest post(String category, String description, byte[] body, String echoProbe) {
        return request(category, description, "POST", activationPath(), "application/json", null, body, echoProbe);
    }

    MalformedRequest post(String category, String description, String body, String echoProbe) {
        return post(category, description, MalformedRequest.utf8(body), echoProbe);
    }

    MalformedRequest request(String category, String description, String method, String target, String contentType,
                             String contentLength, byte[] body, String echoProbe) {
        String head = MalformedRequest.head(method, target, host, contentType, contentLength, body.length);
        return new MalformedRequest(category, description, head, body, false, echoProbe);
    }

    String host() {
        return host;
    }

    /** Percent-encodes every byte outside the unreserved set, so any text can sit in a request target. */
    static String percentEncoded(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : MalformedRequest.utf8(text)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
