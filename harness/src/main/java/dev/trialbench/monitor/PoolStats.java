package dev.trialbench.monitor;

/**
 * A HikariCP pool's state from its {@code HikariPoolMXBean}: connections open, in use, idle, and
 * threads waiting for one. {@code running} is false (and the counts zero) when the pool has not
 * started or is closed. Immutable and thread-safe.
 */
public record PoolStats(
        String poolName,
        boolean running,
        int total,
        int active,
        int idle,
        int threadsAwaiting,
        int maximumPoolSize) {
}
