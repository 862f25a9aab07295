package dev.trialbench.http;

import dev.trialbench.activation.ActivationRequest;
import dev.trialbench.activation.ActivationResult;
import dev.trialbench.activation.FraudFlag;
import dev.trialbench.activation.InvalidRequestException;
import dev.trialbench.activation.TrialActivation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /activations/<name>}: one activation through the given implementation. 201 with the
 * token, 403 with the reason, score and flags, 404 for an unknown user, 400 for anything malformed
 * (nothing is written then). Thread-safe (the activation is).
 */
final class ActivationRoute extends Route {

    private final TrialActivation activation;

    ActivationRoute(TrialActivation activation) {
        super("/activations/" + activation.name(), Pattern.compile(Pattern.quote("/activations/" + activation.name())),
                Set.of("POST"));
        this.activation = activation;
    }

    @Override
    Response serve(Incoming incoming, Matcher path) {
        ActivationRequest request = ActivationJson.parse(RequestBody.readJson(incoming));
        ActivationResult result;
        try {
            result = activation.activate(request);
        } catch (InvalidRequestException e) {
            return Response.invalid(e.problems());
        }
        return switch (result.outcome()) {
            case ACTIVATED -> Response.json(201, activated(result));
            case DENIED -> Response.json(403, denied(result));
            case USER_NOT_FOUND -> Response.error(404, "unknown user");
        };
    }

    private static Map<String, Object> activated(ActivationResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tokenId", result.tokenId().toString());
        body.put("expiresAt", result.expiresAt().toString());
        body.put("reportsRemaining", result.reportsRemaining());
        body.put("score", result.decision().score());
        return body;
    }

    private static Map<String, Object> denied(ActivationResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", result.decision().reason());
        body.put("score", result.decision().score());
        body.put("flags", result.decision().flags().stream().map(ActivationRoute::flag).toList());
        return body;
    }

    private static Map<String, Object> flag(FraudFlag flag) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", flag.type());
        body.put("severity", flag.severity().dbValue());
        body.put("points", flag.points());
        return body;
    }

}
