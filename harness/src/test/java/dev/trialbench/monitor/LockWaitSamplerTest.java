package dev.trialbench.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.monitor.LockWaitSummary.LockWait;
import dev.trialbench.testing.Sql;
import dev.trialbench.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sampler sees a backend blocked behind a lock held by another connection, for at least part of
 * the time it was held, and classifies the waiter; with no contention it sees no waiter. The hold is
 * timed from the moment the server reports the waiter waiting, so a slow machine only lengthens the
 * test; the 100 ms checked is a lower bound on a 300 ms wait, not a speed.
 */
class LockWaitSamplerTest {

    private static final long HOLD_MILLIS = 300;
    private static HikariDataSource dataSource;

    @BeforeAll
    static void scratchTable() {
        dataSource = TestPostgres.freshDatabase("lock_sampler", 4);
        Sql.execute(dataSource, "CREATE TABLE lock_scratch (id int PRIMARY KEY, note text)");
        Sql.execute(dataSource, "INSERT INTO lock_scratch VALUES (1, 'one')");
    }

    @AfterAll
    static void close() {
        dataSource.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "SELECT count(*) FROM lock_scratch | false",
        "/* migration */ ALTER TABLE lock_scratch ADD COLUMN IF NOT EXISTS extra int | true"})
    void aWaiterBehindAnAccessExclusiveLockIsSeenOnThatTable(String waiterSql, boolean ddl) throws Exception {
        LockWaitSummary summary = sampleWhileBlocked("LOCK TABLE lock_scratch IN ACCESS EXCLUSIVE MODE", waiterSql);

        assertThat(summary.sampled()).isTrue();
        assertThat(summary.samplesWithWaiters()).isPositive();
        assertThat(summary.waitingBackends()).isEqualTo(1);
        LockWait wait = summary.longestRelationWait();
        assertThat(wait).isNotNull();
        assertThat(wait.relation()).isEqualTo("lock_scratch");
        assertThat(wait.lockType()).isEqualTo("relation");
        assertThat(wait.mode()).isEqualTo(ddl ? "AccessExclusiveLock" : "AccessShareLock");
        assertThat(wait.ddl()).isEqualTo(ddl);
        assertThat(wait.millis()).isGreaterThanOrEqualTo(100);
        assertThat(summary.longestOtherWait()).isNull();
        assertThat(summary.toString()).doesNotContain("lock_scratch ADD", "count(*)");
    }

    @Test
    void aWaiterForARowLockedByAnotherTransactionIsSeenAsAnOtherLock() throws Exception {
        LockWaitSummary summary = sampleWhileBlocked("UPDATE lock_scratch SET note = 'held' WHERE id = 1",
                "UPDATE lock_scratch SET note = 'waited' WHERE id = 1");

        assertThat(summary.longestOtherWait()).isNotNull();
        assertThat(summary.longestOtherWait().lockType()).isEqualTo("transactionid");
        assertThat(summary.longestOtherWait().ddl()).isFalse();
        assertThat(summary.longestOtherWait().millis()).isGreaterThanOrEqualTo(100);
        assertThat(summary.waitingBackends()).isEqualTo(1);
    }

    @Test
    void withoutContentionNoWaiterIsReported() throws Exception {
        LockWaitSummary summary;
        try (LockWaitSampler sampler = LockWaitSampler.start(dataSource)) {
            for (int i = 0; i < 20; i++) {
                Sql.execute(dataSource, "UPDATE lock_scratch SET note = 'free' WHERE id = 1");
            }
            awaitSamples(sampler, 3);
            summary = sampler.summary();
        }
        assertThat(summary.sampled()).isTrue();
        assertThat(summary.samples()).isGreaterThanOrEqualTo(3);
        assertThat(summary.samplesWithWaiters()).isZero();
        assertThat(summary.waitingBackends()).isZero();
        assertThat(summary.longestRelationWait()).isNull();
        assertThat(summary.longestOtherWait()).isNull();
    }

    @Test
    void theSamplersConnectionIsMarkedWhileItRunsAndGivenBackAfter() throws Exception {
        try (LockWaitSampler sampler = LockWaitSampler.start(dataSource)) {
            awaitSamples(sampler, 1);
            assertThat(Sql.queryLong(dataSource, "SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
                    + LockWaitSampler.APPLICATION_NAME + "'")).isEqualTo(1);
        }
        assertThat(Sql.queryLong(dataSource, "SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
                + LockWaitSampler.APPLICATION_NAME + "'")).isZero();
    }

    /** Holds {@code holderSql}'s lock in an open transaction until {@code waiterSql} has waited HOLD_MILLIS. */
    private static LockWaitSummary sampleWhileBlocked(String holderSql, String waiterSql) throws Exception {
        try (LockWaitSampler sampler = LockWaitSampler.start(dataSource);
             Connection holder = dataSource.getConnection();
             Connection waiter = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            execute(holder, holderSql);
            int waiterPid = backendPid(waiter);
            CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
                try {
                    execute(waiter, waiterSql);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (Sql.queryLong(dataSource, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    + " AND pid = " + waiterPid) == 0) {
                assertThat(System.nanoTime()).as("the waiter blocks on the lock").isLessThan(deadline);
                Thread.sleep(10);
            }
            Thread.sleep(HOLD_MILLIS);
            holder.rollback();
            blocked.get(20, TimeUnit.SECONDS);
            sampler.close();
            return sampler.summary();
        }
    }

    private static void awaitSamples(LockWaitSampler sampler, long samples) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (sampler.summary().samples() < samples) {
            assertThat(System.nanoTime()).as("the sampler samples").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
