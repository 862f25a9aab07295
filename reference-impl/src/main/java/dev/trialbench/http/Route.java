package dev.trialbench.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One route of the service: the path it answers (exactly, a pattern), the methods it allows, and
 * the one place where failures become responses and where a request is logged. A log line holds
 * the method, the route's template (not the path, which holds a user id), the status and the
 * duration: never a body, a header, an address or a statement parameter. Thread-safe when the
 * subclass is.
 */
abstract class Route implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Route.class);

    private final String template;
    private final Pattern path;
    private final Set<String> methods;

    Route(String template, Pattern path, Set<String> methods) {
        this.template = template;
        this.path = path;
        this.methods = Set.copyOf(methods);
    }

    /** Answers a request whose path and method already matched; may throw {@link HttpFailure}. */
    abstract Response serve(HttpExchange exchange, Matcher path);

    @Override
    public final void handle(HttpExchange exchange) {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod();
        Response response;
        try {
            response = dispatch(exchange, method);
        } catch (HttpFailure e) {
            response = e.response();
        } catch (RuntimeException e) {
            response = Failures.toResponse(e);
            if (response.status() >= 500 && response.status() != 503) {
                LOG.warn("{} {} failed: {}", method, template, Failures.describe(e));
            }
        }
        try {
            send(exchange, response);
        } catch (IOException | RuntimeException e) {
            LOG.debug("{} {}: the response could not be sent ({})", method, template, e.getClass().getSimpleName());
        } finally {
            exchange.close();
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} -> {} in {} us", method, template, response.status(), (System.nanoTime() - started) / 1_000);
        }
    }

    private Response dispatch(HttpExchange exchange, String method) {
        if (QueueDeadline.expired()) {
            return Response.error(503, "the service is overloaded: the request waited too long for a worker; retry later")
                    .withHeader("Retry-After", "1");
        }
        Matcher matcher = path.matcher(exchange.getRequestURI().getPath());
        if (!matcher.matches()) {
            return Response.error(404, "not found");
        }
        if (!methods.contains(method)) {
            return Response.error(405, "method not allowed; use " + String.join(", ", methods))
                    .withHeader("Allow", String.join(", ", methods));
        }
        return serve(exchange, matcher);
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        byte[] body;
        try {
            body = ActivationJson.MAPPER.writeValueAsBytes(response.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serializable", e);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            exchange.getResponseHeaders().set(header.getKey(), header.getValue());
        }
        exchange.sendResponseHeaders(response.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
            if (response.status() == 413) {
                // Answer first, then read (and drop) the rest: closing a connection with unread input
                // resets it, and the reset can destroy the 413 before the client has read it; reading
                // before answering would keep the answer from a client whose Content-Length promises
                // more than it sends (it waits for the answer, the service for the bytes).
                out.flush();
                RequestBody.discardRest(exchange.getRequestBody());
            }
        }
    }
}
