package dev.trialbench.bench.load;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.util.Arrays;

/**
 * Samples the share of a HikariCP pool's connections in use ({@code active / maximum pool size})
 * every {@value #EVERY_MILLIS} ms on a daemon thread, for the report's "connection pool utilization
 * < 80%" KPI. Thread-safe: {@link #summary()} may be called while sampling.
 */
final class PoolUtilization implements AutoCloseable {

    static final long EVERY_MILLIS = 100;

    /** Mean and 95th percentile of the sampled shares, 0..1; null without samples. */
    record Summary(Double mean, Double p95) {
    }

    private final HikariDataSource pool;
    private final Thread sampler;
    private final Object lock = new Object();
    private double[] samples = new double[1024];
    private int count;
    private volatile boolean running = true;

    private PoolUtilization(HikariDataSource pool) {
        this.pool = pool;
        this.sampler = new Thread(this::sample, "trialbench-pool-utilization");
        this.sampler.setDaemon(true);
    }

    static PoolUtilization start(HikariDataSource pool) {
        PoolUtilization utilization = new PoolUtilization(pool);
        utilization.sampler.start();
        return utilization;
    }

    private void sample() {
        while (running) {
            HikariPoolMXBean bean = pool.getHikariPoolMXBean();
            if (bean != null) {
                double share = bean.getActiveConnections() / (double) pool.getMaximumPoolSize();
                synchronized (lock) {
                    if (count == samples.length) {
                        samples = Arrays.copyOf(samples, count * 2);
                    }
                    samples[count++] = share;
                }
            }
            try {
                Thread.sleep(EVERY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    Summary summary() {
        double[] copy;
        synchronized (lock) {
            copy = Arrays.copyOf(samples, count);
        }
        if (copy.length == 0) {
            return new Summary(null, null);
        }
        Arrays.sort(copy);
        double mean = Arrays.stream(copy).average().orElseThrow();
        double p95 = copy[(int) Math.min(copy.length - 1, Math.ceil(0.95 * copy.length) - 1)];
        return new Summary(mean, p95);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
