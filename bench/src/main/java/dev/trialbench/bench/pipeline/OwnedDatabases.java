package dev.trialbench.bench.pipeline;

import dev.trialbench.provision.DatabaseKind;
import dev.trialbench.provision.ProvisionedDatabase;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The databases trialbench creates on a server it does not own (a URL): each carries a comment
 * ({@code trialbench run; pid N; host H; started T}) so that a later run can find the ones a stopped
 * run left behind: a trialbench comment, no session on the database, and no live process with that
 * pid on this host. Such leftovers are listed with the statement that drops them, never dropped
 * without being asked. Embedded and container servers start empty each time and are not looked at.
 * Errors here never stop a run: the comment and the search are a courtesy. Stateless.
 */
public final class OwnedDatabases {

    static final String MARK = "trialbench run";
    private static final Pattern COMMENT = Pattern.compile("^trialbench run; pid (\\d+); host (\\S+); started (\\S+)$");
    private static final Pattern HOST_PORT = Pattern.compile("^jdbc:postgresql://([^/:?]+)(?::(\\d+))?/");

    private OwnedDatabases() {
    }

    static boolean shared(ProvisionedDatabase server) {
        return server.kind() != DatabaseKind.EMBEDDED && server.kind() != DatabaseKind.CONTAINER;
    }

    /** Marks {@code name} as created by this process. */
    public static void mark(ProvisionedDatabase server, String name) {
        if (!shared(server)) {
            return;
        }
        String comment = MARK + "; pid " + ProcessHandle.current().pid() + "; host " + EnvironmentProbe.host()
                + "; started " + Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
            statement.execute("COMMENT ON DATABASE " + checked(name) + " IS '" + comment.replace("'", "''") + "'");
        } catch (SQLException | RuntimeException e) {
            // Without the comment, a leftover of this run is not recognized later; the run itself is fine.
        }
    }

    /** The databases earlier trialbench runs created on this server and left behind. */
    public static List<String> stale(ProvisionedDatabase server) {
        List<String> stale = new ArrayList<>();
        if (!shared(server)) {
            return stale;
        }
        String host = EnvironmentProbe.host();
        try (Connection connection = connect(server);
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT d.datname, shobj_description(d.oid, 'pg_database')
                     FROM pg_database d
                     WHERE d.datname LIKE 'trialbench\\_%'
                       AND shobj_description(d.oid, 'pg_database') LIKE ?
                       AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)
                     ORDER BY d.datname""")) {
            statement.setString(1, MARK + ";%");
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Matcher comment = COMMENT.matcher(rows.getString(2));
                    boolean live = comment.matches() && comment.group(2).equals(host)
                            && ProcessHandle.of(Long.parseLong(comment.group(1))).map(ProcessHandle::isAlive).orElse(false);
                    if (!live) {
                        stale.add(rows.getString(1));
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            // Cannot look: say nothing rather than guess.
        }
        return stale;
    }

    /** Says which leftovers there are and how to drop them (two lines), or nothing. */
    public static void reportStale(ProvisionedDatabase server, PrintStream out) {
        List<String> stale = stale(server);
        if (stale.isEmpty()) {
            return;
        }
        out.println("trialbench: " + stale.size() + (stale.size() == 1 ? " database" : " databases")
                + " left by an earlier run that was stopped: " + String.join(", ", stale));
        out.println("   drop " + (stale.size() == 1 ? "it" : "them") + " with: " + dropCommand(server, stale));
    }

    static String dropCommand(ProvisionedDatabase server, List<String> names) {
        StringBuilder command = new StringBuilder("psql");
        Matcher url = HOST_PORT.matcher(server.jdbcUrl());
        if (url.find()) {
            command.append(" -h ").append(url.group(1));
            if (url.group(2) != null) {
                command.append(" -p ").append(url.group(2));
            }
        }
        if (server.username() != null) {
            command.append(" -U ").append(server.username());
        }
        command.append(" -d postgres");
        for (String name : names) {
            command.append(" -c 'DROP DATABASE ").append(checked(name)).append(" WITH (FORCE)'");
        }
        return command.toString();
    }

    private static String checked(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a database name trialbench creates: " + name);
        }
        return name;
    }

    private static Connection connect(ProvisionedDatabase server) throws SQLException {
        Properties properties = new Properties();
        if (server.username() != null) {
            properties.setProperty("user", server.username());
        }
        if (server.password() != null) {
            properties.setProperty("password", server.password());
        }
        properties.setProperty("ApplicationName", "trialbench-admin");
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(server.jdbcUrl(), properties);
    }
}
