package dev.trialbench.activation;

import java.util.regex.Pattern;

/**
 * Recognises IPv4 and IPv6 literals without {@link java.net.InetAddress#getByName}, which would
 * resolve anything that is not a literal through DNS. Thread-safe (stateless).
 */
final class IpAddresses {

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");

    private IpAddresses() {
    }

    static boolean isLiteral(String text) {
        if (text.length() > 45) {
            return false;
        }
        return IPV4.matcher(text).matches() || isIpv6(text);
    }

    private static boolean isIpv6(String text) {
        String address = text;
        int groupsNeeded = 8;
        int lastColon = address.lastIndexOf(':');
        if (lastColon < 0) {
            return false;
        }
        String tail = address.substring(lastColon + 1);
        if (tail.contains(".")) {
            if (!IPV4.matcher(tail).matches()) {
                return false;
            }
            address = address.substring(0, lastColon + 1) + "0";
            groupsNeeded = 7;
        }
        int doubleColon = address.indexOf("::");
        if (doubleColon >= 0 && address.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        if (doubleColon < 0) {
            return groups(address) == groupsNeeded;
        }
        String head = address.substring(0, doubleColon);
        String rest = address.substring(doubleColon + 2);
        int headGroups = head.isEmpty() ? 0 : groups(head);
        int restGroups = rest.isEmpty() ? 0 : groups(rest);
        return headGroups >= 0 && restGroups >= 0 && headGroups + restGroups < groupsNeeded;
    }

    /** The number of hex groups separated by single colons, or -1 if malformed. */
    private static int groups(String part) {
        String[] groups = part.split(":", -1);
        for (String group : groups) {
            if (!HEX_GROUP.matcher(group).matches()) {
                return -1;
            }
        }
        return groups.length;
    }
}
