package dev.trialbench.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.Migrations.SchemaState;
import dev.trialbench.testing.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The report promises "CREATE INDEX CONCURRENTLY - No table locks". Checked without timings: a
 * writer's transaction is left open on {@code reports}, so the build of a reports index has to wait
 * for it (every CONCURRENTLY build waits for the writers that came before it). While the migration
 * is parked there, the test reads the locks it holds from {@code pg_locks} and lets a second writer
 * insert with a short {@code lock_timeout}: it gets through because the build holds only SHARE UPDATE
 * EXCLUSIVE. The control case shows that the same writer is stopped behind a plain {@code CREATE
 * INDEX} waiting in the same place, so the test would notice if CONCURRENTLY went missing.
 */
class OnlineIndexBuildTest {

    private static final int EXISTING_REPORTS = 50_000;
    private static final int LATE_WRITES = 100;

    @Test
    void everyIndexScriptBuildsConcurrentlyInAScriptOfItsOwn() throws IOException, URISyntaxException {
        List<String> scripts = scriptNames("db/migration").stream().filter(name -> name.startsWith("V3_")).sorted().toList();

        assertThat(scripts).hasSize(MigrationsTest.V3_INDEXES.size());
        for (String script : scripts) {
            assertThat(Migrations.statements("db/migration/" + script)).as(script)
                    .singleElement().asString()
                    .containsPattern("^CREATE (UNIQUE )?INDEX CONCURRENTLY IF NOT EXISTS idx_\\w+\\s+ON ");
        }
        assertThat(Migrations.statements("db/down/U3__indexes.sql"))
                .hasSize(MigrationsTest.V3_INDEXES.size())
                .allMatch(sql -> sql.startsWith("DROP INDEX CONCURRENTLY IF EXISTS "));
    }

    /** The file names in a classpath folder of reference-impl, from its classes folder or from its jar. */
    private static List<String> scriptNames(String folder) throws IOException, URISyntaxException {
        URI uri = Migrations.class.getClassLoader().getResource(folder).toURI();
        if (!"jar".equals(uri.getScheme())) {
            return names(Path.of(uri));
        }
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
            return names(jar.getPath(folder));
        }
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString().replace("/", "")).toList();
        }
    }

    @Test
    void writersKeepInsertingIntoReportsWhileItsIndexesAreBuilt() throws Exception {
        try (HikariDataSource dataSource = TestPostgres.before("online_build", 6)) {
            seedReports(dataSource);
            Future<List<Migrations.Applied>> migration;
            try (Connection earlyWriter = openWriterTransaction(dataSource)) {
                migration = CompletableFuture.supplyAsync(() -> new Migrations(dataSource).migrateToAfter());
                int builder = awaitBackendWaitingOnLock(dataSource, "%CREATE%INDEX%ON reports%", migration);

                assertThat(locksOnReports(dataSource, builder, true)).containsExactly("ShareUpdateExclusiveLock");
                assertThat(insertLateReports(dataSource)).isEqualTo(LATE_WRITES);

                earlyWriter.commit();
            }

            assertThat(migration.get(60, TimeUnit.SECONDS)).hasSize(MigrationsTest.V3_INDEXES.size() + 2);
            assertThat(new Migrations(dataSource).state()).isEqualTo(SchemaState.AFTER);
            assertThat(MigrationsTest.invalidIndexes(dataSource)).isEmpty();
            assertThat(MigrationsTest.count(dataSource, "SELECT count(*) FROM reports"))
                    .isEqualTo(EXISTING_REPORTS + 1 + LATE_WRITES);
        }
    }

    @Test
    void aPlainIndexBuildWaitingInTheSamePlaceStopsTheSameWriter() throws Exception {
        try (HikariDataSource dataSource = TestPostgres.before("plain_build", 4)) {
            seedReports(dataSource);
            Future<Void> plainBuild;
            try (Connection earlyWriter = openWriterTransaction(dataSource)) {
                plainBuild = CompletableFuture.runAsync(() ->
                        MigrationsTest.execute(dataSource, "CREATE INDEX plain_reports_user ON reports (created_by_user_id)"));
                int builder = awaitBackendWaitingOnLock(dataSource, "CREATE INDEX plain_reports_user%", plainBuild);

                assertThat(locksOnReports(dataSource, builder, false)).containsExactly("ShareLock");
                assertThatThrownBy(() -> insertLateReports(dataSource))
                        .isInstanceOfSatisfying(SQLException.class,
                                e -> assertThat(e.getSQLState()).as("lock_not_available").isEqualTo("55P03"));

                earlyWriter.commit();
            }
            plainBuild.get(60, TimeUnit.SECONDS);
            assertThat(MigrationsTest.count(dataSource, "SELECT count(*) FROM reports")).isEqualTo(EXISTING_REPORTS + 1);
        }
    }

    private static void seedReports(DataSource dataSource) {
        MigrationsTest.execute(dataSource, """
                INSERT INTO users (user_id, email)
                SELECT md5('user' || i)::uuid, 'user' || i || '@example.test' FROM generate_series(1, 100) AS i""", """
                INSERT INTO reports (report_id, created_by_user_id, title, damage_type, state, total_cost, created_at)
                SELECT md5('report' || i)::uuid, md5('user' || (i %% 100 + 1))::uuid, 'Report ' || i,
                       'water', 'NSW', i %% 5000, timestamptz '2025-01-01' + i * interval '1 minute'
                FROM generate_series(1, %d) AS i""".formatted(EXISTING_REPORTS));
    }

    /** A writer that inserted a report and has not committed yet: it holds ROW EXCLUSIVE on reports. */
    private static Connection openWriterTransaction(DataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO reports (report_id, title) VALUES (gen_random_uuid(), 'early writer')");
        }
        return connection;
    }

    /** Inserts reports one by one, each allowed to wait at most half a second for a lock. */
    private static int insertLateReports(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement();
                 PreparedStatement insert = connection.prepareStatement(
                         "INSERT INTO reports (report_id, title) VALUES (gen_random_uuid(), 'late writer ' || ?)")) {
                statement.execute("SET LOCAL lock_timeout = '500ms'");
                int inserted = 0;
                for (int i = 0; i < LATE_WRITES; i++) {
                    insert.setInt(1, i);
                    inserted += insert.executeUpdate();
                }
                connection.commit();
                return inserted;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /**
     * Waits until a backend whose statement matches {@code queryPattern} waits on a heavyweight lock,
     * and returns its pid. A wait for a state, not a measured time: the deadline only ends a hung test.
     */
    private static int awaitBackendWaitingOnLock(DataSource dataSource, String queryPattern, Future<?> work)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement waiting = connection.prepareStatement("""
                     SELECT pid FROM pg_stat_activity
                     WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE ?""")) {
            waiting.setString(1, queryPattern);
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = waiting.executeQuery()) {
                    if (rows.next()) {
                        return rows.getInt(1);
                    }
                }
                if (work.isDone()) {
                    work.get();
                    fail("finished without waiting for the open writer: " + queryPattern);
                }
                Thread.sleep(20);
            }
        }
        return fail("no backend waited on a lock for " + queryPattern);
    }

    private static List<String> locksOnReports(DataSource dataSource, int pid, boolean granted) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement locks = connection.prepareStatement("""
                     SELECT mode FROM pg_locks
                     WHERE pid = ? AND relation = 'reports'::regclass AND granted = ? ORDER BY mode""")) {
            locks.setInt(1, pid);
            locks.setBoolean(2, granted);
            try (ResultSet rows = locks.executeQuery()) {
                List<String> modes = new ArrayList<>();
                while (rows.next()) {
                    modes.add(rows.getString(1));
                }
                return modes;
            }
        }
    }
}
