package dev.trialbench.reliability;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/** The JSON body of {@code POST /activations/...} for one user and fingerprint. Stateless. */
final class ActivationBody {

    private ActivationBody() {
    }

    static String of(UUID user, String fingerprint) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("userId", user.toString());
        body.put("fingerprintHash", fingerprint);
        body.putObject("deviceData").put("os", "linux");
        return body.toString();
    }
}
