package dev.trialbench.reliability;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.MethodExecutionListener;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/**
 * Calls back before every round trip a DataSource makes that can change the database: each
 * statement execution (a JDBC batch is one) and each commit, with the server process (backend pid)
 * that is about to receive it. The fault experiments use it to act at an exact point of a
 * transaction: terminate the backend before statement k, or hold a thread at its first write until
 * a racing thread has read. Works like {@code StatementCounter} and {@code RoundTripDelay}
 * (datasource-proxy listeners). Thread-safe if the callback is.
 */
final class StatementHook {

    /** The text passed for a commit. */
    static final String COMMIT = "COMMIT";

    /** What to do before a round trip; runs on the caller's thread. */
    @FunctionalInterface
    interface Callback {
        void before(int backendPid, String sql) throws SQLException;
    }

    private StatementHook() {
    }

    static DataSource wrap(DataSource target, Callback callback) {
        return ProxyDataSourceBuilder.create("fault-hook", target)
                .listener(new QueryExecutionListener() {
                    @Override
                    public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
                        try {
                            Connection connection = execution.getStatement().getConnection();
                            callback.before(backendPid(connection), queries.isEmpty() ? "" : queries.get(0).getQuery());
                        } catch (SQLException e) {
                            throw new IllegalStateException("fault hook failed: " + e.getMessage(), e);
                        }
                    }

                    @Override
                    public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
                    }
                })
                .methodListener(new MethodExecutionListener() {
                    @Override
                    public void beforeMethod(MethodExecutionContext context) {
                        if (context.getTarget() instanceof Connection connection
                                && context.getMethod().getName().equals("commit")) {
                            try {
                                callback.before(backendPid(connection), COMMIT);
                            } catch (SQLException e) {
                                throw new IllegalStateException("fault hook failed: " + e.getMessage(), e);
                            }
                        }
                    }

                    @Override
                    public void afterMethod(MethodExecutionContext context) {
                    }
                })
                .build();
    }

    static int backendPid(Connection connection) throws SQLException {
        return connection.unwrap(org.postgresql.PGConnection.class).getBackendPID();
    }
}
