package dev.trialbench.pooler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One pgBouncer process, started from Debian's {@code pgbouncer} binary with a configuration written
 * for it ({@link PgBouncerSettings#ini}) into a folder of its own, on a free port of 127.0.0.1, and
 * stopped by {@link #close()} (SIGTERM, then SIGKILL after 5 s). It runs in the foreground as a child
 * of this JVM, so a JVM that dies takes no daemon down with it unseen: the pipeline also registers
 * {@link #close()} with its cleanup hooks, which run on Ctrl-C.
 *
 * <p>pgBouncer refuses to run as root. As root it is started through {@code setpriv} as the user
 * {@value #UNPRIVILEGED_ID} (Debian's {@code nobody}), and its folder and files are handed to that
 * user; the configuration, which may hold the server's password, is readable by that user only
 * (0600). Its log (stderr: pgBouncer's own lines, never a password) goes to {@code pgbouncer.log}
 * in the same folder.
 *
 * <p>Written by hand around {@link ProcessBuilder}: there is no maintained Java library that runs a
 * pgBouncer. Thread-safe: {@link #close()} is synchronized and idempotent.
 */
public final class PgBouncer implements AutoCloseable {

    /** The uid and gid pgBouncer runs as when this JVM is root. */
    public static final int UNPRIVILEGED_ID = 65534;
    private static final List<Path> BINARY_CANDIDATES = List.of(Path.of("/usr/sbin/pgbouncer"), Path.of("/usr/bin/pgbouncer"),
            Path.of("/usr/local/bin/pgbouncer"), Path.of("/usr/local/sbin/pgbouncer"));
    private static final long READY_TIMEOUT_MILLIS = 15_000;

    private final Process process;
    private final int port;
    private final Path folder;
    private final PgBouncerSettings settings;
    private final String version;
    private boolean closed;

    private PgBouncer(Process process, int port, Path folder, PgBouncerSettings settings, String version) {
        this.process = process;
        this.port = port;
        this.folder = folder;
        this.settings = settings;
        this.version = version;
    }

    /** The pgbouncer binary of this host, if installed (PATH first, then Debian's /usr/sbin). */
    public static Optional<Path> binary() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String directory : path.split(java.io.File.pathSeparator)) {
                if (!directory.isEmpty()) {
                    Path candidate = Path.of(directory, "pgbouncer");
                    if (Files.isExecutable(candidate)) {
                        return Optional.of(candidate);
                    }
                }
            }
        }
        return BINARY_CANDIDATES.stream().filter(Files::isExecutable).findFirst();
    }

    /** Why a pooler cannot be started on this host, or empty when it can. */
    public static Optional<String> unavailableReason() {
        if (binary().isEmpty()) {
            return Optional.of("pgbouncer is not installed on this host (Debian: apt-get install pgbouncer)");
        }
        if (runningAsRoot() && !Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            return Optional.of("pgbouncer refuses to run as root, and setpriv (util-linux), which would start it as an"
                    + " unprivileged user, is not installed");
        }
        return Optional.empty();
    }

    /** {@code pgbouncer --version}'s first line, e.g. {@code PgBouncer 1.18.0}. */
    public static String installedVersion() {
        Path binary = binary().orElseThrow(() -> new IllegalStateException(unavailableReason().orElse("no pgbouncer")));
        try {
            Process process = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
            return output.lines().findFirst().orElse("unknown").strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + binary + " --version", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking pgbouncer its version", e);
        }
    }

    /**
     * Writes the configuration into a new folder under {@code parent}, starts pgBouncer on a free
     * port and waits until it accepts connections. Fails with pgBouncer's last log lines when it
     * exits or does not listen within 15 s.
     */
    public static PgBouncer start(PgBouncerSettings settings, Path parent) {
        unavailableReason().ifPresent(reason -> {
            throw new IllegalStateException("Cannot start pgBouncer: " + reason);
        });
        Path binary = binary().orElseThrow();
        String version = installedVersion();
        try {
            Files.createDirectories(parent);
            Path base = runningAsRoot() && !searchableByOthers(parent) ? systemTemporaryFolder(parent) : parent;
            Path folder = Files.createTempDirectory(base, "trialbench-pgbouncer-");
            int port = freePort();
            Path ini = folder.resolve("pgbouncer.ini");
            Files.createFile(ini, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Path users = folder.resolve("users.txt");
            Files.writeString(users, settings.authFile(), StandardCharsets.UTF_8);
            Files.writeString(ini, settings.ini(port, users), StandardCharsets.UTF_8);
            Path log = folder.resolve("pgbouncer.log");
            List<String> command = new ArrayList<>();
            if (runningAsRoot()) {
                handToUnprivileged(folder, ini, users);
                command.addAll(List.of("/usr/bin/setpriv", "--reuid=" + UNPRIVILEGED_ID, "--regid=" + UNPRIVILEGED_ID,
                        "--clear-groups", "--"));
            }
            command.add(binary.toString());
            command.add(ini.toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            process.getOutputStream().close();
            PgBouncer pooler = new PgBouncer(process, port, folder, settings, version);
            pooler.awaitListening(log);
            return pooler;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start pgBouncer under " + parent + ": " + e.getMessage(), e);
        }
    }

    /** The pooler's JDBC URL for {@code database}, with {@code parameters} (e.g. {@code prepareThreshold=0}) or none. */
    public String jdbcUrl(String database, String parameters) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database
                + (parameters == null || parameters.isEmpty() ? "" : "?" + parameters);
    }

    public int port() {
        return port;
    }

    public PgBouncerSettings settings() {
        return settings;
    }

    /** E.g. {@code PgBouncer 1.18.0}. */
    public String version() {
        return version;
    }

    /** The folder holding {@code pgbouncer.ini} and {@code pgbouncer.log}. */
    public Path folder() {
        return folder;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** The uid pgBouncer's process runs as (from /proc), or -1 where it cannot be read. */
    public long processUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).strip().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Stops pgBouncer (SIGTERM, SIGKILL after 5 s) and deletes its folder; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteFolder();
    }

    private void deleteFolder() {
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A leftover folder under the run's temporary folder goes with it.
        }
    }

    private void awaitListening(Path log) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MILLIS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String tail = logTail(log);
                close();
                throw new IllegalStateException("pgBouncer exited with code " + process.exitValue()
                        + " before listening; its log ends: " + tail);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    close();
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for pgBouncer to listen", e);
                }
            }
        }
        String tail = logTail(log);
        close();
        throw new IllegalStateException("pgBouncer did not listen on 127.0.0.1:" + port + " within "
                + READY_TIMEOUT_MILLIS / 1000 + " s; its log ends: " + tail);
    }

    private static String logTail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void handToUnprivileged(Path... paths) throws IOException {
        for (Path path : paths) {
            Files.setAttribute(path, "unix:uid", UNPRIVILEGED_ID);
            Files.setAttribute(path, "unix:gid", UNPRIVILEGED_ID);
        }
    }

    /** Whether a user other than the owner can reach {@code folder}: every folder on its path searchable by others. */
    private static boolean searchableByOthers(Path folder) throws IOException {
        for (Path path = folder.toAbsolutePath(); path != null; path = path.getParent()) {
            if (!Files.getPosixFilePermissions(path).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where an unprivileged pgBouncer's folder goes when {@code wanted} (the run's own temporary
     * folder, 0700 when created by Java) is out of its reach: the system's temporary folder (0700
     * folder of its own there, owned by pgBouncer's user, deleted by {@link #close()}).
     */
    private static Path systemTemporaryFolder(Path wanted) throws IOException {
        Path system = Path.of(System.getProperty("java.io.tmpdir"));
        if (!searchableByOthers(system)) {
            throw new IllegalStateException("pgBouncer runs as uid " + UNPRIVILEGED_ID + " (it refuses root) and can"
                    + " reach neither " + wanted + " nor " + system + ": make one of them searchable by others (chmod o+x)");
        }
        return system;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Override
    public String toString() {
        return "PgBouncer[" + version + " on 127.0.0.1:" + port + ", " + settings + "]";
    }
}
