package dev.trialbench.reliability;

import dev.trialbench.db.CatalogSnapshot;
import dev.trialbench.db.MigrationException;
import dev.trialbench.db.Migrations;
import dev.trialbench.db.Migrations.SchemaState;
import dev.trialbench.monitor.IndexFinding;
import dev.trialbench.monitor.Monitor;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Injects the faults a move to AFTER meets in the field and records what the migration does:
 * <ol>
 *   <li><b>invalid-index</b>: V3_5's own {@code CREATE UNIQUE INDEX CONCURRENTLY} runs over
 *       duplicated hashes outside the migration runner (as when the runner's process dies) and
 *       fails, leaving an INVALID index; the monitor must find it, and once the duplicates are gone
 *       a re-run must rebuild it valid (not skip it because of {@code IF NOT EXISTS});</li>
 *   <li><b>orphan-rows</b>: tokens and sessions of users that do not exist; V4_1 must refuse, naming
 *       each table with its count, and leave the schema as it was;</li>
 *   <li><b>duplicated-fingerprints</b>: the device rows the naive path leaves; the migration must
 *       refuse before building anything, saying how many and how to merge them.</li>
 * </ol>
 * Each case needs a scratch database at BEFORE (it writes rows and migrates it) with a pool of at
 * least three connections. Thread-safe (stateless); cases run on the calling thread.
 */
public final class MigrationFaults {

    private static final String V3_5_SCRIPT = "db/migration/V3_5__idx_device_fingerprints_hash.sql";

    private MigrationFaults() {
    }

    /** Runs every case, each on a database of its own from {@code freshBeforeDatabase}, closed afterwards when closable. */
    public static List<MigrationFaultResult> runAll(Supplier<? extends DataSource> freshBeforeDatabase) {
        List<MigrationFaultResult> results = new ArrayList<>();
        results.add(onFresh(freshBeforeDatabase, MigrationFaults::invalidIndex));
        results.add(onFresh(freshBeforeDatabase, MigrationFaults::orphanRows));
        results.add(onFresh(freshBeforeDatabase, MigrationFaults::duplicatedFingerprints));
        return results;
    }

    private static MigrationFaultResult onFresh(Supplier<? extends DataSource> databases,
                                                java.util.function.Function<DataSource, MigrationFaultResult> faultCase) {
        DataSource dataSource = databases.get();
        try {
            return faultCase.apply(dataSource);
        } finally {
            if (dataSource instanceof AutoCloseable closable) {
                try {
                    closable.close();
                } catch (Exception e) {
                    // A scratch pool that does not close cleanly changes nothing about the result.
                }
            }
        }
    }

    public static MigrationFaultResult invalidIndex(DataSource dataSource) {
        String injected = "V3_5's unique index built CONCURRENTLY over 2 duplicated hashes outside the runner";
        insertDuplicatedDevices(dataSource, 2, 2);
        String buildError = null;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            for (String sql : Migrations.statements(V3_5_SCRIPT)) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            buildError = "SQLState " + e.getSQLState();
        }
        Monitor monitor = new Monitor(dataSource);
        List<IndexFinding> found = monitor.invalidIndexes().stream()
                .filter(finding -> finding.index().equals(Migrations.UNIQUE_FINGERPRINT_INDEX)).toList();
        if (buildError == null || found.isEmpty()) {
            return new MigrationFaultResult("invalid-index", injected, "the build did not fail, or the monitor did not see the"
                    + " INVALID index (build: " + buildError + ", findings: " + found.size() + ")", false, false, "");
        }
        removeDuplicatedDevices(dataSource);
        Migrations migrations = new Migrations(dataSource);
        migrations.migrateToAfter();
        boolean repaired = monitor.invalidIndexes().isEmpty() && migrations.state() == SchemaState.AFTER;
        CatalogSnapshot repairedCatalog = CatalogSnapshot.of(dataSource);
        migrations.revertToBefore();
        migrations.migrateToAfter();
        List<String> differences = CatalogSnapshot.of(dataSource).differencesFrom(repairedCatalog);
        String outcome = "build failed (" + buildError + "); monitor found INVALID " + Migrations.UNIQUE_FINGERPRINT_INDEX
                + "; after removing the duplicates, the re-run " + (repaired ? "rebuilt it valid" : "left it INVALID");
        return new MigrationFaultResult("invalid-index", injected, outcome, differences.isEmpty(),
                repaired && differences.isEmpty(), found.get(0).reason());
    }

    public static MigrationFaultResult orphanRows(DataSource dataSource) {
        execute(dataSource, """
                INSERT INTO users (user_id, email)
                SELECT ('00000000-0000-0000-0000-00000000000' || i)::uuid, 'orphan-case-' || i || '@example.test'
                FROM generate_series(1, 2) AS i""", """
                INSERT INTO free_trial_tokens (token_id, user_id, status, expires_at, reports_remaining)
                SELECT gen_random_uuid(), CASE WHEN i = 1 THEN '00000000-0000-0000-0000-000000000001'::uuid
                                               ELSE gen_random_uuid() END,
                       'active', now() + interval '7 days', 3
                FROM generate_series(1, 4) AS i""", """
                INSERT INTO login_sessions (session_id, user_id, ip_address)
                SELECT gen_random_uuid(), CASE WHEN i = 1 THEN '00000000-0000-0000-0000-000000000002'::uuid
                                               ELSE gen_random_uuid() END, '192.0.2.1'
                FROM generate_series(1, 3) AS i""");
        return refused(dataSource, "orphan-rows", "3 tokens and 2 sessions of users that do not exist",
                List.of("free_trial_tokens: 3 rows", "login_sessions: 2 rows"));
    }

    public static MigrationFaultResult duplicatedFingerprints(DataSource dataSource) {
        insertDuplicatedDevices(dataSource, 2, 3);
        return refused(dataSource, "duplicated-fingerprints", "2 fingerprint hashes on 3 device rows each, as the naive path"
                + " leaves them", List.of("2 fingerprint_hash value(s)", "6 rows", "Merge them"));
    }

    /** Moves to AFTER expecting a refusal that says each of {@code expectedWords}, and the schema unchanged. */
    private static MigrationFaultResult refused(DataSource dataSource, String faultCase, String injected,
                                                List<String> expectedWords) {
        Migrations migrations = new Migrations(dataSource);
        CatalogSnapshot before = CatalogSnapshot.of(dataSource);
        String message;
        String outcome;
        try {
            migrations.migrateToAfter();
            message = "";
            outcome = "migrated although it should have refused";
        } catch (MigrationException e) {
            message = e.getMessage();
            outcome = "refused";
        }
        boolean unchanged = CatalogSnapshot.of(dataSource).differencesFrom(before).isEmpty()
                && migrations.state() == SchemaState.BEFORE;
        String said = message;
        boolean clear = expectedWords.stream().allMatch(said::contains);
        return new MigrationFaultResult(faultCase, injected, outcome + (clear ? ", with the counts" : ", without the counts"),
                unchanged, outcome.equals("refused") && clear && unchanged, message);
    }

    private static void insertDuplicatedDevices(DataSource dataSource, int hashes, int copiesEach) {
        execute(dataSource, "INSERT INTO device_fingerprints (fingerprint_id, fingerprint_hash, trial_count)"
                + " SELECT gen_random_uuid(), 'duplicated-hash-' || h, 1"
                + " FROM generate_series(1, " + hashes + ") AS h, generate_series(1, " + copiesEach + ") AS c");
    }

    /** The simplest repair an operator might choose: keep one row per hash, the lowest id. */
    private static void removeDuplicatedDevices(DataSource dataSource) {
        execute(dataSource, """
                DELETE FROM device_fingerprints d USING device_fingerprints keep
                WHERE d.fingerprint_hash = keep.fingerprint_hash AND d.fingerprint_id > keep.fingerprint_id""");
    }

    private static void execute(DataSource dataSource, String... statements) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not inject the migration fault (SQLState " + e.getSQLState() + ")", e);
        }
    }
}
