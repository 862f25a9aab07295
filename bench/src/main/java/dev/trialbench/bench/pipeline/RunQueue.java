package dev.trialbench.bench.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One measuring run per host: two runs measuring at once on a small machine would make both
 * wrong. A run holds an exclusive lock on a file ({@code trialbench-run.lock} in the temporary
 * folder; {@code -Dtrialbench.runLock} or {@code TRIALBENCH_RUN_LOCK} names another) for its whole
 * life; a second run says who holds it and waits, then goes on. The lock dies with its process,
 * so a killed run never blocks the next. The file holds the holder's pid and start, for the message.
 */
public final class RunQueue implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private RunQueue(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static Path file() {
        String configured = System.getProperty("trialbench.runLock", System.getenv("TRIALBENCH_RUN_LOCK"));
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "trialbench-run.lock");
    }

    /** Returns holding the host's run lock; while another run holds it, says so once on {@code out} and waits. */
    public static RunQueue enter(PrintStream out) {
        Path file = file();
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            boolean waited = false;
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    if (waited) {
                        out.println("trialbench: the other run is done; this one goes on");
                    }
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", started "
                            + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                    channel.force(false);
                    return new RunQueue(channel, lock);
                }
                if (!waited) {
                    out.println("trialbench: another run is measuring on this host (" + holder(file) + "); this one waits"
                            + " for it to finish, since two at once would make both wrong (Ctrl-C to give up)");
                    waited = true;
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    channel.close();
                    throw new IllegalStateException("Interrupted while waiting for the other run", e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the run lock " + file + ": " + e.getMessage(), e);
        }
    }

    private static String holder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "holder unknown" : text;
        } catch (IOException e) {
            return "holder unknown";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }
}
