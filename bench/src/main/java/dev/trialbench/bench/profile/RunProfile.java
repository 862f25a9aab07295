package dev.trialbench.bench.profile;

import static dev.trialbench.bench.load.LoadProfile.stairs;

import dev.trialbench.bench.load.LoadProfile;
import dev.trialbench.bench.runfolder.LoadEvidence.Stage;
import dev.trialbench.reliability.DatabaseOutage;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What {@code --profile quick} and {@code --profile full} mean for a whole run, and the one place
 * that says it: the seed scale, how long JMH measures, the round-trip sweep, the load runs' stairs and
 * the fault experiments' sizes. Quick is a first look in a few minutes (CI); full is for numbers to
 * publish. The README's profile table and load table state these values: change them together.
 * Immutable; the two profiles are constants, chosen once at the edge ({@link #parse}).
 *
 * @param name       {@code quick} or {@code full}, as the command line and {@code environment.json} write it
 * @param scale      the seed scale when {@code --scale} is not given (1 = 100k users, 1M sessions, 500k reports)
 * @param jmh        forks, warmup and measurement of every JMH run
 * @param roundTrips the round-trip sweep when {@code --rtt} is not given; empty for none
 * @param load       the load runs' stairs, pools and durations
 * @param faults     how much each fault experiment of the reliability step does
 */
public record RunProfile(String name, double scale, Jmh jmh, List<RoundTrip> roundTrips, LoadProfile load,
                         Faults faults) {

    public static final RunProfile QUICK = new RunProfile("quick", 0.1,
            new Jmh(1, 1, Duration.ofSeconds(1), 3, Duration.ofSeconds(1)),
            List.of(),
            new LoadProfile(new Stage(10, 2), stairs(3, 10, 20), stairs(4, 40), stairs(4, 40),
                    stairs(2, 40, 80), List.of(5, 10, 20), 1, 1, 3, 10, 5, 2),
            // Keeps the reliability step under about 40 s.
            new Faults(8, 2, 3, 1, 1, new DatabaseOutage.Settings(5, Duration.ofSeconds(1), Duration.ofSeconds(2))));

    public static final RunProfile FULL = new RunProfile("full", 1,
            new Jmh(2, 2, Duration.ofSeconds(2), 5, Duration.ofSeconds(2)),
            RoundTrip.parseAll(List.of("1ms", "5ms", "20ms")),
            new LoadProfile(new Stage(10, 10), stairs(10, 10, 20, 40), stairs(20, 20), stairs(20, 20),
                    // a finer grid near the knee (60 to 100/s at scale 1 on 2 cores), three runs per pool size;
                    // the workloads twice at each schema state
                    stairs(6, 20, 40, 60, 70, 80, 90, 100, 120), List.of(5, 10, 20), 3, 2, 10, 40, 20, 2),
            new Faults(25, 5, 3, 3, 3, new DatabaseOutage.Settings(10, Duration.ofSeconds(2), Duration.ofSeconds(5))));

    public RunProfile {
        roundTrips = List.copyOf(roundTrips);
    }

    /** {@code quick} or {@code full}, case-insensitive; the error names the flag and the variable. */
    public static RunProfile parse(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (RunProfile profile : List.of(QUICK, FULL)) {
            if (profile.name.equals(wanted)) {
                return profile;
            }
        }
        throw new IllegalArgumentException("Unknown profile '" + text + "' (flag --profile, variable TRIALBENCH_PROFILE):"
                + " use quick or full");
    }

    /** The default scale as the command line writes it: {@code 0.1}, {@code 1}. */
    public String scaleText() {
        return BigDecimal.valueOf(scale).stripTrailingZeros().toPlainString();
    }

    /**
     * How long JMH measures each benchmark: forks (fresh JVMs), warmup and measurement iterations.
     * Warmup iterations let the JIT compile the path and PostgreSQL's caches fill; only measurement
     * iterations count. A second fork shows whether a number depends on one JVM's luck.
     */
    public record Jmh(int forks, int warmupIterations, Duration warmupTime, int measurementIterations,
                      Duration measurementTime) {

        /** {@code 1 fork, warmup 1 x 1 s, measurement 3 x 1 s}. */
        public String describe() {
            return forks + (forks == 1 ? " fork" : " forks") + ", warmup " + warmupIterations + " x "
                    + warmupTime.toSeconds() + " s, measurement " + measurementIterations + " x "
                    + measurementTime.toSeconds() + " s";
        }
    }

    /**
     * How much each experiment of the reliability step does.
     *
     * @param doubleClicks          double-submitted activations per cell of the race
     * @param sharedDevices         devices shared between users in the race
     * @param usersPerDevice        users per shared device
     * @param deadlocks             deadlocks provoked
     * @param serializationFailures serialization failures provoked
     * @param outage                load and timing of the server stopped under load
     */
    public record Faults(int doubleClicks, int sharedDevices, int usersPerDevice, int deadlocks,
                         int serializationFailures, DatabaseOutage.Settings outage) {
    }
}
