package dev.trialbench.loadtest.config;

/**
 * The optimization report's latency and error budget for a load run: every measured request type
 * must keep its 95th percentile under {@code p95Millis} and its share of failed requests under
 * {@code failedPercent}. Immutable and thread-safe.
 *
 * @param p95Millis     95th percentile budget in milliseconds (the report: 50)
 * @param failedPercent share of failed requests allowed, in percent (the report: 1)
 */
public record Kpi(double p95Millis, double failedPercent) {

    public static final Kpi REPORT = new Kpi(50, 1);

    public Kpi {
        if (!(p95Millis > 0) || Double.isInfinite(p95Millis)) {
            throw new IllegalArgumentException("the p95 budget must be a number of milliseconds greater than 0, was " + p95Millis);
        }
        if (!(failedPercent >= 0) || failedPercent > 100) {
            throw new IllegalArgumentException("the failed-request budget must be a percentage within 0..100, was " + failedPercent);
        }
    }
}
