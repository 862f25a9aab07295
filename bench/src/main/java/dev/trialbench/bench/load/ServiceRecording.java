package dev.trialbench.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;

/**
 * A JDK Flight Recorder recording of this JVM, which hosts the service during a load run, dumped to a
 * file when the run ends, so that the report can say where the service's JVM spent its time
 * ({@code dev.trialbench.bench.runfolder.ServiceProfile} reads it back). The events are hand-picked to
 * keep the file to a few MB: execution samples every {@value #SAMPLE_MILLIS} ms, and, with their stack
 * traces, monitor waits, parks and socket reads and writes of at least {@value #THRESHOLD_MILLIS} ms,
 * plus the garbage collections (a handful of events) and the settings themselves, so the report can
 * state them from the file. JFR's own {@code profile} settings add
 * allocation, class-loading and many periodic events that the report does not read.
 * <p>
 * Profiling is evidence beside a run, not part of it: a recording that cannot start or cannot be
 * written prints one line and the run goes on without it. Not thread-safe; start and close in the
 * same thread.
 */
public final class ServiceRecording implements AutoCloseable {

    static final long SAMPLE_MILLIS = 20;
    static final long THRESHOLD_MILLIS = 1;

    private final Recording recording;
    private final Path file;
    private final PrintStream out;

    private ServiceRecording(Recording recording, Path file, PrintStream out) {
        this.recording = recording;
        this.file = file;
        this.out = out;
    }

    /** Starts recording; when JFR is not available, returns a recording that writes nothing. */
    public static ServiceRecording start(Path file, PrintStream out) {
        Recording recording = null;
        try {
            recording = new Recording();
            recording.setName("trialbench-" + file.getFileName());
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(SAMPLE_MILLIS));
            Duration threshold = Duration.ofMillis(THRESHOLD_MILLIS);
            for (String event : new String[] {"jdk.JavaMonitorEnter", "jdk.ThreadPark", "jdk.SocketRead", "jdk.SocketWrite"}) {
                recording.enable(event).withThreshold(threshold).withStackTrace();
            }
            recording.enable("jdk.GarbageCollection");
            recording.enable("jdk.ActiveSetting");
            recording.start();
            return new ServiceRecording(recording, file, out);
        } catch (RuntimeException | LinkageError e) {
            out.printf("   no JFR profile of the service (%s: %s); the run goes on without it%n",
                    e.getClass().getSimpleName(), e.getMessage());
            if (recording != null) {
                recording.close();
            }
            return new ServiceRecording(null, file, out);
        }
    }

    /** Stops recording and writes the file; prints one line instead when it cannot. */
    @Override
    public void close() {
        if (recording == null) {
            return;
        }
        try {
            recording.stop();
            recording.dump(file);
            out.printf("   JFR profile of the service: %s (%d KB)%n", file.getFileName(), Files.size(file) / 1024);
        } catch (IOException | RuntimeException e) {
            out.printf("   no JFR profile of the service (could not write %s: %s); the run goes on without it%n",
                    file.getFileName(), e.getMessage());
            deletePartial();
        } finally {
            recording.close();
        }
    }

    /** A half-written file would fail the report that reads it; without a file the report says nothing. */
    private void deletePartial() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            out.printf("   could not delete the partial %s: %s; delete it before rendering the report%n",
                    file.getFileName(), e.getMessage());
        }
    }
}
