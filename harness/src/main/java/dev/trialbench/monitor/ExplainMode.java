package dev.trialbench.monitor;

/** How {@link Monitor#explain} asks PostgreSQL for a plan. */
public enum ExplainMode {

    /** {@code EXPLAIN (FORMAT JSON)}: the planner's estimate; the statement is not run. */
    ESTIMATE("EXPLAIN (FORMAT JSON) "),

    /**
     * {@code EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)}: the statement is run, to measure rows, time and
     * buffers, inside a transaction (or savepoint) that is always rolled back, so that an explained
     * INSERT, UPDATE or DELETE changes nothing.
     */
    ANALYZE_BUFFERS("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ");

    private final String prefix;

    ExplainMode(String prefix) {
        this.prefix = prefix;
    }

    String prefix() {
        return prefix;
    }
}
