package dev.trialbench.bench.cli;

import dev.trialbench.bench.render.Reports;
import dev.trialbench.bench.render.ResultsIndex;
import dev.trialbench.bench.runfolder.RunFolderException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trialbench report <run-folder>}: regenerates {@code report.md}, {@code report.html} and
 * {@code charts/} from the folder's raw files alone. {@code trialbench report --index <results-dir>}:
 * rewrites {@code results/README.md}. Exit 0 done, 1 when raw files are missing or malformed (the
 * message names the file), 2 on bad usage. Not thread-safe: picocli fills its fields for one call.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Regenerates a run's report (report.md, report.html, charts/) from its raw files alone, or, with"
                + " --index, the results index (results/README.md).")
public final class ReportCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "<run-folder>",
            description = "A run folder: results/<yyyy-MM-dd>_<shortsha>_<host>/ with environment.json, evidence.json,"
                    + " jmh-before.json and jmh-after.json.")
    Path runFolder;

    @Option(names = "--index", paramLabel = "<results-dir>",
            description = "Rewrite <results-dir>/README.md, listing every run folder newest first.")
    Path resultsDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if ((runFolder == null) == (resultsDir == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give either a run folder (trialbench report results/<run>) or --index <results-dir>");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (resultsDir != null) {
                out.println("wrote " + ResultsIndex.write(resultsDir));
            } else {
                List<Path> written = Reports.write(runFolder);
                out.println("wrote " + written.size() + " files into " + runFolder + ":");
                written.forEach(file -> out.println("  " + runFolder.relativize(file)));
            }
            out.flush();
            return 0;
        } catch (RunFolderException e) {
            err.println("trialbench report: " + e.getMessage());
            err.flush();
            return 1;
        } catch (UncheckedIOException e) {
            err.println("trialbench report: " + e.getMessage() + ": " + e.getCause().getMessage());
            err.flush();
            return 1;
        }
    }
}
