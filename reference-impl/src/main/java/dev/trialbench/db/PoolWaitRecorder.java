package dev.trialbench.db;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * How long callers waited for a connection from the pool, as HikariCP itself measures it: a
 * {@link MetricsTrackerFactory} whose tracker puts every {@code getConnection()}'s acquire time
 * ({@code recordConnectionAcquiredNanos}) into an HdrHistogram {@link Recorder} and counts the
 * requests that gave up after the connection timeout ({@code recordConnectionTimeout}). This is the
 * report's Fix 4 question (is the pool the bottleneck?) in numbers: with enough connections the
 * wait is microseconds; once every connection is busy it grows with the queue.
 *
 * <p>Pass it to {@link Pool#open(PoolConfig, MetricsTrackerFactory)}; one recorder may serve several
 * pools (their figures add up). {@link #snapshot()} covers everything since the last {@link #reset()}
 * (or since creation). Thread-safe: HikariCP calls the tracker from every borrowing thread; the
 * Recorder takes values without locking, and snapshot/reset are synchronized with each other.
 */
public final class PoolWaitRecorder implements MetricsTrackerFactory {

    /** Longest wait the histogram holds exactly: one hour, far beyond any connection timeout. */
    private static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.HOURS.toNanos(1);
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Recorder recorder = new Recorder(1, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    private final AtomicLong timeouts = new AtomicLong();
    private final Histogram accumulated = new Histogram(1, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    private Histogram interval;

    /** Waits for a connection since the last reset: how many, how many timed out, and the wait's percentiles in ms. */
    public record PoolWaitSummary(long acquisitions, long timeouts, double p50Millis, double p95Millis,
                                  double p99Millis, double maxMillis) {
    }

    @Override
    public IMetricsTracker create(String poolName, PoolStats poolStats) {
        return new IMetricsTracker() {
            @Override
            public void recordConnectionAcquiredNanos(long elapsedAcquiredNanos) {
                recorder.recordValue(Math.min(Math.max(1, elapsedAcquiredNanos), HIGHEST_TRACKABLE_NANOS));
            }

            @Override
            public void recordConnectionTimeout() {
                timeouts.incrementAndGet();
            }
        };
    }

    /**
     * Everything recorded since the last {@link #reset()}. {@code acquisitions} counts every
     * {@code getConnection()} HikariCP answered, the timed-out ones included: HikariCP reports their
     * wait (about the connection timeout) as an acquire time too, so a stall shows in the
     * percentiles and not only in {@code timeouts}.
     */
    public synchronized PoolWaitSummary snapshot() {
        interval = recorder.getIntervalHistogram(interval);
        accumulated.add(interval);
        return new PoolWaitSummary(accumulated.getTotalCount(), timeouts.get(),
                millis(accumulated.getValueAtPercentile(50)), millis(accumulated.getValueAtPercentile(95)),
                millis(accumulated.getValueAtPercentile(99)), millis(accumulated.getMaxValue()));
    }

    /** Forgets everything recorded so far; the next {@link #snapshot()} starts from here. */
    public synchronized void reset() {
        interval = recorder.getIntervalHistogram(interval);
        accumulated.reset();
        timeouts.set(0);
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
