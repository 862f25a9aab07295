package dev.trialbench.db;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * How a migration step that needs locks which block the application's writers (V4_1's
 * {@code ADD CONSTRAINT ... NOT VALID}: ACCESS EXCLUSIVE on the table for a check, SHARE ROW EXCLUSIVE on
 * the table and on the table it
 * references) behaves when it meets running transactions.
 *
 * <p>A waiting {@code ALTER TABLE} is worse than a slow one: every writer that comes after it queues
 * behind its lock request, so one long transaction of the application stalls all writes to the
 * table for as long as the migration waits. And it can deadlock with the application, which takes
 * the same tables in another order (the CI saw PostgreSQL end the migration with 40P01 under the
 * mixed load). So the step waits at most {@link #lockTimeout()} for each lock ({@code SET LOCAL
 * lock_timeout}, shorter than the server's default deadlock_timeout of 1 s, so that the migration
 * gives way before a deadlock check can pick an application transaction as the victim), rolls back
 * and tries again after a pause, up to {@link #attempts()} times in all.
 *
 * @param lockTimeout the longest wait for one lock in one attempt
 * @param attempts    tries in all, at least 1
 * @param pause       the pause after the first failed attempt; it grows by this much with each
 *                    further one, up to {@link #MAX_PAUSE}
 */
public record LockPatience(Duration lockTimeout, int attempts, Duration pause) {

    /** Half the default deadlock_timeout; 20 attempts with growing pauses span about 40 s. */
    public static final LockPatience DEFAULT = new LockPatience(Duration.ofMillis(500), 20, Duration.ofMillis(250));

    static final Duration MAX_PAUSE = Duration.ofSeconds(2);

    /** SQLStates of a lock that was not granted: lock_timeout, deadlock. */
    private static final List<String> LOCK_CONFLICTS = List.of("55P03", "40P01");

    public LockPatience {
        if (lockTimeout.isNegative() || lockTimeout.isZero()) {
            throw new IllegalArgumentException("lockTimeout must be positive (0 would wait forever)");
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        if (pause.isNegative()) {
            throw new IllegalArgumentException("pause must not be negative");
        }
    }

    /** The pause after failed attempt number {@code attempt} (1-based). */
    Duration pauseAfter(int attempt) {
        Duration grown = pause.multipliedBy(attempt);
        return grown.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : grown;
    }

    /** Waits out a pause before the next attempt; an interrupt ends the migration. */
    void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException("Interrupted while waiting to retry a migration step", e);
        }
    }

    /** The SQLState when the failure was a lock not granted in time or a deadlock, else null. */
    static String lockConflict(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && LOCK_CONFLICTS.contains(sql.getSQLState())) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
