package dev.trialbench.replica;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.provision.DatabaseKind;
import dev.trialbench.provision.DatabaseRequest;
import dev.trialbench.provision.ProvisionedDatabase;
import dev.trialbench.provision.Provisioner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A streaming replica of a freshly started embedded server: it is in recovery, streams from the
 * primary (pg_stat_replication shows it), refuses writes, sees a row written on the primary after the
 * copy, and leaves neither its data directory nor its slot behind once closed.
 */
class StreamingReplicaTest {

    @Test
    void replicaIsInRecoveryAndShowsARowWrittenOnThePrimary() throws Exception {
        try (ProvisionedDatabase primary = Provisioner.provision(new DatabaseRequest(DatabaseKind.EMBEDDED, null, null, null))) {
            execute(primary.jdbcUrl(), primary, "CREATE TABLE replicated (id int PRIMARY KEY, note text)");
            StreamingReplica replica = StreamingReplica.start(primary);
            Path directory = replica.dataDirectory();
            try {
                String url = replica.jdbcUrlFor("postgres");
                assertThat(query(url, primary, "SELECT pg_is_in_recovery()::text")).isEqualTo("true");
                assertThat(query(url, primary, "SELECT count(*) FROM replicated")).isEqualTo("0");

                execute(primary.jdbcUrl(), primary, "INSERT INTO replicated VALUES (1, 'written on the primary')");
                String seen = null;
                for (int attempt = 0; attempt < 600 && seen == null; attempt++) {
                    seen = query(url, primary, "SELECT note FROM replicated WHERE id = 1");
                    if (seen == null) {
                        Thread.sleep(50);
                    }
                }
                assertThat(seen).isEqualTo("written on the primary");
                assertThat(query(primary.jdbcUrl(), primary,
                        "SELECT count(*) FROM pg_stat_replication WHERE application_name = '" + StreamingReplica.NAME + "'"))
                        .isEqualTo("1");
                try (Connection connection = DriverManager.getConnection(url, primary.username(), primary.password());
                     Statement statement = connection.createStatement()) {
                    org.assertj.core.api.Assertions.assertThatThrownBy(
                                    () -> statement.execute("INSERT INTO replicated VALUES (2, 'x')"))
                            .isInstanceOf(SQLException.class)
                            .hasMessageContaining("read-only");
                }
            } finally {
                replica.close();
                replica.close();
            }
            assertThat(Files.exists(directory)).isFalse();
            assertThat(query(primary.jdbcUrl(), primary, "SELECT count(*) FROM pg_replication_slots")).isEqualTo("0");
        }
    }

    @Test
    void startOptionsKeepThePrimarysSettingsWithTheReplicasPort() {
        String options = StreamingReplica.startOptions(java.util.List.of("/bin/postgres", "-D", "/data", "-p", "5432", "-F",
                "-c", "fsync=on"), 6543);
        assertThat(options).isEqualTo("\"-p\" \"6543\" \"-F\" \"-c\" \"fsync=on\"");
    }

    private static void execute(String url, ProvisionedDatabase server, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, server.username(), server.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String query(String url, ProvisionedDatabase server, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, server.username(), server.password());
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? row.getString(1) : null;
        }
    }
}
