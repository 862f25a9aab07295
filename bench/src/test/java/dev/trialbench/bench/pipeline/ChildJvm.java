package dev.trialbench.bench.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real JVM started from the tests' class path, its output in files, that tests send real signals
 * to. SIGINT is reset to its default for the child ({@code env --default-signal=INT}): a shell that
 * starts jobs in the background (CI, an IDE) passes SIGINT on as ignored, and a JVM that inherits an
 * ignored SIGINT keeps ignoring it, as a run started under {@code nohup} would.
 */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final Path out;
    private final Path err;

    private ChildJvm(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static ChildJvm start(Path folder, String name, List<String> jvmOptions, Class<?> main, List<String> arguments)
            throws IOException {
        Files.createDirectories(folder);
        List<String> command = new ArrayList<>();
        if (defaultSignalWorks()) {
            command.addAll(List.of("env", "--default-signal=INT"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(arguments);
        Path out = folder.resolve(name + ".out");
        Path err = folder.resolve(name + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new ChildJvm(process, out, err);
    }

    private static boolean defaultSignalWorks() {
        try {
            Process probe = new ProcessBuilder("env", "--default-signal=INT", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** The JVM's pid (not env's: env execs it, so they are the same process). */
    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    String out() {
        return read(out);
    }

    String err() {
        return read(err);
    }

    String both() {
        return out() + "\n" + err();
    }

    /** Waits until the output (stdout and stderr) satisfies {@code condition}; false if the JVM ended first or after the limit. */
    boolean awaitOutput(Predicate<String> condition, long limitSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(limitSeconds);
        while (System.nanoTime() < deadline) {
            if (condition.test(both())) {
                return true;
            }
            if (!process.isAlive()) {
                return condition.test(both());
            }
            Thread.sleep(200);
        }
        return false;
    }

    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** The exit code, waiting up to {@code limitSeconds}; -1 if still running then. */
    int awaitExit(long limitSeconds) throws InterruptedException {
        return process.waitFor(limitSeconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
