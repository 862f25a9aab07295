package dev.trialbench.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.activation.ActivationRequest;
import dev.trialbench.activation.ActivationResult.Outcome;
import dev.trialbench.activation.BatchedActivation;
import dev.trialbench.db.Jdbis;
import dev.trialbench.db.StatementCounter;
import dev.trialbench.db.StatementCounter.Counts;
import dev.trialbench.provision.OwnDatabase;
import dev.trialbench.seed.ReservedPoolReset;
import dev.trialbench.seed.SeedConfig;
import dev.trialbench.seed.SeedPlan;
import dev.trialbench.seed.SeedProgress;
import dev.trialbench.seed.SeedTable;
import dev.trialbench.testing.Sql;
import dev.trialbench.testing.TestPostgres;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * pgbench runs the batched path's accepted activation statement for statement, commits
 * transactions without failures on the shared test server, and leaves the reserved pool and the
 * database as it found them. No figure is checked for speed.
 */
class PgbenchActivationTest {

    private static OwnDatabase database;
    private static HikariDataSource dataSource;
    private static SeedPlan plan;

    @BeforeAll
    static void seed() {
        database = OwnDatabase.create(TestPostgres.server(), "test", 2, OwnDatabase.OnClose.DROP);
        dataSource = database.dataSource();
        database.migrations().migrateToBefore();
        // A reserved pool of 1000, so that a 2-second run on a slow machine does not use it up (on a fast one it may: the run then stops early, which is not a failure).
        SeedConfig config = SeedConfig.of(42, 0.02, Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .withReservedUsers(1000).withReservedDevices(1000);
        database.seed(config, SeedProgress.none());
        plan = SeedPlan.of(config);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void theScriptRunsTheStatementsOfAnAcceptedBatchedActivationInOneTransaction() {
        String script = PgbenchActivation.script();
        System.out.println("---- pgbench script ----\n" + script + "---- end of script ----");

        StatementCounter counter = new StatementCounter();
        Jdbi counted = Jdbis.create(counter.wrap(dataSource));
        ActivationRequest request = new ActivationRequest(plan.reservedUser(0).toString(), plan.reservedFingerprint(0),
                Map.of("os", "linux"), plan.reservedIp(0));
        try {
            counter.reset();
            assertThat(new BatchedActivation(counted).activate(request).outcome()).isEqualTo(Outcome.ACTIVATED);
            Counts counts = counter.snapshot();
            Set<String> expected = PgbenchActivation.STATEMENTS.stream().map(StatementCounter::jdbcText)
                    .collect(Collectors.toSet());
            assertThat(counts.bySql().keySet()).isEqualTo(expected);
            assertThat(counts.executions()).isEqualTo(PgbenchActivation.STATEMENTS.size());
            assertThat(counts.commits()).isEqualTo(1);
        } finally {
            ReservedPoolReset.run(Jdbis.create(dataSource), plan);
        }

        for (String statement : PgbenchActivation.STATEMENTS) {
            assertThat(script).contains(statement + ";\n");
        }
        assertThat(script).containsOnlyOnce("BEGIN;").containsOnlyOnce("COMMIT;");
        assertThat(script.indexOf("BEGIN;")).isLessThan(script.indexOf(PgbenchActivation.STATEMENTS.get(0)));
        assertThat(script.indexOf("COMMIT;")).isGreaterThan(script.indexOf(PgbenchActivation.STATEMENTS.get(3)));
    }

    @Test
    void twoClientsForTwoSecondsCommitWithoutFailuresAndLeaveTheReservedPoolClean() {
        assumeTrue(Pgbench.find().isPresent(), Pgbench.NOT_FOUND);
        Map<SeedTable, Long> seeded = plan.rowCounts();

        PgbenchActivation.Result result = PgbenchActivation.measure(database, plan, 2, 2);
        System.out.println("pgbench activation: " + result);

        assertThat(result.transactions()).as(result.note()).isPositive();
        assertThat(result.failed()).as(result.note()).isZero();
        assertThat(result.tps()).isPositive();
        assertThat(result.p50Millis()).isPositive().isLessThanOrEqualTo(result.p95Millis());
        assertThat(result.p95Millis()).isLessThanOrEqualTo(result.p99Millis());
        assertThat(result.meanMillis()).isPositive();
        for (SeedTable table : SeedTable.values()) {
            assertThat(Sql.queryLong(dataSource, "SELECT count(*) FROM " + table.tableName()))
                    .as(table.tableName()).isEqualTo(seeded.get(table));
        }
        assertThat(Sql.queryLong(dataSource, "SELECT count(*) FROM pg_class WHERE relname IN ('"
                + PgbenchActivation.INPUTS + "', '" + PgbenchActivation.SLOTS + "')")).isZero();
    }

    @Test
    void atAGivenRatePgbenchRunsOnItsOwnScheduleAndSaysSo() {
        assumeTrue(Pgbench.find().isPresent(), Pgbench.NOT_FOUND);

        PgbenchActivation.Result result = PgbenchActivation.measure(database, plan, 2, 2, 20.0);

        assertThat(result.transactions()).as(result.note()).isPositive();
        assertThat(result.failed()).as(result.note()).isZero();
        assertThat(result.note()).contains("offered 20.0 transactions/s (-R), latency from each transaction's scheduled start");
    }

    @Test
    void badArgumentsAreRefusedBeforeAnythingRuns() {
        assertThatThrownBy(() -> PgbenchActivation.measure(database, plan, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 client");
        assertThatThrownBy(() -> PgbenchActivation.measure(database, plan, 2, 2, 0.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("above 0 transactions/s");
    }
}
