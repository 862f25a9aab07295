package dev.trialbench.seed;

import java.time.Duration;

/**
 * Serializes the calls of the seeder's parallel lanes, so that a {@link SeedProgress}
 * implementation never sees two calls at once. Thread-safe.
 */
final class SynchronizedSeedProgress implements SeedProgress {

    private final SeedProgress delegate;

    SynchronizedSeedProgress(SeedProgress delegate) {
        this.delegate = delegate;
    }

    @Override
    public synchronized void seedingStarted(SeedConfig config, long totalRows) {
        delegate.seedingStarted(config, totalRows);
    }

    @Override
    public synchronized void tableStarted(SeedTable table, long rows) {
        delegate.tableStarted(table, rows);
    }

    @Override
    public synchronized void rowsWritten(SeedTable table, long rowsSoFar) {
        delegate.rowsWritten(table, rowsSoFar);
    }

    @Override
    public synchronized void tableFinished(SeedTable table, long rows, Duration took) {
        delegate.tableFinished(table, rows, took);
    }

    @Override
    public synchronized void vacuumStarted() {
        delegate.vacuumStarted();
    }

    @Override
    public synchronized void finished(SeedSummary summary) {
        delegate.finished(summary);
    }
}
