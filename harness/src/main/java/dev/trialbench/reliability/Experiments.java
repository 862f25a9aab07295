package dev.trialbench.reliability;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.Pool;
import dev.trialbench.db.PoolConfig;
import java.time.Duration;

/**
 * What the experiments share: the pools they open beside the caller's (each named, so that
 * {@code pg_stat_activity} tells them apart), the margin that turns a configured timeout into a bound
 * a test may assert, and elapsed time in milliseconds. Stateless; thread-safe.
 */
final class Experiments {

    /** Added to a configured timeout to bound a wait: generous, so machine speed never fails a test. */
    static final Duration MARGIN = Duration.ofSeconds(5);

    private Experiments() {
    }

    static HikariDataSource pool(PoolConfig base, String name, int size) {
        return Pool.open(base.withMaximumPoolSize(size).withApplicationName(name));
    }

    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
