package dev.trialbench.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.profile.RunProfile;
import dev.trialbench.bench.runfolder.ReliabilityEvidence;
import dev.trialbench.db.Migrations;
import dev.trialbench.db.PoolConfig;
import dev.trialbench.provision.OwnDatabase;
import dev.trialbench.reliability.BackendTermination;
import dev.trialbench.reliability.ConcurrencyComparison;
import dev.trialbench.seed.SeedConfig;
import dev.trialbench.seed.SeedPlan;
import dev.trialbench.seed.SeedProgress;
import dev.trialbench.testing.Sql;
import dev.trialbench.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * The quick reliability step on a small seeded database, as the pipeline runs it after the AFTER
 * measurements: the batched path keeps every invariant and never writes partially, and the step
 * leaves the database as it found it (schema AFTER, no row left for the reserved pool) and the
 * server without the scratch databases of its migration faults.
 */
class ReliabilityStepTest {

    @Test
    void theQuickStepJudgesBothPathsAndLeavesTheDatabaseAsItFoundIt() {
        try (OwnDatabase database = OwnDatabase.create(TestPostgres.server(), "test", PoolConfig.DEFAULT_MAXIMUM_POOL_SIZE,
                OwnDatabase.OnClose.DROP)) {
            Migrations migrations = database.migrations();
            SeedConfig config = SeedConfig.of(42, 0.01, Instant.now().truncatedTo(ChronoUnit.SECONDS));
            database.prepare(config, true, SeedProgress.none());
            String rowsBefore = writtenRows(database);
            // As the pipeline does at its start, so that Fix 6's analyzeSlowQueries has a view to read.
            new dev.trialbench.monitor.Monitor(database.dataSource()).ensureStatementStatistics();

            ReliabilityEvidence evidence = ReliabilityStep.run(database, SeedPlan.of(config), RunProfile.QUICK.faults(),
                    new PrintStream(new ByteArrayOutputStream()));

            assertThat(evidence.concurrency()).hasSize(4);
            assertThat(evidence.concurrency()).filteredOn(cell -> cell.implementation().equals("batched"))
                    .allSatisfy(cell -> assertThat(cell.invariants().total()).isZero());
            assertThat(evidence.concurrency()).filteredOn(cell -> cell.implementation().equals("naive"))
                    .extracting(ConcurrencyComparison.Cell::schema).containsExactly("before", "after");
            assertThat(evidence.terminations()).filteredOn(result -> result.implementation().equals("batched"))
                    .extracting(BackendTermination.Result::partialWrites).containsExactly(0);
            assertThat(evidence.outage().tokensLost()).isZero();
            // The safety claims' evidence: both paths on both schemas, a user deleted on each, Fix 6's monitor.
            assertThat(evidence.safety().halfWritten()).extracting(result -> result.implementation() + "@" + result.schema())
                    .containsExactly("naive@before", "batched@before", "naive@after", "batched@after");
            assertThat(evidence.safety().halfWritten()).filteredOn(result -> result.implementation().equals("batched"))
                    .allSatisfy(result -> assertThat(result.halfWritten()).isZero());
            assertThat(evidence.safety().queryTimeout().after().sqlState()).isEqualTo("57014");
            assertThat(evidence.safety().userDeletions()).extracting(dev.trialbench.reliability.UserDeletion::schema)
                    .containsExactly("before", "after");
            assertThat(evidence.safety().foreignKeysWithoutIndex()).isNotEmpty();
            assertThat(evidence.safety().reportMonitor().analyzeSlowQueries().asWrittenSqlState()).isEqualTo("42703");
            assertThat(migrations.state()).isEqualTo(Migrations.SchemaState.AFTER);
            assertThat(writtenRows(database)).isEqualTo(rowsBefore);
            assertThat(Sql.queryLong(database.dataSource(), "SELECT count(*) FROM pg_database WHERE datname LIKE '"
                    + OwnDatabase.PREFIX + "scratch%'")).as("the migration faults' scratch databases are dropped").isZero();
        }
    }

    private static String writtenRows(OwnDatabase database) {
        return Sql.queryString(database.dataSource(), """
                SELECT (SELECT count(*) FROM free_trial_tokens) || '/' || (SELECT count(*) FROM device_fingerprints)
                    || '/' || (SELECT count(*) FROM trial_fraud_flags)""");
    }
}
