package dev.trialbench.seed;

import java.time.Duration;

/**
 * Hears how seeding advances. The seeder loads up to two tables at once, from two threads, but
 * serializes its calls: an implementation never sees two calls at the same time and needs no
 * synchronization of its own.
 */
public interface SeedProgress {

    default void seedingStarted(SeedConfig config, long totalRows) {
    }

    void tableStarted(SeedTable table, long rows);

    /** Called after each chunk (about 1 MB) of the table is sent. */
    void rowsWritten(SeedTable table, long rowsSoFar);

    void tableFinished(SeedTable table, long rows, Duration took);

    default void vacuumStarted() {
    }

    default void finished(SeedSummary summary) {
    }

    /** Reports nothing (tests, benchmarks). */
    static SeedProgress none() {
        return SilentSeedProgress.INSTANCE;
    }

    /** A progress bar on an interactive terminal; one INFO log line per table otherwise. */
    static SeedProgress terminal() {
        return System.console() != null ? new BarSeedProgress() : new LoggingSeedProgress();
    }
}
