package dev.trialbench.replica;

import dev.trialbench.db.DatabaseUnavailableException;
import dev.trialbench.provision.DatabaseKind;
import dev.trialbench.provision.ProvisionedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A streaming read replica of an embedded server trialbench started, on the same host, with the same
 * binaries, on a port of its own; stopped and its data directory deleted by {@link #close()}.
 *
 * <p>Why by hand and not with {@code pg_basebackup}: zonky's binaries ship only {@code initdb},
 * {@code pg_ctl} and {@code postgres}, and Debian's {@code pg_basebackup} (15) refuses to back up a
 * newer major (the default server is 17). So this class does what {@code pg_basebackup} does, with
 * PostgreSQL's low-level backup API: a physical replication slot reserves the WAL from now on;
 * {@code pg_backup_start(label, true)} on a connection held for the whole copy; the data directory
 * copied, leaving out what {@code pg_basebackup} leaves out (the contents of {@code pg_wal},
 * {@code pg_replslot}, {@code pg_stat_tmp} and the other run-time folders; {@code postmaster.pid},
 * {@code postmaster.opts}); {@code pg_backup_stop(false)}, whose label (and tablespace map, if any) is
 * written into the copy as {@code backup_label} ({@code tablespace_map}); then {@code standby.signal},
 * {@code primary_conninfo} and {@code primary_slot_name}. The replica streams the WAL it lacks from the
 * slot. It is started with {@code pg_ctl} and the primary's own options (from {@code postmaster.opts}),
 * the port changed; as root inside a user namespace ({@code unshare -U}), as zonky starts the primary.
 *
 * <p>Only an embedded server: a container's or a URL's data directory is not on this host's file
 * system ({@link #unsupportedReason}). Thread-safe; {@link #close()} is idempotent and may run from a
 * shutdown hook while the run's thread still uses the replica.
 */
public final class StreamingReplica implements AutoCloseable {

    /** The replica's name on the primary: its slot and its {@code application_name} in pg_stat_replication. */
    public static final String NAME = "trialbench_replica";
    private static final long PG_CTL_TIMEOUT_SECONDS = 120;
    /** Folders whose contents pg_basebackup leaves out (the folders themselves are created empty). */
    private static final Set<String> EMPTIED = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial",
            "pg_snapshots", "pg_stat_tmp", "pg_subtrans");
    /** Files pg_basebackup leaves out, and the primary's own start and restart logs. */
    private static final Set<String> SKIPPED = Set.of("postmaster.pid", "postmaster.opts", "backup_label.old",
            "standby.signal", "recovery.signal", "pg_internal.init", "current_logfiles", "restart.log");

    private final ProvisionedDatabase primary;
    private final Path dataDirectory;
    private final Path pgCtl;
    private final int port;
    private final Object lock = new Object();
    private boolean closed;

    private StreamingReplica(ProvisionedDatabase primary, Path dataDirectory, Path pgCtl, int port) {
        this.primary = primary;
        this.dataDirectory = dataDirectory;
        this.pgCtl = pgCtl;
        this.port = port;
    }

    /** Why no replica can be made of this server, or empty when one can. */
    public static Optional<String> unsupportedReason(ProvisionedDatabase server) {
        if (server.kind() == DatabaseKind.EMBEDDED) {
            return Optional.empty();
        }
        return Optional.of("a replica is made only of an embedded server: a " + server.kind().label()
                + " server's data directory is not on this host's file system; run with --db embedded to measure"
                + " one");
    }

    /**
     * Copies the running primary and starts the replica; returns once it accepts connections (it is
     * then in recovery, streaming from the primary).
     *
     * @throws IllegalArgumentException    when the server is not embedded ({@link #unsupportedReason})
     * @throws DatabaseUnavailableException when the copy or the start fails (nothing is left behind)
     */
    public static StreamingReplica start(ProvisionedDatabase primary) {
        unsupportedReason(primary).ifPresent(reason -> {
            throw new IllegalArgumentException("No replica: " + reason);
        });
        Path copy = null;
        boolean slot = false;
        try (Connection connection = DriverManager.getConnection(primary.jdbcUrl(), primary.username(), primary.password())) {
            Path source = Path.of(show(connection, "data_directory"));
            List<String> words = postmasterOptions(source);
            Path postgres = Path.of(words.get(0));
            int primaryPort = Integer.parseInt(show(connection, "port"));
            int port = freePort();
            copy = Files.createTempDirectory("trialbench-replica-");
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwx------"));
            execute(connection, "SELECT pg_create_physical_replication_slot('" + NAME + "', true)");
            slot = true;
            execute(connection, "SELECT pg_backup_start('" + NAME + "', true)");
            copyDataDirectory(source, copy);
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT labelfile, spcmapfile FROM pg_backup_stop(false)")) {
                row.next();
                Files.writeString(copy.resolve("backup_label"), row.getString(1), StandardCharsets.UTF_8);
                String map = row.getString(2);
                if (map != null && !map.isEmpty()) {
                    Files.writeString(copy.resolve("tablespace_map"), map, StandardCharsets.UTF_8);
                }
            }
            Files.writeString(copy.resolve("standby.signal"), "", StandardCharsets.UTF_8);
            Files.writeString(copy.resolve("postgresql.auto.conf"), "\n# trialbench: a streaming replica\n"
                    + "primary_conninfo = 'host=localhost port=" + primaryPort + " user=" + primary.username()
                    + " application_name=" + NAME + "'\nprimary_slot_name = '" + NAME + "'\nhot_standby = on\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
            StreamingReplica replica = new StreamingReplica(primary, copy, postgres.resolveSibling("pg_ctl"), port);
            replica.pgCtl(List.of("start", "-D", copy.toString(), "-w", "-t", String.valueOf(PG_CTL_TIMEOUT_SECONDS),
                    "-o", startOptions(words, port), "-l", copy.resolve("replica.log").toString()));
            return replica;
        } catch (SQLException | IOException | RuntimeException e) {
            if (slot) {
                dropSlot(primary);
            }
            if (copy != null) {
                deleteTree(copy);
            }
            if (e instanceof IllegalArgumentException illegal) {
                throw illegal;
            }
            throw new DatabaseUnavailableException("Could not make a read replica of the embedded server: "
                    + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    /** The replica's JDBC URL for a database of the primary (the replica holds all of them). */
    public String jdbcUrlFor(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    public String username() {
        return primary.username();
    }

    public String password() {
        return primary.password();
    }

    /** The replica's data directory (for tests and the run's log). */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the replica ({@code pg_ctl stop -m fast}), deletes its data directory and drops its slot on the primary. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            if (Files.exists(dataDirectory.resolve("postmaster.pid"))) {
                pgCtl(List.of("stop", "-D", dataDirectory.toString(), "-m", "fast", "-w", "-t", "60"));
            }
        } finally {
            deleteTree(dataDirectory);
            dropSlot(primary);
        }
    }

    private static void dropSlot(ProvisionedDatabase primary) {
        try (Connection connection = DriverManager.getConnection(primary.jdbcUrl(), primary.username(), primary.password());
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ?")) {
            statement.setString(1, NAME);
            statement.execute();
        } catch (SQLException e) {
            // The primary is gone or going (Ctrl-C): its slots go with it.
        }
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("SHOW " + setting)) {
            row.next();
            return row.getString(1);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** A port nobody listens on now (the usual race with another process taking it is accepted). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** postmaster.opts: the binary, then each argument in double quotes (PostgreSQL writes it at every start). */
    static List<String> postmasterOptions(Path dataDirectory) throws IOException {
        String text = Files.readString(dataDirectory.resolve("postmaster.opts"), StandardCharsets.UTF_8).strip();
        List<String> words = new ArrayList<>();
        int space = text.indexOf(' ');
        words.add(space < 0 ? text : text.substring(0, space));
        Matcher quoted = Pattern.compile("\"([^\"]*)\"").matcher(space < 0 ? "" : text.substring(space));
        while (quoted.find()) {
            words.add(quoted.group(1));
        }
        return words;
    }

    /** The primary's options without its data directory, with the replica's port instead of its own. */
    static String startOptions(List<String> words, int port) {
        List<String> options = new ArrayList<>();
        boolean portGiven = false;
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("-D")) {
                i++;
            } else if (word.equals("-p") && i + 1 < words.size()) {
                options.add("-p");
                options.add(String.valueOf(port));
                portGiven = true;
                i++;
            } else if (word.startsWith("port=")) {
                options.add("port=" + port);
                portGiven = true;
            } else {
                options.add(word);
            }
        }
        if (!portGiven) {
            options.add("-p");
            options.add(String.valueOf(port));
        }
        StringBuilder text = new StringBuilder();
        for (String option : options) {
            text.append(text.length() == 0 ? "" : " ").append('"').append(option).append('"');
        }
        return text.toString();
    }

    private static void copyDataDirectory(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                Path relative = source.relativize(directory);
                Path copy = target.resolve(relative.toString());
                Files.createDirectories(copy);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwx------"));
                if (relative.getNameCount() == 1 && EMPTIED.contains(relative.toString())) {
                    if (relative.toString().equals("pg_wal")) {
                        Files.createDirectories(copy.resolve("archive_status"));
                    }
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (directory.getFileName() != null && directory.getFileName().toString().startsWith("pgsql_tmp")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                String name = file.getFileName().toString();
                if (SKIPPED.contains(name) || name.startsWith("pgsql_tmp") || !attributes.isRegularFile()) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(file, target.resolve(source.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                } catch (NoSuchFileException e) {
                    // Removed while we copied (a temporary file, a dropped relation): the WAL replays that.
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    private void pgCtl(List<String> arguments) {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(pgCtl.toString());
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dataDirectory.resolve("pg_ctl.out").toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(PG_CTL_TIMEOUT_SECONDS + 10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new DatabaseUnavailableException("pg_ctl " + arguments.get(0) + " of the replica did not finish within "
                        + PG_CTL_TIMEOUT_SECONDS + " s (data directory " + dataDirectory + ")");
            }
            if (process.exitValue() != 0) {
                throw new DatabaseUnavailableException("pg_ctl " + arguments.get(0) + " of the replica failed with exit code "
                        + process.exitValue() + ": " + tail(dataDirectory.resolve("pg_ctl.out")) + " "
                        + tail(dataDirectory.resolve("replica.log")));
            }
        } catch (IOException e) {
            throw new DatabaseUnavailableException("Could not run pg_ctl " + arguments.get(0) + " for the replica: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseUnavailableException("Interrupted while waiting for pg_ctl " + arguments.get(0), e);
        }
    }

    private static String tail(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.length() > 1500 ? text.substring(text.length() - 1500) : text;
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            tree.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // Best effort: a leftover temporary folder does no harm beyond its size.
        }
    }
}
