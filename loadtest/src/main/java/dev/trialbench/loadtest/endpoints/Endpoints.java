package dev.trialbench.loadtest.endpoints;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.net.URI;
import java.util.Set;

/**
 * The service's HTTP requests as Gatling sees them, and what counts as a success: an activation is
 * answered 201 (activated) or 403 (denied: an expected business outcome), a listing 200. Every
 * request saves its status in the session ({@value #STATUS}) before the success check, so that a
 * failed check still tells which status came (absent = no response). The request name comes from
 * the session ({@value #REQUEST_NAME}): the measured requests carry the type alone, warm-up ones
 * {@code type@warmup}, so that Gatling's assertions can exclude the warm-up. Thread-safe (stateless).
 */
public final class Endpoints {

    public static final String STATUS = "status";
    public static final String REQUEST_NAME = "requestName";
    public static final String BODY = "body";
    public static final String LISTING_USER = "listingUser";
    public static final String LISTING = "listing";
    public static final Set<Integer> ACTIVATION_OK = Set.of(201, 403);
    public static final Set<Integer> LISTING_OK = Set.of(200);

    private Endpoints() {
    }

    /** {@code activate-naive} or {@code activate-batched}. */
    public static String activationType(String implementation) {
        return "activate-" + implementation;
    }

    /** One connection pool shared by all virtual users (a service-to-service client), no Gatling warm-up call. */
    public static HttpProtocolBuilder protocol(URI baseUri) {
        return http.baseUrl(baseUri.toString())
                .shareConnections()
                .disableWarmUp()
                .disableCaching()
                .acceptHeader("application/json");
    }

    /** POST /activations/{implementation} with the session's body. */
    public static HttpRequestActionBuilder activate(String implementation) {
        return http("#{" + REQUEST_NAME + "}")
                .post("/activations/" + implementation)
                .header("Content-Type", "application/json")
                .body(StringBody("#{" + BODY + "}"))
                .check(status().saveAs(STATUS), status().in(201, 403));
    }

    /** GET /users/{id}/reports?limit=50 for the session's listing user. */
    public static HttpRequestActionBuilder listing() {
        return http("#{" + REQUEST_NAME + "}")
                .get("/users/#{" + LISTING_USER + "}/reports?limit=50")
                .check(status().saveAs(STATUS), status().is(200));
    }

    /** Whether {@code status} is a success for a request of {@code type}. */
    public static boolean ok(String type, int status) {
        return (type.equals(LISTING) ? LISTING_OK : ACTIVATION_OK).contains(status);
    }
}
