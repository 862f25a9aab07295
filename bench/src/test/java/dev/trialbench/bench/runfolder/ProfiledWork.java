package dev.trialbench.bench.runfolder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trialbench.bench.load.ServiceRecording;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real JFR recording of this test JVM made by {@link ServiceRecording}, around work whose shape is
 * known: a thread named like the service's workers writes JSON with Jackson from this package's code
 * (so its samples fall under Jackson and under the service's own code), then waits about 50 ms for a
 * monitor that a thread named like Jetty's holds, and parks 50 ms on a blocker of its own; meanwhile a
 * thread with any other name does the same JSON work (other threads). The work runs for a fixed number
 * of rounds, not a fixed time, and the waits are forced, so what the recording holds does not depend on
 * the machine's speed, only how many samples it has. Stateless.
 */
public final class ProfiledWork {

    /** What the recording of the work printed, and the file. */
    public record Recorded(Path file, String printed) {
    }

    /** The monitor the second service thread holds while the first waits for it. */
    public static final class Contended {
    }

    /** The blocker the service thread parks on. */
    public static final class Parked {
    }

    private ProfiledWork() {
    }

    public static Recorded record(Path file) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        try (ServiceRecording recording = ServiceRecording.start(file, out)) {
            Contended monitor = new Contended();
            CountDownLatch serialized = new CountDownLatch(1);
            CountDownLatch held = new CountDownLatch(1);
            Thread holder = new Thread(() -> {
                awaitQuietly(serialized);
                synchronized (monitor) {
                    held.countDown();
                    sleepQuietly(50);
                }
            }, "trialbench-jetty-test-1");
            Thread worker = new Thread(() -> {
                serializeRounds(400);
                serialized.countDown();
                awaitQuietly(held);
                synchronized (monitor) {
                    monitor.notifyAll();
                }
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
                Parked blocker = new Parked();
                while (System.nanoTime() < until) {
                    LockSupport.parkNanos(blocker, until - System.nanoTime());
                }
            }, "trialbench-http-test-1");
            Thread other = new Thread(() -> serializeRounds(100), "not-the-service");
            // An idle worker of a fixed pool, as the service's are between requests: parked in its queue's take.
            java.util.concurrent.ExecutorService idle = java.util.concurrent.Executors.newFixedThreadPool(1,
                    task -> new Thread(task, "trialbench-http-idle-1"));
            idle.submit(() -> { });
            for (Thread thread : List.of(holder, worker, other)) {
                thread.start();
            }
            for (Thread thread : List.of(holder, worker, other)) {
                thread.join(TimeUnit.MINUTES.toMillis(2));
            }
            idle.shutdown();
        }
        return new Recorded(file, printed.toString(StandardCharsets.UTF_8));
    }

    /** JSON written with Jackson from maps built here: time in Jackson and in this class. */
    private static void serializeRounds(int rounds) {
        ObjectMapper mapper = new ObjectMapper();
        long length = 0;
        for (int round = 0; round < rounds; round++) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int row = 0; row < 500; row++) {
                Map<String, Object> fields = new HashMap<>();
                fields.put("id", row * 31L + round);
                fields.put("name", "user-" + row);
                fields.put("score", Math.sqrt(row + round));
                rows.add(fields);
            }
            try {
                length += mapper.writeValueAsBytes(rows).length;
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        if (length == 0) {
            throw new IllegalStateException("nothing written");
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
