package dev.trialbench.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pgbench's per-transaction log and its abort messages, read back from files written as pgbench 15 writes them. */
class PgbenchLogTest {

    @TempDir
    Path folder;

    @Test
    void latenciesFromEveryThreadsFileFailedLinesCountedApart() throws IOException {
        // client transaction_no latency_us script_no epoch_s epoch_us
        Files.writeString(folder.resolve("tx.4242"), """
                0 0 1000 0 1700000000 000000
                0 1 3000 0 1700000000 500000
                0 2 failed 0 1700000000 600000
                """);
        Files.writeString(folder.resolve("tx.4242.1"), """
                1 0 2000 0 1700000000 100000
                1 1 4000 0 1700000001 000000
                """);
        Files.writeString(folder.resolve("other.txt"), "0 0 99999 0 1 1\n");

        PgbenchLog log = PgbenchLog.read(folder, "tx");

        assertThat(log.committed()).isEqualTo(4);
        assertThat(log.failed()).isEqualTo(1);
        // first start 1699999999.999000, last end 1700000001.000000
        assertThat(log.spanSeconds()).isCloseTo(1.001, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(log.percentileMillis(50)).isEqualTo(2.0);
        assertThat(log.percentileMillis(95)).isEqualTo(4.0);
        assertThat(log.percentileMillis(25)).isEqualTo(1.0);
    }

    @Test
    void withARateEachLatencyCountsFromTheScheduledStart() throws IOException {
        // with -R: client transaction_no latency_us script_no epoch_s epoch_us schedule_lag_us
        Files.writeString(folder.resolve("tx.77"), """
                0 0 1000 0 1700000000 000000 500
                0 1 2000 0 1700000000 500000 40000
                """);

        assertThat(PgbenchLog.fromSchedule(folder, "tx").percentileMillis(100)).isEqualTo(42.0);
        assertThat(PgbenchLog.fromSchedule(folder, "tx").percentileMillis(50)).isEqualTo(1.5);
        assertThat(PgbenchLog.read(folder, "tx").percentileMillis(100)).isEqualTo(2.0);
    }

    @Test
    void abortedClientsAreCountedEvenWhenTwoMessagesShareALine() throws IOException {
        Path output = Files.writeString(folder.resolve("pgbench.out"), """
                pgbench (15.20 (Debian 15.20-0+deb12u1))
                pgbench: error: pgbench: error: client 1 script 0 aborted in command 0 query 0: ERROR:  division by zero
                client 0 script 0 aborted in command 0 query 0: ERROR:  division by zero
                number of clients: 2
                """);

        assertThat(PgbenchLog.abortedClients(output)).isEqualTo(2);
    }
}
