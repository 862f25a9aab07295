package dev.trialbench.db;

import java.util.regex.Pattern;

/** Helpers for printing JDBC URLs without the secrets they may carry. Thread-safe (stateless). */
public final class JdbcUrls {

    private static final Pattern SECRET_PARAMETER =
            Pattern.compile("(?i)((?:password|sslpassword|sslkey|sslkeypassword)=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//)([^/@]*)@");

    private JdbcUrls() {
    }

    /** The URL with passwords (query parameters and user info) replaced by {@code ****}. */
    public static String mask(String jdbcUrl) {
        if (jdbcUrl == null) {
            return null;
        }
        String masked = SECRET_PARAMETER.matcher(jdbcUrl).replaceAll("$1****");
        return USER_INFO.matcher(masked).replaceAll("$1****@");
    }
}
