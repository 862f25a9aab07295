package dev.trialbench.bench.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Supplier;

/**
 * The fault experiments make libraries complain on purpose (Flyway's {@code [ERROR] Migration ...
 * failed!}, the pool's warnings about broken connections); on the terminal those would read as the
 * run failing. While a step runs under {@link #routed}, whatever goes to standard error (where the
 * libraries' logger writes) goes instead to a log file in the run folder, each line prefixed
 * {@code expected:}, and the terminal gets one line saying how many there were. Not thread-safe:
 * one step at a time.
 */
public final class ExpectedFailures {

    public static final String LOG = "reliability.log";

    private ExpectedFailures() {
    }

    public static <T> T routed(Path folder, PrintStream terminal, Supplier<T> step) {
        PrintStream original = System.err;
        Path log = folder.resolve(LOG);
        try (OutputStream file = Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
             LineCounter counter = new LineCounter(file)) {
            System.setErr(new PrintStream(counter, true, StandardCharsets.UTF_8));
            try {
                return step.get();
            } finally {
                System.err.flush();
                System.setErr(original);
                if (counter.lines > 0) {
                    terminal.printf("   expected: %d lines of errors and warnings from the injected faults, in %s%n",
                            counter.lines, LOG);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + log, e);
        }
    }

    /** Prefixes every line with {@code expected: } and counts them. */
    private static final class LineCounter extends OutputStream {
        private static final byte[] PREFIX = "expected: ".getBytes(StandardCharsets.UTF_8);
        private final OutputStream target;
        private boolean lineStart = true;
        private long lines;

        LineCounter(OutputStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            if (lineStart) {
                target.write(PREFIX);
                lineStart = false;
            }
            target.write(b);
            if (b == '\n') {
                lines++;
                lineStart = true;
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            target.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
