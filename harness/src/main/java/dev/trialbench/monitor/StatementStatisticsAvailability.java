package dev.trialbench.monitor;

import java.util.Optional;

/**
 * Whether {@code pg_stat_statements} can be collected in the current database, checked once at the
 * start of a run: the extension installed in this database, its library preloaded by the server, and
 * the view readable. A server given by URL may lack either; the run goes on without the statistics,
 * and {@link #warning()} says what to set. Expected outcomes, not exceptions. Immutable, thread-safe.
 *
 * @param extensionInstalled {@code CREATE EXTENSION pg_stat_statements} was run in this database
 * @param libraryPreloaded   {@code shared_preload_libraries} names it; null when this user may not
 *                           read the setting (it is superuser-only) and the view did not tell either
 * @param collected          the view can be read: statement statistics are collected
 * @param reason             why, in the server's words where it gave any
 */
public record StatementStatisticsAvailability(boolean extensionInstalled, Boolean libraryPreloaded, boolean collected,
                                              String reason) {

    static final String PRELOAD = "shared_preload_libraries = 'pg_stat_statements'";
    static final String CREATE = "CREATE EXTENSION pg_stat_statements";

    /**
     * The text to print at the start of a run when the statistics are not collected: what is missing,
     * what to set, and that the run goes on without them. Empty when they are collected.
     */
    public Optional<String> warning() {
        if (collected) {
            return Optional.empty();
        }
        StringBuilder fix = new StringBuilder();
        if (!Boolean.TRUE.equals(libraryPreloaded)) {
            fix.append("add pg_stat_statements to the server's shared_preload_libraries (postgresql.conf: ")
                    .append(PRELOAD).append(", keeping any library already listed) and restart the server");
        }
        if (!extensionInstalled) {
            fix.append(fix.length() == 0 ? "" : ", then ").append("run ").append(CREATE)
                    .append(" in the database (trialbench does so itself when its user may)");
        }
        if (fix.length() == 0) {
            fix.append("check the reason above");
        }
        return Optional.of("pg_stat_statements is not available: " + reason + " Statement statistics (calls, time and"
                + " blocks per statement) will not be collected. The run goes on without them: the report says \"not"
                + " collected\" where they would be, and judges which statements still scan after the migrations from"
                + " their EXPLAIN plans. To collect them: " + fix + ".");
    }
}
