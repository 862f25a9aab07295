package dev.trialbench.bench.cli;

import dev.trialbench.bench.render.MatrixReport;
import dev.trialbench.bench.runfolder.RunFolderException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trialbench matrix <run-folder>... --out <folder>}: writes {@code matrix.md}, the verdicts per
 * claim and the plans that differ, side by side for runs on several PostgreSQL majors, from the run
 * folders alone. With no run folder, the run folders under {@code --out} are taken. Exit 0 done, 1 when
 * a run folder cannot be read, 2 on bad usage. Not thread-safe: picocli fills its fields for one call.
 */
@Command(name = "matrix", mixinStandardHelpOptions = true,
        description = {"Sets runs on several PostgreSQL majors side by side (made with run --pg-major): writes",
            "<out>/matrix.md with each claim's verdict per major and the statements whose plans differ."})
public final class MatrixCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "<run-folder>",
            description = "Run folders, two or more; default: the run folders up to two levels under --out.")
    List<Path> runFolders;

    @Option(names = "--out", required = true, paramLabel = "<folder>", description = "Folder that receives matrix.md.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            List<Path> runs = runFolders == null || runFolders.isEmpty() ? MatrixReport.runFoldersUnder(this.out) : runFolders;
            out.println("wrote " + MatrixReport.write(runs, this.out) + " from " + runs.size() + " runs");
            out.flush();
            return 0;
        } catch (RunFolderException e) {
            err.println("trialbench matrix: " + e.getMessage());
            err.flush();
            return 1;
        } catch (UncheckedIOException e) {
            err.println("trialbench matrix: " + e.getMessage() + ": " + e.getCause().getMessage());
            err.flush();
            return 1;
        }
    }
}
