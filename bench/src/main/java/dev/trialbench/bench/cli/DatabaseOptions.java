package dev.trialbench.bench.cli;

import dev.trialbench.provision.DatabaseKind;
import dev.trialbench.provision.DatabaseRequest;
import dev.trialbench.provision.PostgresMajor;
import picocli.CommandLine.Option;

/**
 * Where the database comes from: flag, then environment variable, then default (picocli resolves
 * {@code ${env:...}}). Shared by every command that needs a database.
 */
public final class DatabaseOptions {

    @Option(names = "--db", paramLabel = "KIND", defaultValue = "${env:TRIALBENCH_DB:-auto}",
            description = "auto (default), url, container or embedded. Variable TRIALBENCH_DB.")
    String kind;

    @Option(names = "--jdbc-url", paramLabel = "URL", defaultValue = "${env:TRIALBENCH_JDBC_URL}",
            description = "JDBC URL of an existing PostgreSQL (implies --db url under auto). Variable TRIALBENCH_JDBC_URL.")
    String jdbcUrl;

    @Option(names = "--db-user", paramLabel = "USER", defaultValue = "${env:TRIALBENCH_DB_USER:-postgres}",
            description = "User for --jdbc-url (default postgres). Variable TRIALBENCH_DB_USER.")
    String user;

    @Option(names = "--db-password", paramLabel = "PASSWORD", defaultValue = "${env:TRIALBENCH_DB_PASSWORD}",
            description = "Password for --jdbc-url; prefer the variable TRIALBENCH_DB_PASSWORD (flags show in ps).")
    String password;

    @Option(names = "--pg-major", paramLabel = "MAJOR", defaultValue = "${env:TRIALBENCH_PG_MAJOR}",
            description = "PostgreSQL major for --db embedded: 15, 16, 17 (default, bundled) or 18; the others are fetched"
                    + " once with ./trialbench fetch-pg MAJOR. Implies --db embedded under auto. Variable TRIALBENCH_PG_MAJOR.")
    String pgMajor;

    public DatabaseRequest toRequest() {
        return new DatabaseRequest(DatabaseKind.parse(kind), jdbcUrl, user, password == null ? "" : password,
                pgMajor == null || pgMajor.isBlank() ? null : PostgresMajor.parse(pgMajor));
    }

    /** The {@code --pg-major N} part of a recorded command line; empty when the default was used. */
    String commandPart() {
        return pgMajor == null || pgMajor.isBlank() ? "" : " --pg-major " + PostgresMajor.parse(pgMajor).major();
    }
}
