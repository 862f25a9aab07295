package dev.trialbench.activation;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.activation.ActivationResult.Outcome;
import dev.trialbench.db.Jdbis;
import java.lang.reflect.InvocationTargetException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.proxy.ParameterSetOperation;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Naive and batched may differ only in what the optimization report changes (six reads batched
 * into one, one transaction with locks): their writes must be the same rows written by the same
 * means, or a timing comparison measures the writes instead of the batching. For each outcome, on
 * both schema states, both paths activate the same kind of case; every write statement they send
 * (with the very values they bound) is explained, and the shapes of the plans (node types,
 * relations, indexes; no costs) must be equal, statement for statement.
 *
 * <p>An update-or-insert in one statement, as the batched path once had, fails here on both schemas:
 * its plan holds a second search of {@code device_fingerprints} (a Seq Scan before the migrations)
 * and a CTE the naive INSERT does not have.
 *
 * <p>The values bound are kept in memory only to replay them into EXPLAIN; failure messages show
 * statement names and plan nodes, never the values.
 */
class WritePlanShapeTest {

    private static final Pattern NAME = Pattern.compile("/\\* trialbench (\\w+) \\*/");
    /** Statement names of writes (by the naming of {@link ActivationSql}). */
    private static final Pattern WRITE = Pattern.compile("(INSERT|UPDATE|DELETE|RECORD|UPSERT)_\\w+");

    /** The kinds of case, each one outcome with its own writes. */
    enum Case {
        NEW_DEVICE_ACTIVATED(Outcome.ACTIVATED),
        KNOWN_DEVICE_ACTIVATED(Outcome.ACTIVATED),
        DENIED_PREVIOUS_TRIAL_ON_USED_DEVICE(Outcome.DENIED),
        DENIED_BLOCKED_DEVICE(Outcome.DENIED),
        USER_NOT_FOUND(Outcome.USER_NOT_FOUND);

        final Outcome outcome;

        Case(Outcome outcome) {
            this.outcome = outcome;
        }

        ActivationRequest plant(Fixtures fixtures) {
            UUID user = this == USER_NOT_FOUND ? fixtures.newId() : fixtures.user();
            String fingerprint = fixtures.newFingerprint();
            switch (this) {
                case KNOWN_DEVICE_ACTIVATED -> fixtures.device(fingerprint, 0, false, null);
                case DENIED_PREVIOUS_TRIAL_ON_USED_DEVICE -> {
                    fixtures.trial(user, false);
                    fixtures.device(fingerprint, 1, false, null);
                }
                case DENIED_BLOCKED_DEVICE -> fixtures.device(fingerprint, 0, true, null);
                default -> { }
            }
            return StatementCountTest.request(user, fingerprint, fixtures.newIp());
        }
    }

    @ParameterizedTest
    @EnumSource(SchemaState.class)
    void naiveAndBatchedWriteEveryOutcomeWithStatementsOfTheSamePlanShape(SchemaState state) {
        try (HikariDataSource dataSource = state.freshDatabase("write_plans", 2)) {
            Fixtures fixtures = new Fixtures(Jdbis.create(dataSource), new Random(13));
            WriteRecorder recorder = new WriteRecorder();
            Jdbi recorded = Jdbis.create(recorder.wrap(dataSource));
            for (Case kind : Case.values()) {
                List<String> naive = writePlans(dataSource, recorder, kind, fixtures, new NaiveActivation(recorded));
                List<String> batched = writePlans(dataSource, recorder, kind, fixtures, new BatchedActivation(recorded));

                assertThat(batched).as("%s, %s: batched write plans against naive", state, kind).isEqualTo(naive);
                if (kind.outcome == Outcome.USER_NOT_FOUND) {
                    assertThat(naive).as("%s writes nothing", kind).isEmpty();
                } else {
                    assertThat(naive).as("%s writes something", kind).isNotEmpty();
                }
            }
        }
    }

    /** One activation of {@code kind}: each write it sent, as "NAME: node, node, ...". */
    private static List<String> writePlans(DataSource dataSource, WriteRecorder recorder, Case kind, Fixtures fixtures,
                                           TrialActivation activation) {
        ActivationRequest request = kind.plant(fixtures);
        recorder.writes.clear();
        assertThat(activation.activate(request).outcome()).as("%s, %s", activation.name(), kind).isEqualTo(kind.outcome);
        List<String> plans = new ArrayList<>();
        for (Write write : recorder.writes) {
            plans.add(write.name() + ": " + String.join(", ", planNodes(dataSource, write)));
        }
        return plans;
    }

    /** A write as the driver received it: its text and one bound row (a JDBC batch gives one per row). */
    private record Write(String name, String sql, List<ParameterSetOperation> parameters) {
    }

    /** Records the write statements (INSERT, UPDATE) that cross a DataSource; thread-safe. */
    private static final class WriteRecorder {

        final List<Write> writes = new CopyOnWriteArrayList<>();

        DataSource wrap(DataSource target) {
            return ProxyDataSourceBuilder.create("writes", target)
                    .listener(new QueryExecutionListener() {
                        @Override
                        public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
                        }

                        @Override
                        public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
                            for (QueryInfo query : queries) {
                                Matcher name = NAME.matcher(query.getQuery());
                                if (!name.find() || !WRITE.matcher(name.group(1)).matches()) {
                                    continue;
                                }
                                for (List<ParameterSetOperation> row : query.getParametersList()) {
                                    writes.add(new Write(name.group(1), query.getQuery(), List.copyOf(row)));
                                }
                            }
                        }
                    })
                    .build();
        }
    }

    /** The write's plan for the values it was sent with, as "Node Type[ on relation][ using index]". */
    private static List<String> planNodes(DataSource dataSource, Write write) {
        try (Connection connection = dataSource.getConnection()) {
            String json;
            try (PreparedStatement explain = connection.prepareStatement("EXPLAIN (FORMAT JSON) " + write.sql())) {
                for (ParameterSetOperation parameter : write.parameters()) {
                    parameter.getMethod().invoke(explain, parameter.getArgs());
                }
                try (ResultSet rows = explain.executeQuery()) {
                    rows.next();
                    json = rows.getString(1);
                }
            }
            return nodes(connection, json);
        } catch (SQLException e) {
            // The message of a failed statement may quote its values: name the statement and the SQLState only.
            throw new IllegalStateException("EXPLAIN of " + write.name() + " failed with SQLState " + e.getSQLState());
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Could not replay the values of " + write.name() + " into EXPLAIN");
        }
    }

    private static List<String> nodes(Connection connection, String json) throws SQLException {
        try (PreparedStatement nodes = connection.prepareStatement("""
                SELECT concat_ws(' ', node->>'Node Type', node->>'Operation', 'on ' || (node->>'Relation Name'),
                                 'using ' || (node->>'Index Name'), 'cte ' || (node->>'CTE Name'))
                FROM jsonb_path_query(CAST(? AS jsonb), 'strict $.** ? (exists (@."Node Type"))') AS node""")) {
            nodes.setString(1, json);
            List<String> result = new ArrayList<>();
            try (ResultSet rows = nodes.executeQuery()) {
                while (rows.next()) {
                    result.add(rows.getString(1));
                }
            }
            assertThat(result).as("plan nodes").isNotEmpty();
            return result;
        }
    }
}
