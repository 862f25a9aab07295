package dev.trialbench.seed;

import java.time.Duration;

/** The progress listener that ignores everything. Stateless; thread-safe. */
enum SilentSeedProgress implements SeedProgress {
    INSTANCE;

    @Override
    public void tableStarted(SeedTable table, long rows) {
    }

    @Override
    public void rowsWritten(SeedTable table, long rowsSoFar) {
    }

    @Override
    public void tableFinished(SeedTable table, long rows, Duration took) {
    }
}
