package dev.trialbench.seed;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress as plain log lines for logs and CI output, where a redrawn bar would only add noise: one
 * INFO line for the whole seeding, and the tables and the VACUUM at DEBUG (a run's terminal shows one
 * line per phase). Stateless; thread-safe.
 */
final class LoggingSeedProgress implements SeedProgress {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingSeedProgress.class);

    @Override
    public void tableStarted(SeedTable table, long rows) {
    }

    @Override
    public void rowsWritten(SeedTable table, long rowsSoFar) {
    }

    @Override
    public void tableFinished(SeedTable table, long rows, Duration took) {
        LOG.debug("Seeded {} rows into {} in {} ms", rows, table.tableName(), took.toMillis());
    }

    @Override
    public void vacuumStarted() {
        LOG.debug("Running VACUUM (ANALYZE) on the seeded tables");
    }

    @Override
    public void finished(SeedSummary summary) {
        LOG.info("Seeding done: {} rows, {} MB of heap in {} ms ({} MB/s)", summary.totalRows(),
                summary.totalHeapBytes() / 1_000_000, summary.duration().toMillis(),
                Math.round(summary.heapMegabytesPerSecond()));
    }
}
