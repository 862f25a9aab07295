package dev.trialbench.db;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.MethodExecutionListener;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/**
 * Adds a network round trip's latency to every round trip a DataSource makes: each statement
 * execution (a JDBC batch is one round trip), commit and rollback. On loopback a round trip costs
 * tens of microseconds; between a service and a managed database, 0.5 to 20 ms. The optimization
 * report's figures (six queries in ~120 ms) only make sense with such a cost, so the benchmarks can
 * be run at several.
 *
 * <p>The delay is a wait before the call, so it models latency, not bandwidth: the bytes of a
 * large result are not delayed (a network proxy such as Toxiproxy would delay those too). With a
 * delay of zero, {@link #wrap} returns the DataSource unchanged, so nothing is added at all.
 *
 * <p>A wait never ends early, and should not end late either: an error per trip penalises the path
 * that makes more trips. A plain {@code parkNanos} wakes up late by the timer's slack and the
 * wake-up (tens to hundreds of microseconds, more on a busy machine), so the wait parks until
 * {@value #SPIN_NANOS} ns before its deadline and spins the rest. A thread that the machine does not
 * schedule in time still ends late, so every wait is measured: {@link #achieved()} gives the trips
 * delayed and the time waited, which the benchmarks report beside the delay requested.
 *
 * <p>Thread-safe (the delay is immutable; the counters are {@link LongAdder}s).
 */
public final class RoundTripDelay {

    /** The last stretch of every wait is spun, not parked (longer than a park's usual overshoot). */
    static final long SPIN_NANOS = 200_000;

    private final long delayNanos;
    private final LongAdder trips = new LongAdder();
    private final LongAdder waitedNanos = new LongAdder();

    /**
     * The waits made so far: how many trips were delayed and how long they waited in all.
     *
     * @param trips       round trips delayed
     * @param waitedNanos their waits summed, measured from the wait's start to its end
     */
    public record Achieved(long trips, long waitedNanos) {

        /** The mean wait per trip in milliseconds; empty before the first trip. */
        public java.util.OptionalDouble meanMillis() {
            return trips == 0 ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(waitedNanos / 1e6 / trips);
        }

        /** The waits made since {@code earlier} (a snapshot of the same delay). */
        public Achieved since(Achieved earlier) {
            return new Achieved(trips - earlier.trips, waitedNanos - earlier.waitedNanos);
        }
    }

    private RoundTripDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("The round-trip delay must not be negative, was " + delay);
        }
        this.delayNanos = delay.toNanos();
    }

    public static RoundTripDelay of(Duration delay) {
        return new RoundTripDelay(delay);
    }

    public Duration delay() {
        return Duration.ofNanos(delayNanos);
    }

    /** The trips delayed and the time waited, since this delay was made (all DataSources it wrapped). */
    public Achieved achieved() {
        return new Achieved(trips.sum(), waitedNanos.sum());
    }

    /** A DataSource that waits {@link #delay()} before every round trip; {@code target} itself when zero. */
    public DataSource wrap(DataSource target) {
        if (delayNanos == 0) {
            return target;
        }
        return ProxyDataSourceBuilder.create("rtt-" + delay().toMillis() + "ms", target)
                .listener(new QueryExecutionListener() {
                    @Override
                    public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
                        pause();
                    }

                    @Override
                    public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
                    }
                })
                .methodListener(new MethodExecutionListener() {
                    @Override
                    public void beforeMethod(MethodExecutionContext context) {
                        if (context.getTarget() instanceof java.sql.Connection) {
                            String method = context.getMethod().getName();
                            if (method.equals("commit") || method.equals("rollback")) {
                                pause();
                            }
                        }
                    }

                    @Override
                    public void afterMethod(MethodExecutionContext context) {
                    }
                })
                .build();
    }

    /**
     * Waits the delay: parks (in a loop, as parkNanos may wake early) until {@link #SPIN_NANOS} before
     * the deadline, then spins to it; records the wait.
     */
    void pause() {
        long start = System.nanoTime();
        long deadline = start + delayNanos;
        for (long left = delayNanos; left > SPIN_NANOS; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left - SPIN_NANOS);
        }
        long now = System.nanoTime();
        while (now - deadline < 0) {
            Thread.onSpinWait();
            now = System.nanoTime();
        }
        trips.increment();
        waitedNanos.add(now - start);
    }

    /** Parses "0", "1ms", "5 ms", "0.5ms", "250us": a number of milliseconds unless "us" is given. */
    public static Duration parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("The round-trip time is missing (flag --rtt): use milliseconds such as 0 or 5ms");
        }
        String value = text.strip().toLowerCase(java.util.Locale.ROOT).replace(" ", "");
        try {
            if (value.endsWith("us")) {
                return Duration.ofNanos(Math.round(Double.parseDouble(value.substring(0, value.length() - 2)) * 1_000));
            }
            if (value.endsWith("ms")) {
                value = value.substring(0, value.length() - 2);
            }
            double millis = Double.parseDouble(value);
            if (millis < 0 || millis > 10_000) {
                throw new NumberFormatException("out of range");
            }
            return Duration.ofNanos(Math.round(millis * 1_000_000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Cannot read the round-trip time '" + text
                    + "' (flag --rtt): use milliseconds such as 0, 1ms, 5ms, 0.5ms or microseconds such as 250us", e);
        }
    }
}
