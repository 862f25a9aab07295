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
