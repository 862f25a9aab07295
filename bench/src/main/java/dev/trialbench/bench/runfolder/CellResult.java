package dev.trialbench.bench.runfolder;

import java.util.List;

/**
 * One JMH SampleTime result, in milliseconds. The percentiles, the mean and the sample count are
 * JMH's own over all forks; {@link #forkResults()} are computed from the raw histogram of each fork
 * with the same percentile definition JMH uses. Immutable.
 *
 * @param benchmark   the benchmark class's simple name
 * @param method      the benchmark method
 * @param schema      the {@code schema} parameter
 * @param samples     samples over all forks and measurement iterations
 * @param forkResults one entry per fork, in fork order
 */
public record CellResult(String benchmark, String method, String schema, double p50Millis, double p90Millis,
                         double p95Millis, double p99Millis, double maxMillis, double meanMillis, long samples,
                         List<ForkResult> forkResults) {

    public CellResult {
        forkResults = List.copyOf(forkResults);
    }

    /** One fork's samples, merged over its measurement iterations. */
    public record ForkResult(double p50Millis, double meanMillis, long samples) {
    }

    public CellKey key() {
        return new CellKey(benchmark, method, schema);
    }

    public int forks() {
        return forkResults.size();
    }
}
