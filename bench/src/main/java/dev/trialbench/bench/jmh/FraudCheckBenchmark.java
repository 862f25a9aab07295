package dev.trialbench.bench.jmh;

import dev.trialbench.activation.FraudSignals;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The report's N+1 claim, read side only: six fraud-signal queries against one that asks the same
 * six questions.
 *
 * <p>One operation: the fraud read of one activation request (no lock, no write) for an existing
 * user and device, from the user's home IP or a busy NAT address in turn ({@link Workload#fraudCheck}).
 * {@code naive} makes six round trips, {@code batched} one. Expect naive at about six round-trip
 * floors plus the queries' own work and batched at one floor plus the same work; before the V3
 * indexes the work (sequential scans of sessions, devices, flags, payments) grows with the scale
 * and dominates both, after them it is small and the round trips dominate.
 *
 * <p>Run alone:
 * <pre>
 * java -cp bench/target/trialbench.jar org.openjdk.jmh.Main FraudCheckBenchmark -p schema=before \
 *     -jvmArgsAppend -Dtrialbench.target=/path/to/target.properties
 * </pre>
 */
public class FraudCheckBenchmark extends WorkloadBenchmark {

    @Benchmark
    public FraudSignals naive(DelayedTrips trips) {
        trips.begin(delay);
        FraudSignals result = workload.fraudCheck(naiveActivation);
        trips.end(delay);
        return result;
    }

    @Benchmark
    public FraudSignals batched(DelayedTrips trips) {
        trips.begin(delay);
        FraudSignals result = workload.fraudCheck(batchedActivation);
        trips.end(delay);
        return result;
    }
}
