package dev.trialbench.db;

import dev.trialbench.db.Migrations.Applied;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Flyway's history table ({@value Migrations#HISTORY_TABLE}) as the migrations read and trim it:
 * read to judge where the schema stands and what a move applied, trimmed by the way back
 * ({@link MigrationRevert}) and by the repair after a failed move ({@link MigrationRepair}), since
 * Flyway's community edition has no undo of its own. Thread-safe (stateless besides the DataSource).
 */
final class MigrationHistory {

    private static final String TABLE = Migrations.HISTORY_TABLE;

    private final DataSource dataSource;

    MigrationHistory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The versions applied with success, in order; empty when there is no history yet. */
    List<String> appliedVersions() {
        List<String> versions = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            if (!exists(connection)) {
                return versions;
            }
            try (ResultSet rows = statement.executeQuery("SELECT version FROM " + TABLE
                    + " WHERE success AND version IS NOT NULL ORDER BY installed_rank")) {
                while (rows.next()) {
                    versions.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw unreadable(e);
        }
        return versions;
    }

    /** The rank of the last row, 0 when there is none. */
    int lastInstalledRank() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            if (!exists(connection)) {
                return 0;
            }
            try (ResultSet rows = statement.executeQuery("SELECT coalesce(max(installed_rank), 0) FROM " + TABLE)) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    /** The scripts recorded as applied after {@code rank}, with Flyway's own timing of each. */
    List<Applied> appliedSince(int rank) {
        List<Applied> applied = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version, description, execution_time FROM " + TABLE
                     + " WHERE success AND version IS NOT NULL AND installed_rank > " + rank + " ORDER BY installed_rank")) {
            while (rows.next()) {
                applied.add(new Applied(rows.getString(1), rows.getString(2), Duration.ofMillis(rows.getLong(3))));
            }
        } catch (SQLException e) {
            throw unreadable(e);
        }
        return applied;
    }

    /** Whether a row records a failure (also when the table cannot be read: then nothing is safe to retry). */
    boolean hasFailedRow() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + TABLE + " WHERE NOT success")) {
            rows.next();
            return rows.getLong(1) > 0;
        } catch (SQLException e) {
            return true;
        }
    }

    /** Whether a V4 (constraints) script is recorded as failed. */
    static boolean constraintsFailed(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + TABLE
                + " WHERE version LIKE '4.%' AND NOT success")) {
            rows.next();
            return rows.getLong(1) > 0;
        }
    }

    /** Forgets the V4 (constraints) rows, once their constraints were dropped again. */
    static void forgetConstraints(Statement statement) throws SQLException {
        statement.executeUpdate("DELETE FROM " + TABLE + " WHERE version LIKE '4.%'");
    }

    /** Forgets every row after the baseline's, once the way back undid them. */
    static void forgetAfterBaseline(Statement statement) throws SQLException {
        statement.executeUpdate("DELETE FROM " + TABLE + " WHERE installed_rank > "
                + "(SELECT installed_rank FROM " + TABLE + " WHERE version = '" + Migrations.BASELINE_VERSION + "')");
    }

    static boolean exists(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT to_regclass('" + TABLE + "') IS NOT NULL")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    private static MigrationException unreadable(SQLException e) {
        return new MigrationException("Could not read the schema history: " + Migrations.describe(e), e);
    }
}
