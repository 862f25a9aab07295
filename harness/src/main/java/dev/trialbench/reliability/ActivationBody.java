package dev.trialbench.reliability;

import java.util.UUID;

/** The JSON body of {@code POST /activations/...} for one user and fingerprint. Stateless. */
final class ActivationBody {

    private ActivationBody() {
    }

    static String of(UUID user, String fingerprint) {
        return "{\"userId\":\"" + user + "\",\"fingerprintHash\":\"" + fingerprint + "\",\"deviceData\":{\"os\":\"linux\"}}";
    }
}
