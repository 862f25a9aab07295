package dev.trialbench.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * The floor: what one round trip to the database costs when the statement does no work.
 *
 * <p>One operation: {@code SELECT 1} on a connection borrowed from the pool and given back (one
 * round trip). Expect tens of microseconds on loopback, the network's round-trip time elsewhere;
 * every other cell is read as a multiple of this one, measured in the same run.
 *
 * <p>Run alone (after the pipeline wrote a target file, e.g. with {@code --keep-database}):
 * <pre>
 * java -cp bench/target/trialbench.jar org.openjdk.jmh.Main RoundTripBenchmark -p schema=before \
 *     -jvmArgsAppend -Dtrialbench.target=/path/to/target.properties
 * </pre>
 */
public class RoundTripBenchmark extends WorkloadBenchmark {

    @Benchmark
    public int selectOne() {
        return workload.selectOne();
    }
}
