package dev.trialbench.provision;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Swaps the database name in a {@code jdbc:postgresql://host:port/db?params} URL. */
final class JdbcUrlsWithDatabase {

    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?$");

    private JdbcUrlsWithDatabase() {
    }

    static String replaceDatabase(String jdbcUrl, String database) {
        Matcher matcher = URL.matcher(jdbcUrl);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Cannot read host and database from the JDBC URL; use the form "
                    + "jdbc:postgresql://HOST:PORT/DATABASE");
        }
        String params = matcher.group(3) == null ? "" : matcher.group(3);
        return matcher.group(1) + "/" + database + params;
    }
}
