package dev.trialbench.bench.runfolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the service's JVM spent its time during the {@code pgbench-goal} load run, summarized from
 * that run's JFR recording ({@value #FILE}, written by {@code dev.trialbench.bench.load.ServiceRecording})
 * each time the report is rendered, so the report follows from the committed recording alone.
 * <p>
 * Execution samples of the service's threads (Jetty's, {@code trialbench-jetty*}, and its workers,
 * {@code trialbench-http-*}: the names {@code dev.trialbench.http.TrialService} gives them) are
 * attributed to a {@link Category} by walking each stack from the top: the first frame of one of the
 * named libraries or of the service's own code decides, so a socket read inside the PostgreSQL driver
 * counts for the driver and a {@code HashMap} lookup in the fraud policy for the service; a stack with
 * none of them is JDK and other. Samples of every other thread in the JVM (the pipeline's) count as
 * {@link Category#OTHER_THREADS}. Blocked time is the sum of the recorded monitor waits, parks and
 * socket reads and writes of the service's threads (each at least the recording's threshold), by
 * the kind, the monitor's or park blocker's class, and the first frame outside the JDK that waited.
 * Socket events are grouped without their address. Immutable.
 *
 * @param seconds        from the first recorded event to the last
 * @param samples        execution samples of every thread of the JVM
 * @param categories     every category in {@link Category} order, with its samples
 * @param topMethods     the service threads' most sampled top frames, at most {@value #TOP}, most first
 * @param blocked        blocked time of the service threads, most first, at most {@value #TOP} rows
 * @param blockedTotals  blocked time of the service threads by kind, in the order monitor, park, socket read, write
 * @param collections    garbage collections during the recording
 * @param gcPauseMillis  their pauses, summed
 * @param samplePeriod   the execution samples' period as the recording states it ({@code 20 ms}), or null
 * @param parkThreshold  the shortest park recorded, as the recording states it ({@code 1 ms}), or null
 */
public record ServiceProfile(String file, double seconds, long samples, List<CategorySamples> categories,
                             List<MethodSamples> topMethods, List<Blocked> blocked, List<BlockedTotal> blockedTotals,
                             long collections, double gcPauseMillis, String samplePeriod, String parkThreshold) {

    /** The goal run's recording, relative to the run folder. */
    public static final String FILE = "load/pgbench-goal.jfr";
    static final int TOP = 10;
    /** Names of the service's threads start with one of these (see {@code TrialService}). */
    private static final List<String> SERVICE_THREADS = List.of("trialbench-http-", "trialbench-jetty");
    private static final Pattern NANOS = Pattern.compile("(\\d+) ns");
    private static final List<String> KINDS = List.of("monitor", "park", "socket read", "socket write");

    public ServiceProfile {
        categories = List.copyOf(categories);
        topMethods = List.copyOf(topMethods);
        blocked = List.copyOf(blocked);
        blockedTotals = List.copyOf(blockedTotals);
    }

    /** Where a sample's time went, in the order a stack is matched against them. */
    public enum Category {
        POSTGRES_DRIVER("PostgreSQL driver", "org.postgresql."),
        HIKARI("HikariCP", "com.zaxxer.hikari."),
        JDBI("Jdbi", "org.jdbi."),
        JACKSON("Jackson", "com.fasterxml.jackson."),
        JETTY("Jetty", "org.eclipse.jetty."),
        SERVICE("the service's own code", "dev.trialbench."),
        JDK_OTHER("JDK and other libraries", null),
        OTHER_THREADS("other threads of the JVM (not the service's)", null);

        private final String label;
        private final String packagePrefix;

        Category(String label, String packagePrefix) {
            this.label = label;
            this.packagePrefix = packagePrefix;
        }

        public String label() {
            return label;
        }

        /** The package the category stands for, with its trailing dot; null for the last two. */
        public String packagePrefix() {
            return packagePrefix;
        }
    }

    public record CategorySamples(Category category, long samples, double share) {
    }

    /** {@code method} is {@code Class.method}, the class fully qualified. */
    public record MethodSamples(String method, long samples, double share) {
    }

    /**
     * @param kind     {@code monitor}, {@code park}, {@code socket read} or {@code socket write}
     * @param blocker  the monitor's class, the park blocker's class, or null (none recorded, or a socket)
     * @param site     the first frame outside the JDK, {@code Class.method}; for JDK frames only, the first
     *                 above the JDK's waiting machinery (an idle worker: {@code LinkedBlockingQueue.take})
     */
    public record Blocked(String kind, String blocker, String site, long events, double millis) {
    }

    /** All the blocked time of one kind on the service's threads, every site and blocker included. */
    public record BlockedTotal(String kind, long events, double millis) {
    }

    /** The summary of the run folder's recording, when it has one (runs before the recording existed have not). */
    public static Optional<ServiceProfile> read(Path runFolder) {
        Path file = runFolder.resolve(FILE);
        return Files.isRegularFile(file) ? Optional.of(of(file, FILE)) : Optional.empty();
    }

    /**
     * @param name the file's name in what the report says
     * @throws RunFolderException when the file is not a readable JFR recording
     */
    public static ServiceProfile of(Path file, String name) {
        Tally tally = new Tally();
        try (RecordingFile recording = new RecordingFile(file)) {
            recording.readEventTypes().forEach(type -> tally.types.put(type.getId(), type.getName()));
            while (recording.hasMoreEvents()) {
                tally.add(recording.readEvent());
            }
        } catch (IOException | RuntimeException e) {
            throw new RunFolderException(name, name + " is not a readable JFR recording (" + e.getMessage() + "); delete it"
                    + " to render the report without the service's profile, or re-run the pipeline.", e);
        }
        return tally.summary(name);
    }

    static boolean isServiceThread(RecordedThread thread) {
        String name = thread == null ? null : thread.getJavaName();
        return name != null && SERVICE_THREADS.stream().anyMatch(name::startsWith);
    }

    /** The category of a service thread's stack, from the top frame down. */
    static Category categoryOf(RecordedStackTrace stack) {
        if (stack != null) {
            for (RecordedFrame frame : stack.getFrames()) {
                String type = JfrNames.typeOf(frame);
                for (Category category : Category.values()) {
                    if (category.packagePrefix() != null && type.startsWith(category.packagePrefix())) {
                        return category;
                    }
                }
            }
        }
        return Category.JDK_OTHER;
    }

    /** The counts as the events are read; one recording, one thread. */
    private static final class Tally {

        private final Map<Category, Long> categories = new EnumMap<>(Category.class);
        private final Map<String, Long> methods = new HashMap<>();
        private final Map<List<String>, double[]> blocked = new HashMap<>();
        private final Map<Long, String> types = new HashMap<>();
        private String samplePeriod;
        private String parkThreshold;
        private long samples;
        private long collections;
        private double gcPauseMillis;
        private Instant first;
        private Instant last;

        void add(RecordedEvent event) {
            Instant start = event.getStartTime();
            first = first == null || start.isBefore(first) ? start : first;
            last = last == null || event.getEndTime().isAfter(last) ? event.getEndTime() : last;
            switch (event.getEventType().getName()) {
                case "jdk.ExecutionSample" -> sample(event);
                case "jdk.JavaMonitorEnter" -> blocked(event, "monitor", event.getClass("monitorClass"));
                case "jdk.ThreadPark" -> blocked(event, "park", event.getClass("parkedClass"));
                case "jdk.SocketRead" -> blocked(event, "socket read", null);
                case "jdk.SocketWrite" -> blocked(event, "socket write", null);
                case "jdk.ActiveSetting" -> setting(event);
                case "jdk.GarbageCollection" -> {
                    collections++;
                    gcPauseMillis += event.getDuration("sumOfPauses").toNanos() / 1e6;
                }
                default -> {
                }
            }
        }

        /** The settings each recording of the JVM started with; the last one for the event wins. */
        private void setting(RecordedEvent event) {
            String type = types.get(event.getLong("id"));
            if ("jdk.ExecutionSample".equals(type) && "period".equals(event.getString("name"))) {
                samplePeriod = duration(event.getString("value"));
            } else if ("jdk.ThreadPark".equals(type) && "threshold".equals(event.getString("name"))) {
                parkThreshold = duration(event.getString("value"));
            }
        }

        /** JFR writes a setting's duration in ns ({@code 20000000 ns}); whole milliseconds read better. */
        private static String duration(String value) {
            Matcher nanos = NANOS.matcher(value == null ? "" : value);
            if (nanos.matches() && Long.parseLong(nanos.group(1)) % 1_000_000 == 0) {
                return Long.parseLong(nanos.group(1)) / 1_000_000 + " ms";
            }
            return value;
        }

        private void sample(RecordedEvent event) {
            samples++;
            if (!isServiceThread(event.getThread("sampledThread"))) {
                categories.merge(Category.OTHER_THREADS, 1L, Long::sum);
                return;
            }
            RecordedStackTrace stack = event.getStackTrace();
            categories.merge(categoryOf(stack), 1L, Long::sum);
            String top = stack == null || stack.getFrames().isEmpty() ? JfrNames.NO_STACK
                    : JfrNames.methodOf(stack.getFrames().get(0));
            methods.merge(top, 1L, Long::sum);
        }

        private void blocked(RecordedEvent event, String kind, RecordedClass blocker) {
            if (!isServiceThread(event.getThread())) {
                return;
            }
            List<String> key = Arrays.asList(kind, blocker == null ? null : JfrNames.readable(blocker.getName()),
                    JfrNames.siteOf(event.getStackTrace()));
            double[] countAndMillis = blocked.computeIfAbsent(key, unused -> new double[2]);
            countAndMillis[0]++;
            countAndMillis[1] += event.getDuration().toNanos() / 1e6;
        }

        ServiceProfile summary(String name) {
            List<CategorySamples> shares = new ArrayList<>();
            for (Category category : Category.values()) {
                long count = categories.getOrDefault(category, 0L);
                shares.add(new CategorySamples(category, count, share(count)));
            }
            List<MethodSamples> top = methods.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(TOP).map(entry -> new MethodSamples(entry.getKey(), entry.getValue(), share(entry.getValue())))
                    .toList();
            List<Blocked> waits = blocked.entrySet().stream()
                    .map(entry -> new Blocked(entry.getKey().get(0), entry.getKey().get(1), entry.getKey().get(2),
                            (long) entry.getValue()[0], entry.getValue()[1]))
                    .sorted(Comparator.comparingDouble(Blocked::millis).reversed().thenComparing(Blocked::kind)
                            .thenComparing(Blocked::site).thenComparing(wait -> String.valueOf(wait.blocker())))
                    .limit(TOP).toList();
            List<BlockedTotal> totals = new ArrayList<>();
            for (String kind : KINDS) {
                long events = 0;
                double millis = 0;
                for (Map.Entry<List<String>, double[]> entry : blocked.entrySet()) {
                    if (entry.getKey().get(0).equals(kind)) {
                        events += (long) entry.getValue()[0];
                        millis += entry.getValue()[1];
                    }
                }
                totals.add(new BlockedTotal(kind, events, millis));
            }
            double seconds = first == null ? 0 : (last.toEpochMilli() - first.toEpochMilli()) / 1000.0;
            return new ServiceProfile(name, seconds, samples, shares, top, waits, totals, collections, gcPauseMillis,
                    samplePeriod, parkThreshold);
        }

        private double share(long count) {
            return samples == 0 ? 0 : count / (double) samples;
        }
    }
}
