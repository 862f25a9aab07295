package dev.trialbench.bench.jmh;

import dev.trialbench.db.RoundTripDelay;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The round-trip delay a benchmark really added, beside the one it asked for: the trips its
 * operations delayed and the time they waited ({@link RoundTripDelay#achieved()}), counted between
 * the start and the end of each operation, so the reset of the reserved pool between iterations is
 * not counted. JMH writes the two counters into its JSON as secondary metrics of the cell,
 * {@value JmhRunner#DELAYED_TRIPS} and {@value JmhRunner#WAITED_NANOS} (the names of the two
 * counter methods, which is how JMH names them), each summed over the measurement iterations; their
 * ratio is the mean wait per trip. Without a delay (rtt 0) both stay 0.
 *
 * <p>Every public field and method of this class is a counter to JMH, hence no public constants.
 *
 * <p>Thread-confined: JMH makes one per benchmark thread ({@link Scope#Thread}).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class DelayedTrips {

    private long trips;
    private long waitedNanos;
    private RoundTripDelay.Achieved atStart;

    @Setup(Level.Iteration)
    public void clear() {
        trips = 0;
        waitedNanos = 0;
    }

    /** Before an operation; {@code delay} is null when none is added. */
    void begin(RoundTripDelay delay) {
        if (delay != null) {
            atStart = delay.achieved();
        }
    }

    /** After the operation begun with the same {@code delay}. */
    void end(RoundTripDelay delay) {
        if (delay != null) {
            RoundTripDelay.Achieved operation = delay.achieved().since(atStart);
            trips += operation.trips();
            waitedNanos += operation.waitedNanos();
        }
    }

    /** Counter {@value JmhRunner#DELAYED_TRIPS}. */
    public long rttDelayedTrips() {
        return trips;
    }

    /** Counter {@value JmhRunner#WAITED_NANOS}. */
    public long rttWaitedNanos() {
        return waitedNanos;
    }
}
