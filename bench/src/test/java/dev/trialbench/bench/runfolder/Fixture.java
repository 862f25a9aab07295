package dev.trialbench.bench.runfolder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** The hand-made run folder in {@code report-fixture/}, copied where a test wants it. */
public final class Fixture {

    public static final String RUN_NAME = "2025-11-02_688b999_bench-laptop";

    private Fixture() {
    }

    /** Copies the four raw files into {@code parent/name} and returns that folder. */
    public static Path copy(Path parent, String name) {
        Path folder = parent.resolve(name);
        try {
            Files.createDirectories(folder);
            for (String file : RunFolder.RAW_FILES) {
                try (InputStream in = Fixture.class.getResourceAsStream("/report-fixture/" + file)) {
                    if (in == null) {
                        throw new IllegalStateException("fixture file missing from the test classpath: " + file);
                    }
                    Files.copy(in, folder.resolve(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    /**
     * Copies every raw file of the fixture, the optional ones too ({@code load.json} with {@code load/},
     * the round-trip sweep, {@code reliability.json}), into {@code parent/RUN_NAME}.
     */
    public static Path copyAll(Path parent) {
        Path folder = parent.resolve(RUN_NAME);
        try {
            Path from = Path.of(Fixture.class.getResource("/report-fixture").toURI());
            try (java.util.stream.Stream<Path> files = Files.walk(from)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path relative = from.relativize(file);
                    if (java.util.List.of("README.md", "real-jmh-1.37.json", "expected")
                            .contains(relative.getName(0).toString())) {
                        continue;
                    }
                    Files.createDirectories(folder.resolve(relative).getParent());
                    Files.copy(file, folder.resolve(relative));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return folder;
    }

    public static Path copy(Path parent) {
        return copy(parent, RUN_NAME);
    }

    /** Rewrites one raw file's text in place. */
    public static void edit(Path folder, String file, UnaryOperator<String> change) {
        try {
            Path path = folder.resolve(file);
            Files.writeString(path, change.apply(Files.readString(path)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RunFolder read(Path parent) {
        return RunFolder.read(copy(parent));
    }
}
