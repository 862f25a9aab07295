package dev.trialbench.db;

import static dev.trialbench.db.MigrationsTest.V3_INDEXES;
import static dev.trialbench.db.MigrationsTest.V4_CONSTRAINTS;
import static dev.trialbench.db.MigrationsTest.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.Migrations.SchemaState;
import dev.trialbench.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * V4_1 adds foreign keys NOT VALID (and checks, under ACCESS EXCLUSIVE): short, but each foreign key takes SHARE ROW EXCLUSIVE on its table and
 * on {@code users}, which the application's writes conflict with, and the application takes those
 * tables in another order. Under the mixed load this deadlocked (PostgreSQL ended the migration with
 * 40P01 and the whole move to AFTER was rolled back). Here an "application" transaction plays that
 * part by hand, step by step, so the outcome does not depend on timing: it holds
 * {@code trial_usage}, waits until the migration queues behind it, then asks for {@code users},
 * which the migration already holds. The migration must give way first (lock_timeout below
 * deadlock_timeout), so the application's transaction is never the victim, and go through once the
 * application commits.
 */
class MigrationLockPatienceTest {

    @Test
    void theConstraintStepGivesWayToTheApplicationInsteadOfDeadlockingAndGoesThroughAfterwards() throws Exception {
        try (HikariDataSource dataSource = TestPostgres.before("lock_patience", 5);
             Connection application = dataSource.getConnection()) {
            assumeTrue(strings(dataSource, "SHOW deadlock_timeout").equals(List.of("1s")), "the server's default deadlock_timeout");
            Migrations migrations = new Migrations(dataSource);
            application.setAutoCommit(false);
            execute(application, "LOCK TABLE trial_usage IN ROW EXCLUSIVE MODE");

            CompletableFuture<List<Migrations.Applied>> move = CompletableFuture.supplyAsync(migrations::migrateToAfter);
            awaitMigrationQueuedOn(dataSource, "trial_usage", move);
            assertThat(strings(dataSource, """
                    SELECT mode FROM pg_locks WHERE relation = 'users'::regclass AND granted
                    AND pid <> pg_backend_pid() AND mode = 'ShareRowExclusiveLock'""")).as("the migration holds users").hasSize(1);

            long asked = System.nanoTime();
            execute(application, "LOCK TABLE users IN ROW EXCLUSIVE MODE");
            long waitedMillis = (System.nanoTime() - asked) / 1_000_000;
            application.commit();

            List<Migrations.Applied> applied = move.get(60, TimeUnit.SECONDS);
            assertThat(waitedMillis).as("the application got users once the migration gave way, before any deadlock check")
                    .isLessThan(1000);
            assertThat(migrations.lockConflictsOfLastMove()).isGreaterThanOrEqualTo(1);
            assertThat(applied).as("the scripts of every attempt, the ones before the conflict included")
                    .extracting(Migrations.Applied::version)
                    .hasSize(V3_INDEXES.size() + 2)
                    .startsWith("3.1")
                    .endsWith("4.1", "4.2");
            assertThat(migrations.state()).isEqualTo(SchemaState.AFTER);
            assertThat(strings(dataSource, "SELECT conname FROM pg_constraint WHERE convalidated AND conname = ANY (?)",
                    V4_CONSTRAINTS)).containsExactlyInAnyOrderElementsOf(V4_CONSTRAINTS);
            assertThat(strings(dataSource, "SELECT count(*) FROM flyway_schema_history WHERE NOT success")).containsExactly("0");
        }
    }

    @Test
    void aLockHeldPastEveryAttemptFailsTheMoveWithWhatToDoAndLeavesTheSchemaAsItWas() throws Exception {
        try (HikariDataSource dataSource = TestPostgres.before("lock_patience_spent", 5);
             Connection application = dataSource.getConnection()) {
            Migrations migrations = new Migrations(dataSource, new LockPatience(Duration.ofMillis(100), 3, Duration.ofMillis(10)));
            CatalogSnapshot beforeAttempt = CatalogSnapshot.of(dataSource);
            application.setAutoCommit(false);
            execute(application, "LOCK TABLE trial_usage IN ROW EXCLUSIVE MODE");

            assertThatThrownBy(migrations::migrateToAfter)
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("lock timeout")
                    .hasMessageContaining("55P03")
                    .hasMessageContaining("gave way 3 time(s)")
                    .hasMessageContaining("idle in transaction");
            application.rollback();

            assertThat(migrations.lockConflictsOfLastMove()).isEqualTo(3);
            assertThat(migrations.state()).isEqualTo(SchemaState.BEFORE);
            assertThat(CatalogSnapshot.of(dataSource).differencesFrom(beforeAttempt)).isEmpty();

            migrations.migrateToAfter();
            assertThat(migrations.lockConflictsOfLastMove()).isZero();
            assertThat(migrations.state()).isEqualTo(SchemaState.AFTER);
        }
    }

    @Test
    void patienceRefusesAWaitWithoutEnd() {
        assertThatThrownBy(() -> new LockPatience(Duration.ZERO, 3, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wait forever");
        assertThatThrownBy(() -> new LockPatience(Duration.ofMillis(1), 0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attempts");
        assertThat(LockPatience.DEFAULT.pauseAfter(100)).isEqualTo(LockPatience.MAX_PAUSE);
        assertThat(LockPatience.DEFAULT.lockTimeout()).isLessThan(Duration.ofSeconds(1));
    }

    private static void awaitMigrationQueuedOn(DataSource dataSource, String table, CompletableFuture<?> move)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (move.isDone()) {
                throw new AssertionError("the migration ended before it queued on " + table + ": " + move.join());
            }
            List<String> waiting = strings(dataSource, "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = '"
                    + table + "'::regclass AND mode = 'ShareRowExclusiveLock'");
            if (!waiting.equals(List.of("0"))) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the migration never queued on " + table);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
