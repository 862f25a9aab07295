package dev.trialbench.bench.runfolder;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trialbench.pooler.PoolerCorrectness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pooler section's raw figures ({@value #FILE}): pgBouncer in transaction mode against direct
 * connections, on the run's own server and database. {@code skipped} says why there are no figures
 * (pgbouncer not installed, a server pgBouncer cannot front); otherwise:
 * <ul>
 *   <li>{@code configuration}: the pgBouncer settings the run's pooler was started with (no password);</li>
 *   <li>{@code correctness}: what transaction pooling broke ({@link PoolerCorrectness.Findings});</li>
 *   <li>{@code latency}: JMH cells at one client, direct and through pgBouncer, in microseconds;</li>
 *   <li>{@code load}: several service instances, each a Fix 4 pool, hammering the batched activation,
 *       direct and through pgBouncer (null when not run, with {@code loadNote}).</li>
 * </ul>
 * Immutable records, read and written by Jackson.
 */
public record PoolerEvidence(String skipped, String version, List<String> configuration,
                             PoolerCorrectness.Findings correctness, List<Latency> latency, String latencyNote,
                             Load load, String loadNote) {

    public static final String FILE = "pgbouncer.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public PoolerEvidence {
        configuration = configuration == null ? List.of() : List.copyOf(configuration);
        latency = latency == null ? List.of() : List.copyOf(latency);
    }

    public static PoolerEvidence skipped(String reason) {
        return new PoolerEvidence(reason, null, List.of(), null, List.of(), null, null, null);
    }

    /**
     * One JMH cell direct and through pgBouncer: p50 of each fork (microseconds), so the added
     * latency's interval is the range over the forks' differences.
     */
    public record Latency(String benchmark, List<Double> directP50Forks, List<Double> pooledP50Forks,
                          double directP50, double pooledP50, double directP95, double pooledP95) {

        public Latency {
            directP50Forks = List.copyOf(directP50Forks);
            pooledP50Forks = List.copyOf(pooledP50Forks);
        }

        /** Whether each side had one fork only (the quick profile): the added figure then has no range. */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean singleFork() {
            return directP50Forks.size() < 2 && pooledP50Forks.size() < 2;
        }

        /** Pooled minus direct p50, in microseconds. */
        public double addedP50() {
            return pooledP50 - directP50;
        }

        /** The widest range of the added p50 the forks allow: [min pooled - max direct, max pooled - min direct]. */
        public double[] addedP50Range() {
            double lowPooled = pooledP50Forks.stream().mapToDouble(Double::doubleValue).min().orElse(pooledP50);
            double highPooled = pooledP50Forks.stream().mapToDouble(Double::doubleValue).max().orElse(pooledP50);
            double lowDirect = directP50Forks.stream().mapToDouble(Double::doubleValue).min().orElse(directP50);
            double highDirect = directP50Forks.stream().mapToDouble(Double::doubleValue).max().orElse(directP50);
            return new double[] {lowPooled - highDirect, highPooled - lowDirect};
        }
    }

    /** The load: {@code instances} service instances, each a pool of {@code poolSize} and as many threads. */
    public record Load(int instances, int poolSize, int pgbouncerServerPool, double seconds, Side direct, Side pooled) {
    }

    /**
     * One side of the load: activations completed and failed (by SQLState), per second, latency
     * percentiles in milliseconds, and the most server connections of the run's database seen at once
     * (pg_stat_activity, sampled every 20 ms).
     */
    public record Side(long activations, long failed, Map<String, Long> failuresBySqlState, double perSecond,
                       double p50Millis, double p95Millis, double p99Millis, int maxServerConnections) {

        public Side {
            failuresBySqlState = failuresBySqlState == null ? Map.of() : new java.util.TreeMap<>(failuresBySqlState);
        }
    }

    /** The run's pooler figures, when it has {@value #FILE}. */
    public static Optional<PoolerEvidence> read(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readValue(Files.readString(file), PoolerEvidence.class));
        } catch (IOException e) {
            throw new RunFolderException(FILE, FILE + " cannot be read: " + e.getMessage()
                    + ". It must match PoolerEvidence; re-run the pipeline.", e);
        }
    }
}
