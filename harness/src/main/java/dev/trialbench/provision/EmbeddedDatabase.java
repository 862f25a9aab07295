package dev.trialbench.provision;

import dev.trialbench.db.DatabaseUnavailableException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An embedded PostgreSQL (zonky's binaries: the bundled major pinned in the pom, or another
 * {@link PostgresMajor} from its fetched jar) in a temporary folder,
 * started with {@link ServerSettings#benchmarkSettings()}. As root, zonky runs the server inside a
 * user namespace ({@code unshare -U}); where that is not allowed, start fails and the message says
 * which other ways there are.
 */
final class EmbeddedDatabase implements ProvisionedDatabase {

    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

    private final EmbeddedPostgres postgres;
    private final String reason;

    private EmbeddedDatabase(EmbeddedPostgres postgres, String reason) {
        this.postgres = postgres;
        this.reason = reason;
    }

    static EmbeddedDatabase start(String reason) {
        return start(PostgresMajor.of(PostgresMajor.DEFAULT), reason);
    }

    static EmbeddedDatabase start(PostgresMajor major, String reason) {
        Set<Path> before = leftovers();
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(java.time.Duration.ofSeconds(60))
                    .setCleanDataDirectory(true);
            major.resolver().ifPresent(builder::setPgBinaryResolver);
            for (Map.Entry<String, String> setting : ServerSettings.benchmarkSettings().entrySet()) {
                builder.setServerConfig(setting.getKey(), setting.getValue());
            }
            EmbeddedPostgres postgres = builder.start();
            return new EmbeddedDatabase(postgres, reason + "; embedded PostgreSQL on port " + postgres.getPort()
                    + " (major " + major.major() + ", binaries " + major.binariesVersion() + ")");
        } catch (DatabaseUnavailableException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            removeNewLeftovers(before);
            String cause = String.valueOf(e.getMessage());
            String advice = cause.contains("cannot be run as root")
                    ? "PostgreSQL refuses to run as root and 'unshare -U' is not available here. "
                    : "";
            throw new DatabaseUnavailableException("The embedded PostgreSQL did not start: " + firstLine(cause) + ". "
                    + advice + "\n" + Provisioner.WAYS_TO_GET_A_DATABASE, e);
        }
    }

    @Override
    public DatabaseKind kind() {
        return DatabaseKind.EMBEDDED;
    }

    @Override
    public String reason() {
        return reason;
    }

    @Override
    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Override
    public String username() {
        return "postgres";
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public String jdbcUrlFor(String database) {
        return postgres.getJdbcUrl("postgres", database);
    }

    @Override
    public java.util.Optional<ServerControl> serverControl() {
        return java.util.Optional.of(EmbeddedServerControl.of(postgres.getPostgresDatabase()));
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new DatabaseUnavailableException("Could not stop the embedded PostgreSQL cleanly: " + e.getMessage(), e);
        }
    }

    private static String firstLine(String text) {
        int cut = text.indexOf('\n');
        return cut > 0 ? text.substring(0, cut) : text;
    }

    /** zonky's working folders ({@code /tmp/epg*}) that exist now. */
    private static Set<Path> leftovers() {
        Set<Path> found = new HashSet<>();
        try (Stream<Path> entries = Files.list(TMP)) {
            entries.filter(path -> path.getFileName().toString().startsWith("epg")).forEach(found::add);
        } catch (IOException e) {
            // Nothing to clean then.
        }
        return found;
    }

    /** A failed start leaves its data folder behind: remove the ones this start created. */
    private static void removeNewLeftovers(Set<Path> before) {
        for (Path path : leftovers()) {
            if (!before.contains(path)) {
                try (Stream<Path> tree = Files.walk(path)) {
                    tree.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
                } catch (IOException e) {
                    // Best effort: a leftover in /tmp does no harm beyond its size.
                }
            }
        }
    }
}
