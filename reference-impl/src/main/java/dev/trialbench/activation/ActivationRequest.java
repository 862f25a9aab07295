package dev.trialbench.activation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A trial activation as it arrives from outside (HTTP body, benchmark, test): untrusted text.
 * {@link #validate()} turns it into a {@link ValidRequest} or throws {@link InvalidRequestException}
 * listing every problem; nothing touches the database before that.
 *
 * @param userId          the user's id, a UUID
 * @param fingerprintHash the device fingerprint hash: 8 to 128 characters of {@code [A-Za-z0-9_-]}
 * @param deviceData      optional flat key/value description of the device (bounded in size)
 * @param ipAddress       optional IPv4 or IPv6 literal (never a host name: nothing is resolved)
 */
public record ActivationRequest(String userId, String fingerprintHash, Map<String, String> deviceData, String ipAddress) {

    public static final int MAX_DEVICE_ENTRIES = 32;
    public static final int MAX_DEVICE_KEY_LENGTH = 64;
    public static final int MAX_DEVICE_VALUE_LENGTH = 512;
    public static final int MAX_DEVICE_DATA_BYTES = 4096;

    private static final Pattern FINGERPRINT = Pattern.compile("[A-Za-z0-9_-]{8,128}");
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DEVICE_KEY = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_DEVICE_KEY_LENGTH + "}");

    /** A request whose every field was checked; safe to bind as statement parameters. */
    public record ValidRequest(UUID userId, String fingerprintHash, String deviceDataJson, String ipAddress) {
    }

    public ValidRequest validate() {
        List<String> problems = new ArrayList<>();
        UUID user = null;
        if (userId == null || userId.isBlank()) {
            problems.add("userId is missing");
        } else if (!UUID_TEXT.matcher(userId).matches()) {
            problems.add("userId must be a UUID (8-4-4-4-12 hex digits)");
        } else {
            user = UUID.fromString(userId);
        }
        if (fingerprintHash == null || fingerprintHash.isEmpty()) {
            problems.add("fingerprintHash is missing");
        } else if (!FINGERPRINT.matcher(fingerprintHash).matches()) {
            problems.add("fingerprintHash must be 8 to 128 characters of A-Z, a-z, 0-9, '_' or '-'");
        }
        String deviceJson = null;
        if (deviceData != null) {
            deviceJson = deviceDataJson(problems);
        }
        String ip = null;
        if (ipAddress != null && !ipAddress.isEmpty()) {
            if (IpAddresses.isLiteral(ipAddress)) {
                ip = ipAddress;
            } else {
                problems.add("ipAddress must be an IPv4 or IPv6 address literal");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new ValidRequest(user, fingerprintHash, deviceJson, ip);
    }

    private String deviceDataJson(List<String> problems) {
        if (deviceData.size() > MAX_DEVICE_ENTRIES) {
            problems.add("deviceData has " + deviceData.size() + " entries, at most " + MAX_DEVICE_ENTRIES + " are allowed");
            return null;
        }
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, String> entry : new TreeMap<>(deviceData).entrySet()) {
            String key = entry.getKey();
            String value = entry.getValue();
            if (key == null || !DEVICE_KEY.matcher(key).matches()) {
                problems.add("deviceData keys must be 1 to " + MAX_DEVICE_KEY_LENGTH + " characters of A-Z, a-z, 0-9, '_', '.' or '-'");
                return null;
            }
            if (value == null || value.length() > MAX_DEVICE_VALUE_LENGTH) {
                problems.add("deviceData value of '" + key + "' must be present and at most " + MAX_DEVICE_VALUE_LENGTH + " characters");
                return null;
            }
            if (!printable(value)) {
                problems.add("deviceData value of '" + key + "' must not contain control characters or broken UTF-16");
                return null;
            }
            json.put(key, value);
        }
        // Jackson's compact form (keys in the TreeMap's order): what the size limit counts and jsonb parses.
        String text = json.toString();
        if (text.length() > MAX_DEVICE_DATA_BYTES) {
            problems.add("deviceData is larger than " + MAX_DEVICE_DATA_BYTES + " characters as JSON");
            return null;
        }
        return text;
    }

    /** No control characters (jsonb refuses \u0000) and no lone surrogates (jsonb refuses those too). */
    private static boolean printable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Never prints the IP address (personal data); the rest is safe to log. */
    @Override
    public String toString() {
        return "ActivationRequest[userId=" + userId + ", fingerprintHash=" + fingerprintHash
                + ", deviceData=" + (deviceData == null ? "none" : deviceData.size() + " entries")
                + ", ipAddress=" + (ipAddress == null ? "none" : "(hidden)") + "]";
    }
}
