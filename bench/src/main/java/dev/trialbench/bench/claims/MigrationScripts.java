package dev.trialbench.bench.claims;

import dev.trialbench.bench.runfolder.RunEvidence.MigrationStep;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The migration scripts of this build (reference-impl's {@code db/migration}, on the classpath), found
 * from a step of the evidence: Flyway names a step by version {@code 3.1} and description
 * {@code idx users google id}, which map back to {@code V3_1__idx_users_google_id.sql}. Stateless.
 */
final class MigrationScripts {

    private static final String LOCATION = "db/migration/";

    private MigrationScripts() {
    }

    static String label(MigrationStep step) {
        return "V" + step.version() + " " + step.description();
    }

    static String fileName(MigrationStep step) {
        return "V" + step.version().replace('.', '_') + "__" + step.description().replace(' ', '_') + ".sql";
    }

    /** The script's text, empty when this build has no such script. */
    static Optional<String> text(MigrationStep step) {
        ClassLoader loader = MigrationScripts.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(LOCATION + fileName(step))) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + LOCATION + fileName(step), e);
        }
    }

    /** Whether the step builds an index CONCURRENTLY (in SQL, not in a comment); empty if the script is unknown. */
    static Optional<Boolean> buildsConcurrently(MigrationStep step) {
        return text(step).map(text -> text.lines()
                .map(line -> line.contains("--") ? line.substring(0, line.indexOf("--")) : line)
                .anyMatch(line -> line.toUpperCase(Locale.ROOT).contains("CREATE INDEX CONCURRENTLY")
                        || line.toUpperCase(Locale.ROOT).contains("CREATE UNIQUE INDEX CONCURRENTLY")));
    }
}
