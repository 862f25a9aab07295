package dev.trialbench.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.PoolWaitRecorder.PoolWaitSummary;
import dev.trialbench.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The recorder sees what HikariCP reports: every connection handed out, every request that gave up
 * after the connection timeout. Counts, and waits only against bounds that follow from the
 * configuration (a timed-out request waited at least the connection timeout), never for speed.
 */
class PoolWaitRecorderTest {

    private static final Duration CONNECTION_TIMEOUT = Duration.ofMillis(250);

    @Test
    void aSecondThreadOnAPoolOfOneTimesOutThenGetsTheConnection() throws Exception {
        PoolWaitRecorder recorder = new PoolWaitRecorder();
        try (HikariDataSource pool = Pool.open(config(1), recorder)) {
            recorder.reset();
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch timedOut = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                Future<?> holder = threads.submit(() -> {
                    try (Connection connection = pool.getConnection()) {
                        held.countDown();
                        assertThat(timedOut.await(CONNECTION_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS)).isTrue();
                    }
                    return null;
                });
                Future<?> waiter = threads.submit(() -> {
                    held.await();
                    try {
                        assertThatThrownBy(pool::getConnection).isInstanceOf(SQLTransientConnectionException.class);
                    } finally {
                        timedOut.countDown();
                    }
                    try (Connection connection = pool.getConnection()) {
                        assertThat(connection.isValid(1)).isTrue();
                    }
                    return null;
                });
                holder.get(30, TimeUnit.SECONDS);
                waiter.get(30, TimeUnit.SECONDS);
            } finally {
                threads.shutdownNow();
            }
            PoolWaitSummary summary = recorder.snapshot();
            // two connections handed out, one request that gave up; HikariCP reports a wait for all three
            assertThat(summary.acquisitions()).isEqualTo(3);
            assertThat(summary.timeouts()).isEqualTo(1);
            assertThat(summary.p50Millis()).isGreaterThanOrEqualTo(0);
            assertThat(summary.maxMillis()).as("the timed-out request waited the whole connection timeout")
                    .isGreaterThanOrEqualTo(CONNECTION_TIMEOUT.toMillis() * 0.99)
                    .isGreaterThanOrEqualTo(summary.p99Millis());

            recorder.reset();
            assertThat(recorder.snapshot()).isEqualTo(new PoolWaitSummary(0, 0, 0, 0, 0, 0));
        }
    }

    @Test
    void everyAcquisitionFromManyThreadsIsCountedOnce() throws Exception {
        PoolWaitRecorder recorder = new PoolWaitRecorder();
        try (HikariDataSource pool = Pool.open(config(2).withConnectionTimeout(Duration.ofSeconds(30)), recorder)) {
            recorder.reset();
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> borrowers = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    borrowers.add(threads.submit(() -> {
                        for (int i = 0; i < 50; i++) {
                            try (Connection connection = pool.getConnection()) {
                                connection.isValid(1);
                            }
                            if (i == 25) {
                                recorder.snapshot();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> borrower : borrowers) {
                    borrower.get(60, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }
            PoolWaitSummary summary = recorder.snapshot();
            assertThat(summary.acquisitions()).isEqualTo(200);
            assertThat(summary.timeouts()).isZero();
            assertThat(summary.p50Millis()).isLessThanOrEqualTo(summary.p95Millis());
            assertThat(summary.p95Millis()).isLessThanOrEqualTo(summary.p99Millis());
            assertThat(summary.p99Millis()).isLessThanOrEqualTo(summary.maxMillis());
        }
    }

    private static PoolConfig config(int size) {
        return TestPostgres.server().poolConfig().withMaximumPoolSize(size)
                .withApplicationName("trialbench-pool-wait-test").withConnectionTimeout(CONNECTION_TIMEOUT);
    }
}
