package dev.trialbench.bench.jmh;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * JMH's host-wide lock ({@code /tmp/jmh.lock}, or {@code jmh.lockFile}): JMH gives up at once when
 * another JMH holds it, so before a JMH run this waits until the lock is free, saying so once, and
 * releases it again for JMH to take. Another tool may still take it in between; JMH then fails as
 * before. Stateless.
 */
public final class JmhLock {

    private JmhLock() {
    }

    static Path file() {
        String configured = System.getProperty("jmh.lockFile");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock");
    }

    /** Returns once nobody holds JMH's lock file; waits, saying so on {@code out}, while another process does. */
    public static void awaitFree(PrintStream out) {
        Path file = file();
        boolean said = false;
        while (true) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    lock.release();
                    if (said) {
                        out.println("   JMH's lock is free again; going on");
                    }
                    return;
                }
            } catch (OverlappingFileLockException e) {
                return; // this JVM holds it: JMH will say so itself
            } catch (IOException e) {
                return; // cannot check: JMH will try, and say why if it cannot
            }
            if (!said) {
                out.println("   waiting: another JMH on this host holds " + file + " (one measurement at a time)");
                said = true;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
