package dev.trialbench.loadtest.measure;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.loadtest.config.Stage;
import io.gatling.javaapi.core.Simulation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The intended schedule is a model of where Gatling starts each arrival; if the model is wrong,
 * every latency "from the intended start" is off by a constant per stage, and nothing else shows it.
 * So this runs Gatling itself (no HTTP: each arrival only takes a {@link ArrivalClock} reading) over
 * stages whose slots differ a lot (2/s, 50/s, 4/s) and compares each arrival's actual start with its
 * intended start. A wrong rule is off by hundreds of milliseconds here (end of slot instead of start:
 * 480 ms for every 50/s arrival); the bound, 200 ms, is under half of that and leaves Gatling's timer
 * and a busy machine room: with the other core compiling, the 50/s arrivals all started about 47 ms
 * before their slot (the schedule's origin comes from the warm-up's arrivals, which started late), and
 * a bound of 40 ms failed the build on machine load, not on a wrong rule.
 */
class ArrivalScheduleGatlingTest {

    /** Under half of what the wrong (end-of-slot) rule is off by here: 1/2 s - 1/50 s = 480 ms. */
    static final long MODEL_BOUND_MILLIS = 200;
    static final Stage WARMUP = new Stage(2, 2);
    static final List<Stage> STAGES = List.of(new Stage(50, 1), new Stage(4, 1));
    static final ConcurrentLinkedQueue<ArrivalClock.Arrival> ARRIVALS = new ConcurrentLinkedQueue<>();

    /** Run by Gatling, in this JVM. */
    public static class ScheduleProbeSimulation extends Simulation {
        {
            ArrivalClock clock = new ArrivalClock(new IntendedSchedule(WARMUP, STAGES));
            setUp(scenario("schedule-probe")
                    .exec(session -> {
                        ARRIVALS.add(clock.next());
                        return session;
                    })
                    .injectOpen(constantUsersPerSec(WARMUP.ratePerSecond()).during(WARMUP.seconds()),
                            constantUsersPerSec(STAGES.get(0).ratePerSecond()).during(STAGES.get(0).seconds()),
                            constantUsersPerSec(STAGES.get(1).ratePerSecond()).during(STAGES.get(1).seconds())));
        }
    }

    @TempDir
    Path results;

    @Test
    void gatlingStartsEveryArrivalWhereTheScheduleSays() {
        ARRIVALS.clear();
        int exit = io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {"--simulation",
                ScheduleProbeSimulation.class.getName(), "--results-folder", results.toString(), "--no-reports"});

        List<ArrivalClock.Arrival> arrivals = new ArrayList<>(ARRIVALS);
        assertThat(exit).isZero();
        assertThat(arrivals).hasSize(4 + 50 + 4);
        List<Long> offByMillis = new ArrayList<>();
        for (ArrivalClock.Arrival arrival : arrivals) {
            offByMillis.add(TimeUnit.NANOSECONDS.toMillis(arrival.actualNanos() - arrival.intendedNanos()));
        }
        List<Long> sorted = offByMillis.stream().sorted().toList();
        assertThat(sorted.get(sorted.size() / 2)).as("median of actual minus intended start, ms: %s", offByMillis)
                .isBetween(-MODEL_BOUND_MILLIS, MODEL_BOUND_MILLIS);
        assertThat(offByMillis.stream().filter(off -> Math.abs(off) > 100).count())
                .as("arrivals more than 100 ms from their slot: %s", offByMillis).isLessThanOrEqualTo(2);
    }
}
