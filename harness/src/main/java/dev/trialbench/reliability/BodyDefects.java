package dev.trialbench.reliability;

import static dev.trialbench.reliability.RequestFactory.object;
import static dev.trialbench.reliability.RequestFactory.quoted;

import java.util.List;
import java.util.Map;

/**
 * Bad activation bodies that arrive as well-formed HTTP: wrong JSON types, missing and null fields,
 * broken JSON, values out of bounds, injection attempts, unknown users. Each method starts from the
 * known user's valid body and breaks one thing. Thread-safe (stateless; the factory is not).
 */
final class BodyDefects {

    static final List<String> STRING_FIELDS = List.of("userId", "fingerprintHash", "ipAddress");
    static final List<String> ALL_FIELDS = List.of("userId", "fingerprintHash", "deviceData", "ipAddress");
    static final List<String> SQL_PAYLOADS = List.of(
            "' OR '1'='1", "'; DROP TABLE users; --", "1); DELETE FROM free_trial_tokens; --",
            "x' UNION SELECT email FROM users --", "$$; SELECT pg_sleep(30); $$", "\\'; TRUNCATE device_fingerprints; --",
            "%' OR 1=1 --", "'||(SELECT version())||'", "1::text; COPY users TO PROGRAM 'id'; --",
            "\\\\x27 OR 1=1", "'); INSERT INTO free_trial_tokens DEFAULT VALUES; --", "\\\" OR \\\"\\\"=\\\"");

    private BodyDefects() {
    }

    static MalformedRequest wrongJsonType(RequestFactory f) {
        Map<String, String> fields = f.validFields();
        String field = f.pick(ALL_FIELDS);
        String value = field.equals("deviceData")
                ? f.pick(List.of("\"linux\"", "[]", "[\"a\",\"b\"]", "42", "true", "{\"cores\":8}", "{\"a\":null}",
                        "{\"a\":[\"x\"]}", "{\"a\":{\"b\":\"c\"}}", "{\"a\":false}"))
                : f.pick(List.of("true", "false", "[]", "[\"" + f.knownUser() + "\"]", "{}", "{\"value\":\"x\"}"));
        fields.put(field, value);
        return f.post("wrong-json-type", field + " as " + value, object(fields), null);
    }

    static MalformedRequest numberForString(RequestFactory f) {
        Map<String, String> fields = f.validFields();
        String number = f.pick(List.of("12345678", "-1", "0", "1e309", "0.5", "123456789012345678901234567890",
                "-0.0", "9223372036854775808", "1E+2"));
        String field = f.pick(List.of("userId", "fingerprintHash", "ipAddress", "deviceData.os"));
        if (field.equals("deviceData.os")) {
            fields.put("deviceData", "{\"os\":" + number + "}");
        } else {
            fields.put(field, number);
        }
        return f.post("number-for-string", field + " = " + number, object(fields), null);
    }

    static MalformedRequest missingField(RequestFactory f) {
        Map<String, String> fields = f.validFields();
        List<String> removed = f.pick(List.of(List.of("userId"), List.of("fingerprintHash"),
                List.of("userId", "fingerprintHash"), ALL_FIELDS));
        removed.forEach(fields::remove);
        return f.post("missing-field", "without " + String.join(", ", removed), object(fields), null);
    }

    static MalformedRequest nullField(RequestFactory f) {
        Map<String, String> fields = f.validFields();
        List<String> nulled = f.pick(List.of(List.of("userId"), List.of("fingerprintHash"), List.of("userId", "fingerprintHash"),
                ALL_FIELDS));
        nulled.forEach(field -> fields.put(field, "null"));
        return f.post("null-field", String.join(", ", nulled) + " null", object(fields), null);
    }

    /** Extra fields are ignored by contract, so they ride on an unknown user: any write would be theirs. */
    static MalformedRequest extraFields(RequestFactory f) {
        Map<String, String> fields = f.validFields();
        fields.put("userId", quoted(f.unknownUser()));
        String extra = f.pick(List.of("\"user_id\":" + quoted(f.knownUser()), "\"isAdmin\":true", "\"trialCount\":-5",
                "\"tokenId\":\"00000000-0000-0000-0000-000000000001\"", "\"status\":\"active\"",
                "\"reportsRemaining\":99999", "\"__proto__\":{\"admin\":true}", "\"userid\":" + quoted(f.knownUser())));
        String body = object(fields);
        body = body.substring(0, body.length() - 1) + "," + extra + "}";
        return f.post("extra-field", "unknown user with " + extra.substring(0, extra.indexOf(':')), body, null);
    }

    static MalformedRequest malformedJson(RequestFactory f) {
        String valid = object(f.validFields());
        int variant = f.random().nextInt(10);
        String body = switch (variant) {
            case 0 -> valid.substring(0, f.between(1, valid.length() - 1));
            case 1 -> valid.substring(0, valid.length() - 1) + ",}";
            case 2 -> valid.replace('"', '\'');
            case 3 -> "/* comment */" + valid;
            case 4 -> valid.replace("\"userId\"", "userId");
            case 5 -> valid + "}";
            case 6 -> valid + valid;
            case 7 -> "\uFEFF" + valid.substring(0, valid.length() - 1);
            case 8 -> "{\"userId\"}";
            default -> "garbage" + valid;
        };
        return f.post("malformed-json", "broken JSON, variant " + variant, body, null);
    }

    static MalformedRequest notAnObject(RequestFactory f) {
        String body = f.pick(List.of("[]", "\"" + f.knownUser() + "\"", "42", "null", "true", "[" + object(f.validFields()) + "]",
                "[{}]", "-1.5e10"));
        return f.post("not-an-object", "top-level " + body.charAt(0), body, null);
    }

    static MalformedRequest overlongString(RequestFactory f) {
        Map<String, String> fields = f.validFields();
        int variant = f.random().nextInt(8);
        String description;
        switch (variant) {
            case 0 -> {
                int length = f.pick(List.of(129, 1000, 15_000));
                fields.put("fingerprintHash", quoted("a".repeat(length)));
                description = "fingerprintHash of " + length + " characters";
            }
            case 1 -> {
                fields.put("userId", quoted(f.knownUser() + "0".repeat(f.between(1, 5000))));
                description = "userId with a long tail";
            }
            case 2 -> {
                fields.put("ipAddress", quoted("1".repeat(f.between(46, 4000))));
                description = "ipAddress too long";
            }
            case 3 -> {
                fields.put("deviceData", "{\"os\":\"" + "v".repeat(f.between(513, 8000)) + "\"}");
                description = "deviceData value over 512 characters";
            }
            case 4 -> {
                fields.put("deviceData", "{\"" + "k".repeat(f.between(65, 500)) + "\":\"v\"}");
                description = "deviceData key over 64 characters";
            }
            case 5 -> {
                int entries = f.between(33, 400);
                StringBuilder data = new StringBuilder("{");
                for (int i = 0; i < entries; i++) {
                    data.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
                }
                fields.put("deviceData", data.append('}').toString());
                description = "deviceData with " + entries + " entries";
            }
            case 6 -> {
                StringBuilder data = new StringBuilder("{");
                for (int i = 0; i < 10; i++) {
                    data.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"").append("x".repeat(480)).append('"');
                }
                fields.put("deviceData", data.append('}').toString());
                description = "deviceData over 4096 characters in total";
            }
            default -> {
                fields.put("deviceData", "{\"\":\"empty key\"}");
                description = "deviceData with an empty key";
            }
        }
        return f.post("overlong-string", description, object(fields), null);
    }

    /** Payloads in every body field; in a deviceData value (which may hold any text) with an unknown user. */
    static MalformedRequest sqlInBody(RequestFactory f) {
        Map<String, String> fields = f.validFields();
        String payload = f.pick(SQL_PAYLOADS);
        String field = f.pick(List.of("userId", "fingerprintHash", "ipAddress", "deviceData key", "deviceData value"));
        switch (field) {
            case "deviceData key" -> fields.put("deviceData", "{" + quoted(payload) + ":\"v\"}");
            case "deviceData value" -> {
                fields.put("userId", quoted(f.unknownUser()));
                fields.put("deviceData", "{\"os\":" + quoted(payload) + "}");
            }
            default -> fields.put(field, quoted(payload));
        }
        return f.post("sql-injection", "SQL in " + field, object(fields), probe(payload));
    }

    static MalformedRequest unknownUser(RequestFactory f) {
        Map<String, String> fields = f.validFields();
        String user = f.pick(List.of(f.unknownUser(), "00000000-0000-0000-0000-000000000000",
                "ffffffff-ffff-ffff-ffff-ffffffffffff", f.unknownUser().toUpperCase(java.util.Locale.ROOT)));
        fields.put("userId", quoted(user));
        return f.post("unknown-user", "a user id nobody has", object(fields), null);
    }

    static List<String> badUuids(RequestFactory f) {
        String user = f.knownUser();
        return List.of("not-a-uuid", user.replace("-", ""), "{" + user + "}", "urn:uuid:" + user, " " + user, user + " ",
                user.substring(0, 35) + "g", user.substring(0, 30), "0-0-0-0-0", user + "\\n", "", "   ",
                "\\uff10" + user.substring(1), user.replace('-', '_'), "-" + user.substring(1));
    }

    static MalformedRequest badUuid(RequestFactory f) {
        Map<String, String> fields = f.validFields();
        String user = f.pick(badUuids(f));
        fields.put("userId", quoted(user));
        return f.post("bad-uuid", "userId that is not a UUID", object(fields), probe(user));
    }

    static MalformedRequest badIp(RequestFactory f) {
        Map<String, String> fields = f.validFields();
        String ip = f.pick(List.of("999.1.1.1", "1.2.3", "1.2.3.4.5", "localhost", "evil.example", "10.0.0.1/24",
                "fe80::1%eth0", "::::", "1::2::3", "12345::", "::ffff:999.1.1.1", " 1.2.3.4", "1.2.3.4 ", "01.2.3.4",
                "1.2.3.4:80", "[::1]", "0x7f.0.0.1", "2130706433", "\\u0661.2.3.4", "1.2.3.-1", "1:2:3:4:5:6:7:8:9",
                "::1::", "g::1", "256.256.256.256"));
        fields.put("ipAddress", quoted(ip));
        return f.post("bad-ip", "ipAddress that is not an address literal", object(fields), probe(ip));
    }

    static MalformedRequest deepNesting(RequestFactory f) {
        int depth = f.between(1_001, 5_000);
        boolean arrays = f.random().nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        String nested = open.repeat(depth) + "1" + close.repeat(depth);
        Map<String, String> fields = f.validFields();
        String where = f.pick(List.of("top level", "deviceData", "an extra field"));
        String body = switch (where) {
            case "top level" -> nested;
            case "deviceData" -> {
                fields.put("deviceData", "{\"os\":" + nested + "}");
                yield object(fields);
            }
            default -> {
                fields.put("extra", nested);
                yield object(fields);
            }
        };
        return f.post("deep-nesting", (arrays ? "arrays" : "objects") + " nested " + depth + " deep in " + where, body, null);
    }

    static MalformedRequest duplicateKey(RequestFactory f) {
        Map<String, String> fields = f.validFields();
        String field = f.pick(List.of("userId", "fingerprintHash", "ipAddress", "deviceData", "deviceData.os"));
        String body;
        if (field.equals("deviceData.os")) {
            fields.put("deviceData", "{\"os\":\"linux\",\"os\":\"windows\"}");
            body = object(fields);
        } else {
            String valid = object(fields);
            String second = field.equals("userId") ? quoted(f.random().nextBoolean() ? f.knownUser() : f.unknownUser())
                    : fields.get(field);
            body = valid.substring(0, valid.length() - 1) + ",\"" + field + "\":" + second + "}";
        }
        return f.post("duplicate-key", field + " twice", body, null);
    }

    /** Escapes that decode to text the fields refuse, and escapes that are not JSON at all. */
    static MalformedRequest unicodeEscape(RequestFactory f) {
        Map<String, String> fields = f.validFields();
        String fingerprint = f.fingerprint();
        int variant = f.random().nextInt(10);
        switch (variant) {
            case 0 -> fields.put("fingerprintHash", quoted(fingerprint + "\\u00e9"));
            case 1 -> fields.put("fingerprintHash", quoted("\\u202e" + fingerprint));
            case 2 -> fields.put("userId", quoted("\\uff11" + f.knownUser().substring(1)));
            case 3 -> fields.put("deviceData", "{\"os\":\"linux\\ud800\"}");
            case 4 -> fields.put("deviceData", "{\"os\":\"\\udc00linux\"}");
            case 5 -> fields.put("deviceData", "{\"\\u00e9t\\u00e9\":\"v\"}");
            case 6 -> fields.put("fingerprintHash", quoted(fingerprint + "\\x41"));
            case 7 -> fields.put("fingerprintHash", quoted(fingerprint + "\\u12G4"));
            case 8 -> fields.put("ipAddress", quoted("1.2.3.4\\u2028"));
            default -> fields.put("deviceData", "{\"os\":\"lin\\u001bux\"}");
        }
        return f.post("unicode-escape", "escape variant " + variant, object(fields), null);
    }

    /** The part of an input that must not come back: long enough to be recognizable, else none. */
    static String probe(String input) {
        String stripped = input.strip();
        return stripped.length() >= 6 ? stripped : null;
    }
}
