package dev.trialbench.bench.pooler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.trialbench.bench.runfolder.PoolerEvidence;
import dev.trialbench.db.PoolConfig;
import dev.trialbench.pooler.PgBouncer;
import dev.trialbench.pooler.PgBouncerSettings;
import dev.trialbench.provision.OwnDatabase;
import dev.trialbench.seed.SeedConfig;
import dev.trialbench.seed.SeedPlan;
import dev.trialbench.seed.SeedProgress;
import dev.trialbench.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pooler section's load on a real server through a real pgBouncer, for half a second per side:
 * the run's configuration, Fix 4's pools working through it, no failure on either side, never more
 * server connections through pgBouncer than its pool, and the reserved users left fresh. Asserts
 * counts and configuration, never timings or throughput. Skipped, saying so, without pgbouncer.
 */
class PoolerLoadTest {

    @TempDir
    Path folder;

    @Test
    void fourFix4PoolsActivateDirectAndThroughPgBouncerWithinItsServerPool() {
        assumeTrue(PgBouncer.unavailableReason().isEmpty(), () -> "skipped: " + PgBouncer.unavailableReason().orElse(""));
        SeedConfig seed = SeedConfig.of(42, 0.01, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try (OwnDatabase database = OwnDatabase.create(TestPostgres.server(), "pooler", 4, OwnDatabase.OnClose.DROP)) {
            database.prepare(seed, true, SeedProgress.none());
            PoolConfig server = database.poolConfig(4);
            PgBouncerSettings settings = PoolerStep.runSettings(server);
            assertThat(settings.poolMode()).isEqualTo(PgBouncerSettings.PoolMode.TRANSACTION);
            assertThat(settings.defaultPoolSize()).isEqualTo(PoolerStep.SERVER_POOL);
            assertThat(settings.ignoreStartupParameters()).containsExactly("extra_float_digits", "options");
            assertThat(settings.connectQuery()).isEqualTo("SET statement_timeout = 30000; SET lock_timeout = 10000;"
                    + " SET idle_in_transaction_session_timeout = 60000");
            SeedPlan plan = SeedPlan.of(seed);

            PoolerEvidence.Side direct = PoolerLoad.measure(server.jdbcUrl(), server.username(), server.password(),
                    database.name(), plan, database.dataSource(), 0.5);
            PoolerEvidence.Side pooled;
            try (PgBouncer pooler = PgBouncer.start(settings, folder)) {
                pooled = PoolerLoad.measure(pooler.jdbcUrl(database.name(), "prepareThreshold=0"), server.username(),
                        server.password(), database.name(), plan, database.dataSource(), 0.5);
            }

            assertThat(direct.activations()).isPositive();
            assertThat(pooled.activations()).isPositive();
            assertThat(direct.failed()).isZero();
            assertThat(pooled.failed()).as("failures through pgBouncer: %s", pooled.failuresBySqlState()).isZero();
            assertThat(pooled.maxServerConnections()).isBetween(1, PoolerStep.SERVER_POOL);
            assertThat(direct.maxServerConnections()).isBetween(1, PoolerLoad.INSTANCES * PoolerLoad.POOL_SIZE);
            // Both sides reset the reserved users after themselves: the first one has no trial left.
            assertThat(dev.trialbench.testing.Sql.queryLong(database.dataSource(),
                    "SELECT count(*) FROM free_trial_tokens WHERE user_id = '" + plan.reservedUser(0) + "'")).isZero();
        }
    }
}
