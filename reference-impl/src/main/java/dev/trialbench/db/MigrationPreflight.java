package dev.trialbench.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link Migrations} checks and repairs before a move to AFTER builds anything: device rows
 * that share a fingerprint hash (refused, with the counts and how to merge them) and INVALID indexes
 * left by an interrupted concurrent build that a pending script would skip (dropped, so the script
 * builds them again). See {@link Migrations} for why this is not in the scripts. Thread-safe
 * (stateless).
 */
final class MigrationPreflight {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationPreflight.class);

    private static final Pattern CONCURRENT_INDEX = Pattern.compile(
            "(?i)CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\s+IF\\s+NOT\\s+EXISTS\\s+([a-z_][a-z0-9_]*)");

    private MigrationPreflight() {
    }

    /** The names the given pending scripts build with {@code CREATE [UNIQUE] INDEX CONCURRENTLY IF NOT EXISTS}. */
    static List<String> concurrentIndexNames(List<String> scripts) {
        List<String> names = new ArrayList<>();
        for (String script : scripts) {
            for (String sql : Migrations.statements("db/migration/" + script)) {
                Matcher matcher = CONCURRENT_INDEX.matcher(sql);
                if (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        }
        return names;
    }

    /**
     * Drops, concurrently, every INVALID index that a pending script would skip because of its
     * {@code IF NOT EXISTS}, unless a build of it is still running (then it is left alone: the
     * build may yet finish, and the monitor reports it if it does not).
     */
    static void dropInvalidLeftovers(DataSource dataSource, List<String> pendingScripts) {
        List<String> names = concurrentIndexNames(pendingScripts);
        if (names.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            List<String> leftovers = new ArrayList<>();
            try (PreparedStatement find = connection.prepareStatement("""
                    SELECT quote_ident(c.relname)
                    FROM pg_index i
                    JOIN pg_class c ON c.oid = i.indexrelid
                    JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE NOT i.indisvalid AND n.nspname = current_schema() AND c.relname = ANY (?)
                      AND NOT EXISTS (SELECT 1 FROM pg_stat_progress_create_index p WHERE p.index_relid = c.oid)""")) {
                find.setArray(1, connection.createArrayOf("text", names.toArray()));
                try (ResultSet rows = find.executeQuery()) {
                    while (rows.next()) {
                        leftovers.add(rows.getString(1));
                    }
                }
            }
            try (Statement statement = connection.createStatement()) {
                for (String index : leftovers) {
                    LOG.warn("Dropping INVALID index {} left by an interrupted concurrent build, so that its script builds it again",
                            index);
                    statement.execute("DROP INDEX CONCURRENTLY IF EXISTS " + index);
                }
            }
        } catch (SQLException e) {
            throw new MigrationException("Could not drop the INVALID indexes left by an interrupted build: " + Migrations.describe(e)
                    + " Drop them by hand (DROP INDEX CONCURRENTLY name), then migrate again.", e);
        }
    }

    /** Refuses, before anything is built, a move whose UNIQUE fingerprint index cannot succeed. */
    static void refuseDuplicatedFingerprints(DataSource dataSource, List<String> pendingScripts) {
        if (!concurrentIndexNames(pendingScripts).contains(Migrations.UNIQUE_FINGERPRINT_INDEX)) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery("SELECT to_regclass('device_fingerprints') IS NOT NULL")) {
                exists.next();
                if (!exists.getBoolean(1)) {
                    return;
                }
            }
            countDuplicates(statement);
        } catch (SQLException e) {
            throw new MigrationException("Could not check device_fingerprints for duplicated hashes: " + Migrations.describe(e), e);
        }
    }

    private static void countDuplicates(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("""
                     SELECT count(*), coalesce(sum(copies), 0)
                     FROM (SELECT count(*) AS copies FROM device_fingerprints
                           GROUP BY fingerprint_hash HAVING count(*) > 1) AS duplicated""")) {
            rows.next();
            long hashes = rows.getLong(1);
            long copies = rows.getLong(2);
            if (hashes > 0) {
                throw new MigrationException(duplicatedFingerprintsMessage(hashes, copies));
            }
        }
    }

    static String duplicatedFingerprintsMessage(long hashes, long copies) {
        return "Refusing to build the unique index " + Migrations.UNIQUE_FINGERPRINT_INDEX + ": device_fingerprints holds " + hashes
                + " fingerprint_hash value(s) on more than one row (" + copies + " rows, " + (copies - hashes)
                + " more than one per hash), as the naive activation path leaves them under concurrency. Nothing was changed."
                + " Merge them into one row per hash (keep the oldest first_seen_at and the newest last_seen_at, add up"
                + " trial_count, keep is_blocked if any copy is blocked) or delete the extra rows, then migrate again."
                + " List them with: SELECT fingerprint_hash, count(*) FROM device_fingerprints GROUP BY 1 HAVING count(*) > 1";
    }
}
