package dev.trialbench.bench.claims;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's root and its committed folders, from a test running in the bench module or at the root. */
final class Repository {

    static final String REFRESH = "trialbench.refresh";

    private Repository() {
    }

    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("results")) ? here : here.getParent();
    }

    /** The committed quick runs of one tree that measure the between-run spread, sorted by name. */
    static List<Path> baselineRuns() {
        try (Stream<Path> runs = Files.list(root().resolve("results").resolve("baseline-runs"))) {
            return runs.filter(Files::isDirectory).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static boolean refresh() {
        return Boolean.getBoolean(REFRESH);
    }
}
