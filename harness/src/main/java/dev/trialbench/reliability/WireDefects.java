package dev.trialbench.reliability;

import static dev.trialbench.reliability.RequestFactory.object;
import static dev.trialbench.reliability.RequestFactory.percentEncoded;
import static dev.trialbench.reliability.RequestFactory.quoted;

import dev.trialbench.listing.ReportListing;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Bad requests at the HTTP level: media types, methods, routes, bodies that are empty, too large,
 * not UTF-8 or hold NUL bytes, Content-Lengths that lie, and path and query values that are not
 * what the route takes. Most carry the known user's otherwise valid body, so that accepting them
 * would write. Thread-safe (stateless; the factory is not).
 */
final class WireDefects {

    private static final int LIMIT = 16 * 1024;

    private WireDefects() {
    }

    static MalformedRequest contentType(RequestFactory f) {
        String type = f.pick(java.util.Arrays.asList(null, "text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/json; charset=latin1", "application/json; charset=utf-16",
                "application/jsonx", "json", "", "application/*", "*/*", "text/json", "application/vnd.api+json",
                "application/json; charset=", "application/json; charset=\"utf-32\""));
        byte[] body = MalformedRequest.utf8(object(f.validFields()));
        return f.request("content-type", "Content-Type " + (type == null ? "missing" : "'" + type + "'"), "POST",
                f.activationPath(), type, null, body, null);
    }

    static MalformedRequest wrongMethod(RequestFactory f) {
        String route = f.pick(List.of("activation", "reports", "health"));
        byte[] body = MalformedRequest.utf8(object(f.validFields()));
        String method;
        String target;
        switch (route) {
            case "activation" -> {
                method = f.pick(List.of("GET", "PUT", "DELETE", "PATCH", "OPTIONS"));
                target = f.activationPath();
            }
            case "reports" -> {
                method = f.pick(List.of("POST", "PUT", "DELETE", "PATCH"));
                target = "/users/" + f.knownUser() + "/reports";
            }
            default -> {
                method = f.pick(List.of("POST", "PUT", "DELETE"));
                target = "/health";
            }
        }
        return f.request("wrong-method", method + " on the " + route + " route", method, target, "application/json", null,
                body, null);
    }

    static MalformedRequest emptyBody(RequestFactory f) {
        String body = f.pick(List.of("", " ", "\r\n", "\t \n "));
        return f.post("empty-body", "body of " + body.length() + " blank bytes", body, null);
    }

    /** Over 16 KiB with a true length, or without a length (chunked): the valid fields plus padding. */
    static MalformedRequest hugeBody(RequestFactory f) {
        Map<String, String> fields = f.validFields();
        int size = f.pick(List.of(LIMIT + 1, f.between(LIMIT + 2, 4 * LIMIT), 1024 * 1024));
        fields.put("padding", quoted("p".repeat(size)));
        byte[] body = MalformedRequest.utf8(object(fields));
        if (f.random().nextInt(4) > 0) {
            return f.post("huge-body", "body of " + body.length + " bytes", body, null);
        }
        String head = "POST " + f.activationPath() + " HTTP/1.1\r\nHost: " + f.host() + "\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        for (int offset = 0; offset < body.length; offset += 4096) {
            int length = Math.min(4096, body.length - offset);
            chunked.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            chunked.write(body, offset, length);
            chunked.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        chunked.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return new MalformedRequest("huge-body", "chunked body of " + body.length + " bytes", head, chunked.toByteArray(),
                false, null);
    }

    /** The known user's valid body under a Content-Length that is not its length. */
    static MalformedRequest contentLengthLie(RequestFactory f) {
        byte[] body = MalformedRequest.utf8(object(f.validFields()));
        int variant = f.random().nextInt(4);
        String path = f.activationPath();
        return switch (variant) {
            case 0 -> f.request("content-length-lie", "Content-Length of 10^12", "POST", path, "application/json",
                    "1000000000000", body, null);
            case 1 -> f.request("content-length-lie", "Content-Length over 16 KiB for a small body", "POST", path,
                    "application/json", Integer.toString(LIMIT + f.between(1, 100_000)), body, null);
            case 2 -> {
                String head = MalformedRequest.head("POST", path, f.host(), "application/json",
                        Integer.toString(body.length + f.between(1, 500)), body.length);
                yield new MalformedRequest("content-length-lie", "Content-Length longer than the body, then end of stream",
                        head, body, true, null);
            }
            default -> f.request("content-length-lie", "Content-Length shorter than the body", "POST", path,
                    "application/json", Integer.toString(f.between(1, body.length - 1)), body, null);
        };
    }

    private static final List<byte[]> INVALID_UTF8 = List.of(
            new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xA0, (byte) 0xA1}, new byte[] {(byte) 0xE2, 0x28, (byte) 0xA1},
            new byte[] {(byte) 0xE2, (byte) 0x82, 0x28}, new byte[] {(byte) 0xF0, 0x28, (byte) 0x8C, (byte) 0xBC},
            new byte[] {(byte) 0xF8, (byte) 0xA1, (byte) 0xA1, (byte) 0xA1, (byte) 0xA1}, new byte[] {(byte) 0xFF},
            new byte[] {(byte) 0xFE}, new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            new byte[] {(byte) 0xC3});

    static MalformedRequest invalidUtf8(RequestFactory f) {
        byte[] bad = f.pick(INVALID_UTF8);
        String field = f.pick(List.of("userId", "fingerprintHash", "ipAddress", "deviceData.os", "a key", "between tokens"));
        return f.post("invalid-utf8", "bytes " + java.util.HexFormat.of().formatHex(bad) + " in " + field,
                withBytes(f, field, bad), null);
    }

    static MalformedRequest nulByte(RequestFactory f) {
        if (f.random().nextBoolean()) {
            String field = f.pick(List.of("userId", "fingerprintHash", "ipAddress", "deviceData.os", "a key", "between tokens"));
            return f.post("nul-byte", "raw NUL in " + field, withBytes(f, field, new byte[] {0}), null);
        }
        Map<String, String> fields = f.validFields();
        String field = f.pick(List.of("userId", "fingerprintHash", "ipAddress", "deviceData value", "deviceData key"));
        switch (field) {
            case "deviceData value" -> fields.put("deviceData", "{\"os\":\"linux\\u0000\"}");
            case "deviceData key" -> fields.put("deviceData", "{\"o\\u0000s\":\"linux\"}");
            default -> {
                String value = fields.get(field);
                fields.put(field, value.substring(0, value.length() - 1) + "\\u0000\"");
            }
        }
        return f.post("nul-byte", "escaped NUL at the end of " + field, object(fields), null);
    }

    /** The valid body with raw bytes put inside one field's string (or between tokens). */
    private static byte[] withBytes(RequestFactory f, String field, byte[] bytes) {
        Map<String, String> fields = f.validFields();
        String marker = "\u0001MARK\u0001";
        switch (field) {
            case "deviceData.os" -> fields.put("deviceData", "{\"os\":\"li" + marker + "nux\"}");
            case "a key" -> fields.put("deviceData", "{\"o" + marker + "s\":\"linux\"}");
            case "between tokens" -> fields.put("deviceData", marker + "{\"os\":\"linux\"}");
            default -> {
                String value = fields.get(field);
                fields.put(field, value.substring(0, 3) + marker + value.substring(3));
            }
        }
        byte[] text = MalformedRequest.utf8(object(fields));
        byte[] markerBytes = MalformedRequest.utf8(marker);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length; i++) {
            if (i + markerBytes.length <= text.length
                    && java.util.Arrays.equals(text, i, i + markerBytes.length, markerBytes, 0, markerBytes.length)) {
                out.writeBytes(bytes);
                i += markerBytes.length - 1;
            } else {
                out.write(text[i]);
            }
        }
        return out.toByteArray();
    }

    static MalformedRequest unknownRoute(RequestFactory f) {
        String user = f.knownUser();
        String target = f.pick(List.of("/activations", "/activations/", "/activations/naive/", "/activations/naive/x",
                "/activations/NAIVE", "/activations/fast", "/users//reports", "/users/" + user + "/reports/extra",
                "/users/" + user, "/%2e%2e/activations/naive", "/activations/naive;jsessionid=x", "/activations/naive%00",
                "/admin", "/activations/naive/../batched"));
        String method = target.startsWith("/users") ? "GET" : "POST";
        return f.request("unknown-route", method + " on a path no route owns", method, target, "application/json", null,
                MalformedRequest.utf8(object(f.validFields())), null);
    }

    /** Not-a-UUID and SQL in the reports route's user id (percent-encoded, as a client must send it). */
    static MalformedRequest pathUserId(RequestFactory f) {
        boolean sql = f.random().nextBoolean();
        String user = sql ? f.pick(BodyDefects.SQL_PAYLOADS) : f.pick(BodyDefects.badUuids(f)).replace("\\n", "\n")
                .replace("\\uff10", "\uff10");
        String target = "/users/" + percentEncoded(user) + "/reports" + (f.random().nextBoolean() ? "?limit=5" : "");
        return f.request(sql ? "sql-injection" : "bad-uuid", (sql ? "SQL" : "not a UUID") + " as the path's user id", "GET",
                target, null, null, new byte[0], BodyDefects.probe(user));
    }

    static MalformedRequest limitParameter(RequestFactory f) {
        boolean sql = f.random().nextInt(3) == 0;
        String limit = sql ? percentEncoded(f.pick(BodyDefects.SQL_PAYLOADS)) : f.pick(List.of("0", "-1",
                Integer.toString(ReportListing.LARGE + 1), "99999", "1e3", "0x10", "", "abc", "1.5", "%2B5", "%205", "5,6",
                "ALL", "NULL", "%00", "5%00", "1%20OR%201=1", "12345678901234567890", "\u0661"));
        String target = "/users/" + f.knownUser() + "/reports?limit=" + (limit.equals("\u0661") ? "%D9%A1" : limit);
        return f.request(sql ? "sql-injection" : "limit-parameter", (sql ? "SQL" : "bad value") + " as limit", "GET", target,
                null, null, new byte[0], null);
    }
}
