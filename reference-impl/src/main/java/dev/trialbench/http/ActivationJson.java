package dev.trialbench.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.trialbench.activation.ActivationRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an activation body into an {@link ActivationRequest}, checking only the JSON shape (an
 * object; the four fields strings, {@code deviceData} an object of strings); what the values may
 * be is {@link ActivationRequest#validate()}'s job. Fields other than the four are ignored, so a
 * client may send more than the service reads. Duplicate keys and trailing content are refused.
 * Error messages name the field and the line and column, never echo the body. Thread-safe.
 */
final class ActivationJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ActivationJson() {
    }

    static ActivationRequest parse(String body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw HttpFailure.invalid("the body is not valid JSON" + where(e.getLocation()));
        }
        if (root == null || root.isMissingNode()) {
            throw HttpFailure.invalid("the body is empty; expected a JSON object");
        }
        if (!root.isObject()) {
            throw HttpFailure.invalid("the body must be a JSON object, was " + kind(root));
        }
        List<String> problems = new ArrayList<>();
        String userId = text(root, "userId", problems);
        String fingerprintHash = text(root, "fingerprintHash", problems);
        Map<String, String> deviceData = deviceData(root.get("deviceData"), problems);
        String ipAddress = text(root, "ipAddress", problems);
        if (!problems.isEmpty()) {
            throw HttpFailure.invalid(problems);
        }
        return new ActivationRequest(userId, fingerprintHash, deviceData, ipAddress);
    }

    /** A missing or null field is null (validate() says whether that is allowed); anything but a string is a problem. */
    private static String text(JsonNode root, String field, List<String> problems) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            problems.add(field + " must be a string, was " + kind(node));
            return null;
        }
        return node.textValue();
    }

    private static Map<String, String> deviceData(JsonNode node, List<String> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            problems.add("deviceData must be an object of strings, was " + kind(node));
            return null;
        }
        Map<String, String> entries = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isTextual()) {
                problems.add("deviceData values must be strings, one was " + kind(field.getValue()));
                return null;
            }
            entries.put(field.getKey(), field.getValue().textValue());
        }
        return entries;
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case STRING -> "a string";
            case NULL, MISSING -> "null";
            case BINARY -> "binary";
        };
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
