package dev.trialbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.testing.TerminalCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code trialbench run}: bad flags are refused (exit 2) before any database is provisioned. */
class RunCommandTest {

    @RegisterExtension
    final TerminalCapture terminal = new TerminalCapture();

    @Test
    void unknownProfileExitsTwoNamingTheFlag() {
        int exit = TrialbenchCommand.execute("run", "--profile", "medium");

        assertThat(exit).isEqualTo(2);
        assertThat(terminal.err()).contains("--profile").contains("quick or full");
    }

    @Test
    void unreadableRoundTripExitsTwoNamingTheFlag() {
        int exit = TrialbenchCommand.execute("run", "--rtt", "1ms,fast");

        assertThat(exit).isEqualTo(2);
        assertThat(terminal.err()).contains("--rtt").contains("'fast'");
    }

    @Test
    void unknownPostgresMajorExitsTwoNamingTheFlagAndTheVariable() {
        int exit = TrialbenchCommand.execute("run", "--pg-major", "14");

        assertThat(exit).isEqualTo(2);
        assertThat(terminal.err()).contains("--pg-major").contains("TRIALBENCH_PG_MAJOR").contains("15, 16, 17, 18");
    }

    @Test
    void postgresMajorWithAContainerExitsTwo() {
        int exit = TrialbenchCommand.execute("run", "--db", "container", "--pg-major", "15");

        assertThat(exit).isEqualTo(2);
        assertThat(terminal.err()).contains("--pg-major").contains("--db embedded");
    }

    @Test
    void postgresMajorNotFetchedExitsOneSayingHowToFetchIt() {
        String binaries = System.getProperty("trialbench.pgBinaries");
        String repository = System.getProperty("maven.repo.local");
        try {
            System.setProperty("trialbench.pgBinaries", "/nonexistent-binaries");
            System.setProperty("maven.repo.local", "/nonexistent-repository");
            int exit = TrialbenchCommand.execute("run", "--pg-major", "16");

            assertThat(exit).isEqualTo(1);
            assertThat(terminal.err()).contains("PostgreSQL 16").contains("./trialbench fetch-pg 16");
        } finally {
            restore("trialbench.pgBinaries", binaries);
            restore("maven.repo.local", repository);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
