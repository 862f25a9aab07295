package dev.trialbench.bench.jmh;

import dev.trialbench.activation.ActivationResult;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The report's headline claim: the whole free-trial activation, naive (autocommit, six fraud reads,
 * writes one by one) against batched (one transaction: lock, one fraud read, writes, commit).
 *
 * <p>One operation: one successful activation with a new device, commit(s) included, for a fresh
 * reserved user, device and IP ({@link Workload#activate}): naive 9 round trips, 2 of them
 * autocommitted writes (2 WAL flushes); batched 5 round trips, 1 commit (1 WAL flush). Expect batched
 * ahead by the saved round trips and flushes; the fraud reads' scans before the V3 indexes weigh on
 * both. Each iteration starts from the seeded data: the reserved pool is reset (rows deleted,
 * tables vacuumed) before and after it, outside the measurement, so no table grows across
 * iterations and every fork starts clean. An iteration that activates more users than the pool
 * holds fails with a message saying how to fix it; one whose activations were not all ACTIVATED
 * (leftover rows) fails at its end.
 *
 * <p>Run alone:
 * <pre>
 * java -cp bench/target/trialbench.jar org.openjdk.jmh.Main ActivationBenchmark -p schema=before \
 *     -jvmArgsAppend -Dtrialbench.target=/path/to/target.properties
 * </pre>
 */
public class ActivationBenchmark extends WorkloadBenchmark {

    @Setup(Level.Iteration)
    public void freshReservedPool() {
        workload.reset();
    }

    @TearDown(Level.Iteration)
    public void checkOutcomesAndReset() {
        Map<String, Long> outcomes = workload.outcomes();
        int activations = workload.activations();
        workload.reset();
        if (!outcomes.keySet().stream().allMatch("ACTIVATED"::equals)) {
            throw new IllegalStateException("Not every activation of the iteration was ACTIVATED (" + outcomes + " of "
                    + activations + "): the timings measured other work. The database holds rows for the reserved"
                    + " users or devices that the reset does not know of; seed a fresh database.");
        }
    }

    @Benchmark
    public ActivationResult naive(DelayedTrips trips) {
        trips.begin(delay);
        ActivationResult result = workload.activate(naiveActivation);
        trips.end(delay);
        return result;
    }

    @Benchmark
    public ActivationResult batched(DelayedTrips trips) {
        trips.begin(delay);
        ActivationResult result = workload.activate(batchedActivation);
        trips.end(delay);
        return result;
    }
}
