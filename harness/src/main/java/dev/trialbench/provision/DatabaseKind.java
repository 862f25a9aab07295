package dev.trialbench.provision;

import java.util.Locale;

/** Where the PostgreSQL server comes from ({@code --db}, variable {@code TRIALBENCH_DB}). */
public enum DatabaseKind {
    /** A JDBC URL if one was given, else Testcontainers if Docker answers, else embedded. */
    AUTO,
    /** An existing server, by JDBC URL. */
    URL,
    /** A PostgreSQL container started by Testcontainers (needs a Docker engine). */
    CONTAINER,
    /** An embedded PostgreSQL (zonky binaries) started in a temporary folder. */
    EMBEDDED;

    public static DatabaseKind parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Unknown database kind '" + value
                    + "' (flag --db, variable TRIALBENCH_DB): use auto, url, container or embedded", e);
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
