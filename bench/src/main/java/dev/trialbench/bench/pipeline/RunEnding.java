package dev.trialbench.bench.pipeline;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The last lines of a run on the terminal: the answers (when something supplies them; see
 * {@link #answers}), then where the report and the raw logs are. Stateless apart from the hook.
 */
public final class RunEnding {

    /**
     * The hook for the answers block: given the finished run folder (report written), the lines that
     * answer the optimization report's questions, printed before the report's path. None by default.
     */
    static volatile Function<Path, List<String>> answers = folder -> List.of();

    private RunEnding() {
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
