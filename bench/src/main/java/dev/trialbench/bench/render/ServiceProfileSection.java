package dev.trialbench.bench.render;

import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.render.Document.Block;
import dev.trialbench.bench.render.Document.Paragraph;
import dev.trialbench.bench.render.Document.Table;
import dev.trialbench.bench.runfolder.ServiceProfile;
import dev.trialbench.bench.runfolder.ServiceProfile.Blocked;
import dev.trialbench.bench.runfolder.ServiceProfile.BlockedTotal;
import dev.trialbench.bench.runfolder.ServiceProfile.CategorySamples;
import dev.trialbench.bench.runfolder.ServiceProfile.MethodSamples;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The blocks beside the pgbench comparison that say where the service's JVM spent its time during the
 * {@code pgbench-goal} run, from that run's JFR recording ({@link ServiceProfile}): samples by library,
 * the most sampled methods, and the blocked time. Runs recorded before the profile existed have none,
 * and get no blocks. Stateless.
 */
final class ServiceProfileSection {

    static final String TITLE = "Where the service's JVM spent its samples during `pgbench-goal`";

    private ServiceProfileSection() {
    }

    static List<Block> of(Optional<ServiceProfile> recorded) {
        if (recorded.isEmpty()) {
            return List.of();
        }
        ServiceProfile profile = recorded.get();
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph(TITLE + " (JFR, " + Inline.code(profile.file()) + ", "
                + Numbers.decimal(profile.seconds(), 1) + " s over the same window as the CPU figures below: the injectors'"
                + " start, the warm-up and the run): " + Numbers.count(profile.samples()) + " execution samples"
                + (profile.samplePeriod() == null ? ""
                        : ", taken every " + profile.samplePeriod() + " from the threads running Java code")
                + ". A sample of the service's threads (Jetty's, `trialbench-jetty*`, and its workers, `trialbench-http-*`)"
                + " counts for the first frame, from the top of its stack, that belongs to the PostgreSQL driver, HikariCP,"
                + " Jdbi, Jackson, Jetty or the service's own code (the driver's parsing under a Jdbi call counts for the"
                + " driver, a JDK map lookup in the service's code for the service); a stack with none of them counts as"
                + " JDK and other. A thread that waits (for a connection, a lock, PostgreSQL's answer in a socket read)"
                + " runs no Java code and is not sampled: waits are in the blocked time below. The recording is not free:"
                + " its first start in the JVM loads and compiles JFR, so the service JVM's cores in `pgbench-goal` (table"
                + " below) include that cost; compare them with the other runs'."));
        if (profile.samples() == 0) {
            blocks.add(new Paragraph("The recording holds no execution sample."));
        } else {
            blocks.add(categories(profile));
            blocks.add(methods(profile));
        }
        blocks.add(new Paragraph(blockedText(profile)));
        if (!profile.blocked().isEmpty()) {
            blocks.add(blocked(profile));
        }
        return blocks;
    }

    private static Table categories(ServiceProfile profile) {
        List<List<String>> rows = new ArrayList<>();
        for (CategorySamples category : profile.categories()) {
            String name = category.category().label() + (category.category().packagePrefix() == null ? ""
                    : " (" + Inline.code(category.category().packagePrefix().replaceAll("\\.$", "")) + ")");
            rows.add(List.of(name, Numbers.count(category.samples()), Numbers.percent(category.share())));
        }
        return new Table(List.of("where (first matching frame from the top)", "samples", "share of all samples"), rows);
    }

    private static Table methods(ServiceProfile profile) {
        List<List<String>> rows = new ArrayList<>();
        for (MethodSamples method : profile.topMethods()) {
            rows.add(List.of(Inline.code(method.method()), Numbers.count(method.samples()), Numbers.percent(method.share())));
        }
        return new Table(List.of("the service threads' top frame (self samples)", "samples", "share of all samples"), rows);
    }

    private static String blockedText(ServiceProfile profile) {
        List<String> totals = new ArrayList<>();
        for (BlockedTotal total : profile.blockedTotals()) {
            totals.add(total.kind() + " " + (total.events() == 0 ? "none"
                    : Numbers.ms(total.millis()) + " (" + Numbers.count(total.events()) + " waits)"));
        }
        return "Blocked time of the service's threads, summed over the threads (so it can exceed the run's length), from"
                + " the waits the recording kept"
                + (profile.parkThreshold() == null ? "" : " (each at least " + profile.parkThreshold() + ")") + ": "
                + String.join(", ", totals) + ". A worker parked in `LinkedBlockingQueue.take` is idle, waiting for a"
                + " request, and so is a Jetty thread parked in `AutoLock$WithCondition.awaitNanos` (its pool's idle"
                + " wait); a park under `com.zaxxer.hikari` waits for a connection; socket reads under `org.postgresql`"
                + " wait for PostgreSQL. Garbage collection: " + Numbers.count(profile.collections()) + " collections, "
                + Numbers.ms(profile.gcPauseMillis()) + " of pauses.";
    }

    private static Table blocked(ServiceProfile profile) {
        List<List<String>> rows = new ArrayList<>();
        for (Blocked wait : profile.blocked()) {
            rows.add(List.of(wait.kind(), wait.blocker() == null ? "" : Inline.code(wait.blocker()), Inline.code(wait.site()),
                    Numbers.count(wait.events()), Numbers.ms(wait.millis())));
        }
        return new Table(List.of("wait", "monitor or park blocker", "waiting in (first frame outside the JDK)", "waits",
                "total"), rows);
    }
}
