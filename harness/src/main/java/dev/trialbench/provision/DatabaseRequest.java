package dev.trialbench.provision;

import java.util.Map;

/**
 * What the user asked for: which kind of database and, for {@link DatabaseKind#URL}, where it is;
 * for the embedded one, which PostgreSQL major ({@code null}: the bundled {@link PostgresMajor#DEFAULT}).
 * Built once at the edge (flag, then environment variable, then default); {@link #toString()} masks
 * the password.
 */
public record DatabaseRequest(DatabaseKind kind, String jdbcUrl, String username, String password, PostgresMajor pgMajor) {

    public static final String ENV_KIND = "TRIALBENCH_DB";
    public static final String ENV_JDBC_URL = "TRIALBENCH_JDBC_URL";
    public static final String ENV_USER = "TRIALBENCH_DB_USER";
    public static final String ENV_PASSWORD = "TRIALBENCH_DB_PASSWORD";

    public DatabaseRequest {
        if (kind == null) {
            kind = DatabaseKind.AUTO;
        }
        if (kind == DatabaseKind.URL && (jdbcUrl == null || jdbcUrl.isBlank())) {
            throw new IllegalArgumentException("--db url needs a JDBC URL: pass --jdbc-url or set "
                    + ENV_JDBC_URL + " (for example jdbc:postgresql://127.0.0.1:5432/postgres)");
        }
        if (jdbcUrl != null && !jdbcUrl.isBlank() && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("The JDBC URL (flag --jdbc-url, variable " + ENV_JDBC_URL
                    + ") must start with jdbc:postgresql:");
        }
        if (jdbcUrl != null && jdbcUrl.isBlank()) {
            jdbcUrl = null;
        }
        if (pgMajor != null && (kind == DatabaseKind.URL || kind == DatabaseKind.CONTAINER
                || (kind == DatabaseKind.AUTO && jdbcUrl != null))) {
            throw new IllegalArgumentException("The PostgreSQL major (flag --pg-major, variable " + PostgresMajor.ENV
                    + ") chooses the embedded binaries: use it with --db embedded (or auto without a JDBC URL), not --db "
                    + (kind == DatabaseKind.AUTO ? "auto with a JDBC URL" : kind.label()));
        }
        if (pgMajor != null && kind == DatabaseKind.AUTO) {
            kind = DatabaseKind.EMBEDDED;
        }
    }

    /** A request for the default major. */
    public DatabaseRequest(DatabaseKind kind, String jdbcUrl, String username, String password) {
        this(kind, jdbcUrl, username, password, null);
    }

    /** The major to start for an embedded database. */
    public PostgresMajor embeddedMajor() {
        return pgMajor == null ? PostgresMajor.of(PostgresMajor.DEFAULT) : pgMajor;
    }

    /** The request that the environment variables alone describe (no flags). */
    public static DatabaseRequest fromEnvironment(Map<String, String> environment) {
        String kind = environment.get(ENV_KIND);
        return new DatabaseRequest(kind == null || kind.isBlank() ? DatabaseKind.AUTO : DatabaseKind.parse(kind),
                environment.get(ENV_JDBC_URL),
                environment.getOrDefault(ENV_USER, "postgres"),
                environment.getOrDefault(ENV_PASSWORD, ""),
                blank(environment.get(PostgresMajor.ENV)) ? null : PostgresMajor.parse(environment.get(PostgresMajor.ENV)));
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    public static DatabaseRequest embedded() {
        return new DatabaseRequest(DatabaseKind.EMBEDDED, null, null, null);
    }

    @Override
    public String toString() {
        return "DatabaseRequest[kind=" + kind.label() + ", url=" + dev.trialbench.db.JdbcUrls.mask(jdbcUrl)
                + ", user=" + username + ", password=" + (password == null || password.isEmpty() ? "(none)" : "****")
                + (pgMajor == null ? "" : ", pgMajor=" + pgMajor.major()) + "]";
    }
}
