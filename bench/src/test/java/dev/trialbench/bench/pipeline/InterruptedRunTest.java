package dev.trialbench.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.cli.TrialbenchCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real runs ({@code trialbench run} in a JVM of their own, against the PostgreSQL at 127.0.0.1:5432,
 * user postgres, trust auth) stopped by real signals at different phases: what they leave behind is
 * checked on the server, in the run folder and in the temporary folder (the child's own). Skips when
 * that server cannot be reached.
 */
class InterruptedRunTest {

    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final Pattern STOPPED = Pattern.compile(
            "trialbench: stopped by (SIG\\w+) during '([^']+)' after \\d+ finished phases; database (trialbench_\\w+) (dropped|kept)");

    @TempDir
    Path temp;

    @BeforeAll
    static void serverReachable() {
        try (Connection connection = connect()) {
            Assumptions.assumeTrue(connection.isValid(5), "no PostgreSQL answering at " + SERVER);
        } catch (SQLException e) {
            Assumptions.abort("no PostgreSQL at " + SERVER + " (user postgres, trust): " + e.getMessage());
        }
    }

    @Test
    void ctrlCMidSeedingDropsTheDatabaseMarksTheFolderAndRemovesTheTemporaryFolder() throws Exception {
        String stale = "trialbench_19990101_000000";
        execute("DROP DATABASE IF EXISTS " + stale, "CREATE DATABASE " + stale,
                "COMMENT ON DATABASE " + stale + " IS 'trialbench run; pid 999999999; host nowhere; started 1999-01-01T00:00:00Z'");
        try (ChildJvm run = startRun("seed", "0.5", List.of())) {
            // The seed phase has begun (at this scale it takes seconds: the signal lands while COPY runs).
            assertThat(run.awaitOutput(output -> output.contains("== seed ("), 600)).as(run.both()).isTrue();

            run.signal("INT");

            assertThat(run.awaitExit(300)).as(run.both()).isEqualTo(130);
            assertThat(run.out()).contains("1 database left by an earlier run that was stopped: " + stale)
                    .contains("-c 'DROP DATABASE " + stale + " WITH (FORCE)'");
            Matcher line = stoppedLine(run);
            assertThat(line.group(1)).isEqualTo("SIGINT");
            assertThat(line.group(2)).isEqualTo("seed");
            assertThat(line.group(4)).isEqualTo("dropped");
            assertThat(databases()).doesNotContain(line.group(3));
            assertLeftNothingBehind(List.of("provision", "migrate to BEFORE"));
        } finally {
            execute("DROP DATABASE IF EXISTS " + stale);
        }
    }

    @Test
    void killDuringJmhEndsItsForksAndDropsTheDatabase() throws Exception {
        try (ChildJvm run = startRun("jmh", "0.01", List.of())) {
            assertThat(run.awaitOutput(output -> output.contains("== JMH, before") || output.contains("waiting: another JMH"),
                    900)).as(run.both()).isTrue();
            Assumptions.assumeFalse(run.out().contains("waiting: another JMH"), "another JMH holds the host's JMH lock");
            List<ProcessHandle> forks = awaitForks(run);
            assertThat(forks).as("JMH's forked JVMs, " + run.both()).isNotEmpty();

            run.signal("TERM");

            assertThat(run.awaitExit(300)).as(run.both()).isEqualTo(143);
            Matcher line = stoppedLine(run);
            assertThat(line.group(2)).isEqualTo("JMH, before");
            assertThat(line.group(4)).isEqualTo("dropped");
            assertThat(forks).allSatisfy(fork -> assertThat(fork.isAlive()).as("fork " + fork.pid()).isFalse());
            assertThat(databases()).doesNotContain(line.group(3));
            assertLeftNothingBehind(List.of("provision", "migrate to BEFORE", "seed", "statements per operation, before"));
        }
    }

    @Test
    void keepDatabaseKeepsItSaysSoAndALaterRunCallsItStale() throws Exception {
        String kept = null;
        try (ChildJvm run = startRun("keep", "0.01", List.of("--keep-database"))) {
            assertThat(run.awaitOutput(output -> output.contains("== migrate to BEFORE"), 600)).as(run.both()).isTrue();

            run.signal("INT");

            assertThat(run.awaitExit(300)).as(run.both()).isEqualTo(130);
            Matcher line = stoppedLine(run);
            kept = line.group(3);
            assertThat(line.group(4)).isEqualTo("kept");
            assertThat(run.err()).contains("database " + kept + " kept (--keep-database)");
            assertThat(databases()).contains(kept);
            // The server ends the stopped run's sessions when their sockets close: give it a moment.
            List<String> stale = OwnedDatabasesProbe.stale(SERVER);
            for (int attempt = 0; attempt < 60 && !stale.contains(kept); attempt++) {
                Thread.sleep(500);
                stale = OwnedDatabasesProbe.stale(SERVER);
            }
            assertThat(stale).contains(kept);
        } finally {
            if (kept != null) {
                execute("DROP DATABASE IF EXISTS " + kept + " WITH (FORCE)");
            }
        }
    }

    private ChildJvm startRun(String name, String scale, List<String> extra) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("run", "--db", "url", "--jdbc-url", SERVER, "--db-user", "postgres",
                "--scale", scale, "--skip-load", "--skip-reliability", "--skip-pgbench", "--out", temp.resolve("out").toString()));
        arguments.addAll(extra);
        Path tmp = Files.createDirectories(temp.resolve("tmp"));
        return ChildJvm.start(temp, name, List.of("-Djava.io.tmpdir=" + tmp,
                "-Dtrialbench.runLock=" + temp.resolve("run.lock")), TrialbenchCommand.class, arguments);
    }

    private static Matcher stoppedLine(ChildJvm run) {
        Matcher line = STOPPED.matcher(run.err());
        assertThat(line.find()).as("the one line of a stopped run, in: " + run.both()).isTrue();
        return line;
    }

    /** The run folder renamed -incomplete, with the phases that finished; no trialbench temporary folder left. */
    private void assertLeftNothingBehind(List<String> finished) throws IOException {
        try (Stream<Path> folders = Files.list(temp.resolve("out"))) {
            List<Path> runs = folders.filter(Files::isDirectory).toList();
            assertThat(runs).hasSize(1);
            assertThat(runs.get(0).getFileName().toString()).endsWith("-incomplete");
            String marker = Files.readString(runs.get(0).resolve(RunSession.INCOMPLETE), StandardCharsets.UTF_8);
            for (String phase : finished) {
                assertThat(marker).contains("- " + phase + "\n");
            }
        }
        try (Stream<Path> leftovers = Files.list(temp.resolve("tmp"))) {
            assertThat(leftovers.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith("trialbench-target-"))).isEmpty();
        }
    }

    private static List<ProcessHandle> awaitForks(ChildJvm run) throws InterruptedException {
        for (int attempt = 0; attempt < 3000 && run.process().isAlive(); attempt++) {
            List<ProcessHandle> forks = run.process().descendants()
                    .filter(process -> process.info().command().orElse("").endsWith("/java")).toList();
            if (!forks.isEmpty()) {
                return forks;
            }
            Thread.sleep(100);
        }
        return List.of();
    }

    static List<String> databases() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static void execute(String... statements) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    static Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(SERVER, properties);
    }
}
