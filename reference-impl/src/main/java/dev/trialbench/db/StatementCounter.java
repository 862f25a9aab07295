package dev.trialbench.db;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.MethodExecutionListener;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/**
 * Counts what crosses the wire through a DataSource: statement executions (a JDBC batch counts
 * once: pgjdbc sends it in one round trip), commits and rollbacks, and executions per SQL text.
 * These counts are the deterministic "statements per operation" of the benchmarks and tests: they
 * do not depend on how fast the machine is. pgjdbc sends a transaction's BEGIN together with its
 * first statement, so BEGIN costs no round trip of its own and is not counted.
 *
 * <p>Thread-safe: counters are {@link LongAdder}s. Records only SQL texts (with placeholders),
 * never parameters.
 */
public final class StatementCounter {

    private static final java.util.regex.Pattern NAMED_PARAMETER = java.util.regex.Pattern.compile("(?<!:):[A-Za-z_][A-Za-z0-9_]*");

    private final LongAdder executions = new LongAdder();
    private final LongAdder commits = new LongAdder();
    private final LongAdder rollbacks = new LongAdder();
    private final Map<String, LongAdder> bySql = new ConcurrentHashMap<>();

    /** What was counted since the last {@link #reset()}. */
    public record Counts(long executions, long commits, long rollbacks, Map<String, Long> bySql) {

        /** Statement executions plus commits and rollbacks: the round trips to the server. */
        public long roundTrips() {
            return executions + commits + rollbacks;
        }

        /**
         * How often exactly this statement ran; {@code sql} may use Jdbi's {@code :name} parameters,
         * which the driver sees as {@code ?}.
         */
        public long executionsOf(String sql) {
            return bySql.getOrDefault(jdbcText(sql), 0L);
        }
    }

    /** The text the driver receives for a statement written with Jdbi's {@code :name} parameters. */
    public static String jdbcText(String namedSql) {
        return NAMED_PARAMETER.matcher(namedSql).replaceAll("?");
    }

    /** A DataSource that behaves like {@code target} and counts into this counter. */
    public DataSource wrap(DataSource target) {
        return ProxyDataSourceBuilder.create("counted", target)
                .listener(new QueryExecutionListener() {
                    @Override
                    public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
                    }

                    @Override
                    public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
                        executions.increment();
                        for (QueryInfo query : queries) {
                            bySql.computeIfAbsent(query.getQuery(), key -> new LongAdder()).increment();
                        }
                    }
                })
                .methodListener(new MethodExecutionListener() {
                    @Override
                    public void beforeMethod(MethodExecutionContext context) {
                    }

                    @Override
                    public void afterMethod(MethodExecutionContext context) {
                        if (!(context.getTarget() instanceof java.sql.Connection)) {
                            return;
                        }
                        String method = context.getMethod().getName();
                        if (method.equals("commit")) {
                            commits.increment();
                        } else if (method.equals("rollback") && context.getMethodArgs() == null) {
                            rollbacks.increment();
                        }
                    }
                })
                .build();
    }

    public Counts snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        bySql.forEach((sql, count) -> copy.put(sql, count.sum()));
        return new Counts(executions.sum(), commits.sum(), rollbacks.sum(), copy);
    }

    public void reset() {
        executions.reset();
        commits.reset();
        rollbacks.reset();
        bySql.clear();
    }
}
