package dev.trialbench.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Generates the bad-input campaign deterministically: the same seed, count, host and known user
 * give the same requests, byte for byte. Kinds of defect take turns, so every kind is tried about
 * {@code count / kinds} times whatever the count. Thread-safe (stateless).
 */
final class MalformedRequests {

    private static final List<Function<RequestFactory, MalformedRequest>> KINDS = List.of(
            BodyDefects::wrongJsonType, BodyDefects::numberForString, BodyDefects::missingField, BodyDefects::nullField,
            BodyDefects::extraFields, BodyDefects::malformedJson, BodyDefects::notAnObject, BodyDefects::overlongString,
            BodyDefects::sqlInBody, BodyDefects::unknownUser, BodyDefects::badUuid, BodyDefects::badIp,
            BodyDefects::deepNesting, BodyDefects::duplicateKey, BodyDefects::unicodeEscape,
            WireDefects::contentType, WireDefects::wrongMethod, WireDefects::emptyBody, WireDefects::hugeBody,
            WireDefects::contentLengthLie, WireDefects::invalidUtf8, WireDefects::nulByte, WireDefects::unknownRoute,
            WireDefects::pathUserId, WireDefects::limitParameter);

    private MalformedRequests() {
    }

    /** The number of kinds of defect that take turns. */
    static int kinds() {
        return KINDS.size();
    }

    static List<MalformedRequest> generate(long seed, int count, String host, String knownUser) {
        RequestFactory factory = new RequestFactory(seed, host, knownUser);
        List<MalformedRequest> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            requests.add(KINDS.get(i % KINDS.size()).apply(factory));
        }
        return requests;
    }
}
