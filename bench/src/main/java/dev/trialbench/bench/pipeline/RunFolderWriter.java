package dev.trialbench.bench.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Names a run's folder ({@code <date>_<sha>_<host>}) and writes its JSON files: pretty-printed,
 * map keys sorted, so that two runs diff cleanly.
 */
final class RunFolderWriter {

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private RunFolderWriter() {
    }

    static Path create(Path parent, String gitSha, String host) {
        String base = LocalDate.now(ZoneOffset.UTC) + "_" + gitSha + "_" + host;
        try {
            Files.createDirectories(parent);
            Path folder = parent.resolve(base);
            for (int n = 2; Files.exists(folder); n++) {
                folder = parent.resolve(base + "-" + n);
            }
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the run folder under " + parent + ": " + e.getMessage(), e);
        }
    }

    /**
     * Renames the folder of a run that failed to {@code <name>-incomplete}, so that nobody publishes
     * or compares it by mistake; its partial files stay for diagnosis.
     */
    static void markIncomplete(Path folder, java.io.PrintStream out) {
        try {
            Path renamed = folder.resolveSibling(folder.getFileName() + "-incomplete");
            for (int n = 2; Files.exists(renamed); n++) {
                renamed = folder.resolveSibling(folder.getFileName() + "-incomplete-" + n);
            }
            Files.move(folder, renamed);
            out.println("trialbench: the run failed; its partial files are in " + renamed + " (not a publishable run)");
        } catch (IOException e) {
            out.println("trialbench: the run failed; its partial files are in " + folder + " (not a publishable run)");
        }
    }

    static void write(Path file, Object value) {
        try {
            JSON.writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }
}
