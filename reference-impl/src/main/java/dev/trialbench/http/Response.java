package dev.trialbench.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a route answers: a status, a body that Jackson turns into JSON, and extra headers.
 * Immutable.
 */
record Response(int status, Object body, Map<String, String> headers) {

    Response {
        headers = Map.copyOf(headers);
    }

    static Response json(int status, Object body) {
        return new Response(status, body, Map.of());
    }

    static Response error(int status, String message) {
        return json(status, Map.of("error", message));
    }

    /** 400 with every problem found, each one a sentence that says what is wrong. */
    static Response invalid(List<String> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "invalid request");
        body.put("problems", List.copyOf(problems));
        return json(400, body);
    }

    Response withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Response(status, body, more);
    }
}
