package dev.trialbench.monitor;

import java.util.List;
import java.util.Optional;

/**
 * The statement statistics of the current database, or the reason they were not collected: never
 * zeros standing in for "not collected". Immutable and thread-safe.
 *
 * @param collected  whether {@code pg_stat_statements} could be read
 * @param reason     why not (null when collected)
 * @param statements its rows (empty when not collected)
 */
public record StatementStatisticsReading(boolean collected, String reason, List<StatementStatistic> statements) {

    /** One named statement's rows added up: calls, execution time and shared blocks. */
    public record Totals(long calls, double totalExecTimeMs, long sharedBlocksHit, long sharedBlocksRead) {

        /** Mean execution time per call; empty for a statement that was never called. */
        public Optional<Double> meanExecTimeMs() {
            return calls == 0 ? Optional.empty() : Optional.of(totalExecTimeMs / calls);
        }
    }

    public StatementStatisticsReading {
        statements = List.copyOf(statements);
    }

    static StatementStatisticsReading notCollected(String reason) {
        return new StatementStatisticsReading(false, reason, List.of());
    }

    /**
     * The rows of the statement whose text starts with {@code /* trialbench NAME * /}, added up; empty
     * when the statistics were not collected (a statement collected but never run gives 0 calls).
     */
    public Optional<Totals> totalsFor(String name) {
        if (!collected) {
            return Optional.empty();
        }
        String marker = "/* trialbench " + name + " */";
        long calls = 0;
        double total = 0;
        long hit = 0;
        long read = 0;
        for (StatementStatistic statistic : statements) {
            if (statistic.query().strip().startsWith(marker)) {
                calls += statistic.calls();
                total += statistic.totalExecTimeMs();
                hit += statistic.sharedBlocksHit();
                read += statistic.sharedBlocksRead();
            }
        }
        return Optional.of(new Totals(calls, total, hit, read));
    }
}
