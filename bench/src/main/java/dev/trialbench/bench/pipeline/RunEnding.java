package dev.trialbench.bench.pipeline;

import dev.trialbench.bench.claims.Answer;
import dev.trialbench.bench.claims.Answers;
import dev.trialbench.bench.runfolder.RunFolder;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The last lines of a run on the terminal: the answers (the report's top block; see
 * {@link #answers}), then where the report and the raw logs are. Stateless apart from the hook.
 */
public final class RunEnding {

    /**
     * The hook for the answers block: given the finished run folder (report written), the lines that
     * answer the optimization report's questions, printed before the report's path. None by default.
     */
    static volatile Function<Path, List<String>> answers = RunEnding::answersOf;

    private RunEnding() {
    }

    /** The answers block of the report just written, the same lines as its top section. */
    static List<String> answersOf(Path folder) {
        try {
            return Answers.of(RunFolder.read(folder)).stream().map(Answer::line).toList();
        } catch (RuntimeException e) {
            return List.of("the answers could not be read back from the run folder: " + e.getMessage());
        }
    }

    static void print(PrintStream out, Path folder, double seconds) {
        List<String> lines = answers.apply(folder);
        if (!lines.isEmpty()) {
            out.println();
            lines.forEach(out::println);
        }
        out.printf("%nrun done in %.0f s%n", seconds);
        out.println("   report: " + folder.resolve("report.html") + " (and report.md)");
        out.println("   logs:   " + folder + " (jmh-*.log, load/, " + ExpectedFailures.LOG + ")");
    }
}
