package dev.trialbench.http;

import java.util.List;

/**
 * Ends a request early with a ready response (bad input, wrong media type, body too large): thrown
 * while reading the request, caught once in {@link Route}. Carries no request data in its message.
 */
final class HttpFailure extends RuntimeException {

    private final transient Response response;

    private HttpFailure(Response response) {
        super("HTTP " + response.status(), null, false, false);
        this.response = response;
    }

    static HttpFailure invalid(List<String> problems) {
        return new HttpFailure(Response.invalid(problems));
    }

    static HttpFailure invalid(String problem) {
        return invalid(List.of(problem));
    }

    static HttpFailure tooLarge(int limit) {
        return new HttpFailure(Response.error(413, "the body is larger than " + limit + " bytes")
                .withHeader("Connection", "close"));
    }

    static HttpFailure unsupportedMediaType() {
        return new HttpFailure(Response.error(415, "Content-Type must be application/json (charset utf-8, if given)"));
    }

    Response response() {
        return response;
    }
}
