package dev.trialbench.bench.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The commit whose code rendered a report, beside the commit that ran (environment.json). It is the
 * last commit that changed the report's own code ({@link #REPORT_CODE}: reading the raw files, judging
 * the claims, laying out and formatting the report), not HEAD: a commit elsewhere in the project does
 * not change a report, so a committed run keeps regenerating byte for byte until the report's code
 * changes. {@code +changes} marks uncommitted changes in those paths; without git, or in a shallow
 * clone (whose history cannot say which commit last changed them), it is {@code unknown}. Immutable.
 *
 * @param text {@code 3e08d8e1}, {@code 3e08d8e1+changes}, or {@code unknown (...)}
 */
public record RenderingCommit(String text) {

    /** The report's own code, relative to the repository's root. */
    public static final List<String> REPORT_CODE = List.of(
            "bench/src/main/java/dev/trialbench/bench/runfolder",
            "bench/src/main/java/dev/trialbench/bench/claims",
            "bench/src/main/java/dev/trialbench/bench/render",
            "bench/src/main/java/dev/trialbench/bench/format",
            "bench/src/main/resources/dev/trialbench/bench/claims");

    /** Read from the git checkout around the working directory. */
    public static RenderingCommit ofCheckout() {
        return of(Path.of("").toAbsolutePath());
    }

    /** Read from the git checkout around {@code directory}. */
    static RenderingCommit of(Path directory) {
        String root = git(directory, "rev-parse", "--show-toplevel");
        if (root == null || root.isBlank()) {
            return new RenderingCommit("unknown (not a git checkout)");
        }
        Path top = Path.of(root.strip());
        if ("true".equals(strip(git(top, "rev-parse", "--is-shallow-repository")))) {
            return new RenderingCommit("unknown (a shallow clone: fetch the whole history)");
        }
        List<String> log = new ArrayList<>(List.of("log", "-1", "--format=%H", "--"));
        log.addAll(REPORT_CODE);
        String sha = strip(git(top, log.toArray(String[]::new)));
        if (sha == null || sha.length() < 8) {
            return new RenderingCommit("unknown (no commit holds the report's code)");
        }
        List<String> status = new ArrayList<>(List.of("status", "--porcelain", "--"));
        status.addAll(REPORT_CODE);
        String changes = git(top, status.toArray(String[]::new));
        return new RenderingCommit(sha.substring(0, 8) + (changes != null && !changes.isBlank() ? "+changes" : ""));
    }

    private static String strip(String text) {
        return text == null ? null : text.strip();
    }

    /** git's standard output, or null when git is missing or fails. */
    private static String git(Path directory, String... arguments) {
        List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroy();
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
