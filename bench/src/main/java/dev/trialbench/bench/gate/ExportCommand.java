package dev.trialbench.bench.gate;

import dev.trialbench.bench.runfolder.RunFolder;
import dev.trialbench.bench.runfolder.RunFolderException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trialbench export <format> <run-folder>}: a run's numbers in a format other tools read. JMH's
 * own JSON needs no export: {@code jmh-before.json} and {@code jmh-after.json} in the run folder are it,
 * as JMH wrote them. Not thread-safe: picocli fills the fields for one call.
 */
@Command(name = "export", mixinStandardHelpOptions = true, subcommands = ExportCommand.Bmf.class,
        description = {"Exports a run for other tools. JMH JSON: the run folder's jmh-before.json and jmh-after.json,",
            "as JMH wrote them. Bencher Metric Format: 'trialbench export bmf <run-folder>'."})
public final class ExportCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a format: trialbench export bmf <run-folder>");
    }

    /** {@code trialbench export bmf <run-folder> [--out FILE]}: exit 0 written, 1 raw files missing, 2 bad usage. */
    @Command(name = "bmf", mixinStandardHelpOptions = true,
            description = "Writes the run's cells as Bencher Metric Format JSON (latency p50 in ns, round trips per op).")
    public static final class Bmf implements Callable<Integer> {

        @Parameters(paramLabel = "<run-folder>", description = "A run folder with its raw files.")
        Path runFolder;

        @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                String json = BencherMetricFormat.json(RunFolder.read(runFolder));
                if (out == null) {
                    stdout.print(json);
                } else {
                    Path parent = out.toAbsolutePath().getParent();
                    if (parent != null) {
                        Files.createDirectories(parent);
                    }
                    Files.writeString(out, json);
                    stdout.println("wrote " + out);
                }
                stdout.flush();
                return 0;
            } catch (RunFolderException e) {
                err.println("trialbench export bmf: " + e.getMessage());
                err.flush();
                return 1;
            } catch (IOException e) {
                err.println("trialbench export bmf: cannot write " + out + ": " + e.getMessage());
                err.flush();
                return 1;
            }
        }
    }
}
