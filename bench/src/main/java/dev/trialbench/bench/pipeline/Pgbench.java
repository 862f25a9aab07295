package dev.trialbench.bench.pipeline;

import dev.trialbench.provision.OwnDatabase;
import dev.trialbench.provision.ProvisionedDatabase;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where pgbench is, and how it connects to a database of the run's server: the one place the
 * pipeline's pgbench measurements ({@link PgbenchReference}, {@link PgbenchActivation}) build a
 * command line. The password travels in {@code PGPASSWORD}, never on the command line (which
 * {@code ps} shows). Stateless; thread-safe.
 */
final class Pgbench {

    /** What the result notes say when there is no pgbench. */
    static final String NOT_FOUND = "pgbench not found on the PATH or under /usr/lib/postgresql/*/bin"
            + " (Debian/Ubuntu: apt-get install postgresql-client; macOS: brew install libpq)";

    private static final List<String> VERSIONED_DIRECTORIES = List.of(
            "/usr/lib/postgresql/18/bin", "/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin",
            "/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/14/bin");

    private Pgbench() {
    }

    /** The pgbench executable: the first on the PATH, else the newest Debian versioned install. */
    static Optional<String> find() {
        List<String> directories = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                directories.add(dir);
            }
        }
        directories.addAll(VERSIONED_DIRECTORIES);
        for (String dir : directories) {
            Path candidate = Path.of(dir, "pgbench");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    /**
     * {@code pgbench ARGUMENTS -h HOST -p PORT -U USER DATABASE}, with the server's password (if
     * any) in the process environment.
     */
    static ProcessBuilder command(String pgbench, OwnDatabase database, List<String> arguments) {
        ProvisionedDatabase server = database.server();
        URI uri = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        List<String> command = new ArrayList<>();
        command.add(pgbench);
        command.addAll(arguments);
        command.addAll(List.of("-h", uri.getHost(), "-p", Integer.toString(uri.getPort() < 0 ? 5432 : uri.getPort()),
                "-U", server.username(), database.name()));
        ProcessBuilder builder = new ProcessBuilder(command);
        if (server.password() != null && !server.password().isEmpty()) {
            builder.environment().put("PGPASSWORD", server.password());
        }
        return builder;
    }
}
