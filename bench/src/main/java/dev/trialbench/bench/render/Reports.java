package dev.trialbench.bench.render;

import dev.trialbench.bench.runfolder.Factorial;
import dev.trialbench.bench.runfolder.LoadRuns;
import dev.trialbench.bench.runfolder.RttSweep;
import dev.trialbench.bench.runfolder.RunFolder;
import dev.trialbench.bench.runfolder.RunFolderException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a run's published report next to its raw files: {@code report.md}, {@code report.html} and
 * {@code charts/}. The pipeline calls {@link #write} after a run; {@code trialbench report} calls it on
 * an existing folder. Regenerating from the same raw files gives the same bytes. Stateless.
 */
public final class Reports {

    public static final String MARKDOWN = "report.md";
    public static final String HTML = "report.html";

    private Reports() {
    }

    /**
     * @return the files written, sorted
     * @throws RunFolderException when a raw file is missing or malformed
     */
    public static List<Path> write(Path runFolder) {
        RunFolder run = RunFolder.read(runFolder);
        LoadRuns load = LoadRuns.read(run);
        Document document = ReportDocument.of(run, load);
        List<Path> written = new ArrayList<>(Charts.write(Factorial.of(run.cells()), runFolder));
        written.addAll(RttChart.write(RttSweep.read(run), runFolder));
        written.addAll(PoolSweepChart.write(load, runFolder));
        written.add(writeText(runFolder.resolve(MARKDOWN), MarkdownReport.render(document)));
        written.add(writeText(runFolder.resolve(HTML), HtmlReport.render(document)));
        return written.stream().sorted().toList();
    }

    static Path writeText(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
