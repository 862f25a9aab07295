package dev.trialbench.http;

import com.fasterxml.jackson.core.JsonProcessingException;
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
abstract class Route {

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
    abstract Response serve(Incoming request, Matcher path);

    /** Whether this route owns {@code requestPath} (its methods are checked later, for a 405). */
    boolean owns(String requestPath) {
        return path.matcher(requestPath).matches();
    }

    /** The response to {@code request}: never throws; a failure becomes its status. */
    final Response respond(Incoming request) {
        long started = System.nanoTime();
        String method = request.method();
        Response response;
        try {
            response = dispatch(request, method);
        } catch (HttpFailure e) {
            response = e.response();
        } catch (RuntimeException e) {
            response = Failures.toResponse(e);
            if (response.status() >= 500 && response.status() != 503) {
                LOG.warn("{} {} failed: {}", method, template, Failures.describe(e));
            }
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} -> {} in {} us", method, template, response.status(), (System.nanoTime() - started) / 1_000);
        }
        return response;
    }

    /** Logs, without request data, that a response could not be sent (the client went away). */
    final void notSent(String method, Throwable failure) {
        LOG.debug("{} {}: the response could not be sent ({})", method, template, failure.getClass().getSimpleName());
    }

    private Response dispatch(Incoming request, String method) {
        if (QueueDeadline.expired()) {
            return Response.error(503, "the service is overloaded: the request waited too long for a worker; retry later")
                    .withHeader("Retry-After", "1");
        }
        Matcher matcher = path.matcher(request.path());
        if (!matcher.matches()) {
            return Response.error(404, "not found");
        }
        if (!methods.contains(method)) {
            return Response.error(405, "method not allowed; use " + String.join(", ", methods))
                    .withHeader("Allow", String.join(", ", methods));
        }
        return serve(request, matcher);
    }

    /** The response's body as JSON bytes. */
    static byte[] body(Response response) {
        try {
            return ActivationJson.MAPPER.writeValueAsBytes(response.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serializable", e);
        }
    }
}
