package dev.trialbench.provision;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.DatabaseUnavailableException;
import dev.trialbench.db.Pool;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * One administrative statement (CREATE or DROP DATABASE) on a server's default database, over a
 * pool of one connection opened for it. Errors carry the SQLState and what to do, never the
 * statement's values beyond the database name. Stateless.
 */
final class Admin {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private Admin() {
    }

    static String identifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("A database name must be lower-case letters, digits and underscores,"
                    + " at most 63, was '" + name + "'");
        }
        return name;
    }

    static void execute(ProvisionedDatabase server, String sql, String purpose) {
        try (HikariDataSource admin = Pool.open(server.poolConfig().withMaximumPoolSize(1)
                .withApplicationName("trialbench-admin"));
             Connection connection = admin.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Could not " + purpose + ": " + e.getMessage() + " (SQLState "
                    + e.getSQLState() + ")", e);
        }
    }
}
