package dev.trialbench.monitor;

import java.util.Optional;

/**
 * The client connections to the current database as {@code pg_stat_activity} shows them, optionally
 * only those of one application name. The connection that asked is counted too (as active).
 * {@code maxConnections} is the server-wide limit, shared with every other database.
 *
 * <p>Unlike the report's Fix 6, every count here has the same scope: the report mixed
 * {@code numbackends} of one database with idle and lock-waiting counts over the whole server.
 * Without the {@code pg_read_all_stats} role, other users' sessions show no state and count only in
 * {@code total}. Immutable and thread-safe.
 */
public record ConnectionStats(
        String database,
        Optional<String> applicationName,
        int total,
        int active,
        int idle,
        int idleInTransaction,
        int waitingOnLock,
        int maxConnections) {
}
