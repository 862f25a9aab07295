package dev.trialbench.bench.pipeline;

import dev.trialbench.provision.ProvisionedDatabase;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A run's life on this host, from the command line's side: it waits its turn ({@link RunQueue}),
 * and when the run is stopped by Ctrl-C (SIGINT) or {@code kill} (SIGTERM) at any phase, it cleans
 * up before the JVM exits (130 for SIGINT, 143 for SIGTERM): the terminal goes quiet (the run's
 * threads fail as their resources go), child processes (JMH forks, Gatling injectors, pgbench, pgBouncer) are
 * ended (pgBouncer too), the run's database is dropped (or kept with --keep-database, and said so) and an embedded
 * or container server stopped, temporary folders removed, and the run folder renamed
 * {@code -incomplete} with {@code INCOMPLETE.txt} saying what finished; then one line says so.
 *
 * <p>The pipeline reports what it creates through the static methods ({@link #database},
 * {@link #folder}, {@link #temporary}, {@link #phaseStarted}, {@link #phaseDone}); without a session
 * (tests, {@code serve}) they do nothing. One session per JVM.
 */
public final class RunSession implements AutoCloseable {

    public static final String INCOMPLETE = "INCOMPLETE.txt";
    private static volatile RunSession current;

    private final RunQueue queue;
    private final PrintStream originalOut;
    private final PrintStream originalErr;
    private final Switch outSwitch;
    private final Switch errSwitch;
    private final Thread hook;
    private final Object lock = new Object();
    private final List<String> finished = new ArrayList<>();
    private final List<Path> temporaries = new ArrayList<>();
    private volatile String signal = "a signal";
    private volatile boolean stopping;
    private String phase = "start";
    private ProvisionedDatabase server;
    private String databaseName;
    private boolean keepDatabase;
    private Path folder;

    private RunSession(RunQueue queue) {
        this.queue = queue;
        this.originalOut = System.out;
        this.originalErr = System.err;
        this.outSwitch = new Switch(new FileOutputStream(FileDescriptor.out));
        this.errSwitch = new Switch(new FileOutputStream(FileDescriptor.err));
        this.hook = new Thread(this::stop, "trialbench-interrupted-run");
    }

    /**
     * Waits for the host's run lock, then installs the clean-up on SIGINT and SIGTERM; {@code System.out}
     * and {@code System.err} become streams the clean-up can silence, so take {@code System.out} after this.
     */
    public static RunSession start() {
        RunQueue queue = RunQueue.enter(System.out);
        RunSession session = new RunSession(queue);
        System.setOut(new PrintStream(session.outSwitch, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(session.errSwitch, true, StandardCharsets.UTF_8));
        for (String name : List.of("INT", "TERM")) {
            int code = name.equals("INT") ? 130 : 143;
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), received -> {
                    session.signal = "SIG" + name;
                    System.exit(code);
                });
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // The JVM's own handling remains: the same clean-up, without the signal's name.
            }
        }
        Runtime.getRuntime().addShutdownHook(session.hook);
        current = session;
        return session;
    }

    /** True while the clean-up of a stopped run runs: failures of the run's threads are expected then. */
    public static boolean stopping() {
        RunSession session = current;
        return session != null && session.stopping;
    }

    public static void database(ProvisionedDatabase server, String name, boolean keep) {
        RunSession session = current;
        if (session != null) {
            synchronized (session.lock) {
                session.server = server;
                session.databaseName = name;
                session.keepDatabase = keep;
            }
        }
    }

    public static void folder(Path folder) {
        RunSession session = current;
        if (session != null) {
            synchronized (session.lock) {
                session.folder = folder;
            }
        }
    }

    public static void temporary(Path path) {
        RunSession session = current;
        if (session != null) {
            synchronized (session.lock) {
                session.temporaries.add(path);
            }
        }
    }

    static void phaseStarted(String name) {
        RunSession session = current;
        if (session != null) {
            synchronized (session.lock) {
                session.phase = name;
            }
        }
    }

    static void phaseDone(String name) {
        RunSession session = current;
        if (session != null) {
            synchronized (session.lock) {
                session.finished.add(name);
            }
        }
    }

    /** The run ended by itself (done or failed): no clean-up on exit, the lock released. */
    @Override
    public void close() {
        if (!stopping) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs
            }
            current = null;
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        queue.close();
    }

    private void stop() {
        stopping = true;
        outSwitch.mute();
        errSwitch.mute();
        PrintStream terminal = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        String phaseNow;
        List<String> done;
        ProvisionedDatabase serverNow;
        String name;
        boolean keep;
        Path folderNow;
        List<Path> temporariesNow;
        synchronized (lock) {
            phaseNow = phase;
            done = List.copyOf(finished);
            serverNow = server;
            name = databaseName;
            keep = keepDatabase;
            folderNow = folder;
            temporariesNow = List.copyOf(temporaries);
        }
        endChildren();
        String databaseNote = "no database created yet";
        if (name != null && serverNow != null) {
            if (keep && OwnedDatabases.shared(serverNow)) {
                databaseNote = "database " + name + " kept (--keep-database)";
            } else if (OwnedDatabases.shared(serverNow)) {
                try {
                    serverNow.dropDatabase(name);
                    databaseNote = "database " + name + " dropped";
                } catch (RuntimeException e) {
                    databaseNote = "database " + name + " NOT dropped (" + e.getMessage() + ")";
                }
            } else {
                databaseNote = "its " + serverNow.kind().label() + " server stopped";
            }
        }
        if (serverNow != null && !OwnedDatabases.shared(serverNow)) {
            try {
                serverNow.close();
            } catch (RuntimeException e) {
                databaseNote += " (stopping it failed: " + e.getMessage() + ")";
            }
        }
        temporariesNow.forEach(RunSession::deleteTree);
        String folderNote = "";
        if (folderNow != null) {
            Path marked = markIncomplete(folderNow, phaseNow, done, databaseNote);
            folderNote = "; partial files in " + marked;
        }
        terminal.println("trialbench: stopped by " + signal + " during '" + phaseNow + "' after " + done.size()
                + " finished phases; " + databaseNote + ", child processes and temporary files removed" + folderNote);
        terminal.flush();
    }

    /** Ends this JVM's child processes (JMH forks, Gatling injectors, pgbench), politely then not. */
    private static void endChildren() {
        List<ProcessHandle> children = ProcessHandle.current().descendants().filter(RunSession::ours).toList();
        children.forEach(ProcessHandle::destroy);
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                child.destroyForcibly();
            }
        }
    }

    /** Java (JMH forks, injectors), PostgreSQL clients and pgBouncer; not an embedded server, which is stopped properly. */
    private static boolean ours(ProcessHandle process) {
        String command = process.info().command().orElse("");
        String name = command.substring(command.lastIndexOf('/') + 1);
        return name.equals("java") || name.equals("pgbench") || name.equals("psql")
                || name.equals("pgbouncer");
    }

    private static Path markIncomplete(Path folder, String phase, List<String> done, String databaseNote) {
        Path target = folder;
        try {
            if (Files.isDirectory(folder) && !folder.getFileName().toString().contains("-incomplete")) {
                target = folder.resolveSibling(folder.getFileName() + "-incomplete");
                for (int n = 2; Files.exists(target); n++) {
                    target = folder.resolveSibling(folder.getFileName() + "-incomplete-" + n);
                }
                Files.move(folder, target);
            } else if (!Files.isDirectory(folder)) {
                // The run's own failure handling renamed it first: find that name.
                try (Stream<Path> siblings = Files.list(folder.getParent())) {
                    target = siblings.filter(path -> path.getFileName().toString()
                                    .startsWith(folder.getFileName() + "-incomplete"))
                            .max(Comparator.comparing(path -> path.toFile().lastModified())).orElse(folder);
                }
            }
            StringBuilder text = new StringBuilder("This run did not finish: it was stopped by a signal at "
                    + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ", during the phase '" + phase + "'.\n"
                    + "Its files are partial; it is not a run to publish or compare.\n"
                    + "Database: " + databaseNote + ".\n\nPhases finished:\n");
            done.forEach(name -> text.append("- ").append(name).append('\n'));
            if (done.isEmpty()) {
                text.append("- none\n");
            }
            if (Files.isDirectory(target)) {
                Files.writeString(target.resolve(INCOMPLETE), text.toString(), StandardCharsets.UTF_8);
            }
        } catch (IOException | RuntimeException e) {
            // The one line still says where the files are.
        }
        return target;
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }

    /** Writes to the terminal until muted, then drops everything. */
    private static final class Switch extends OutputStream {
        private final OutputStream target;
        private volatile boolean muted;

        Switch(OutputStream target) {
            this.target = target;
        }

        void mute() {
            muted = true;
        }

        @Override
        public void write(int b) throws IOException {
            if (!muted) {
                target.write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (!muted) {
                target.write(bytes, offset, length);
            }
        }

        @Override
        public void flush() throws IOException {
            if (!muted) {
                target.flush();
            }
        }
    }
}
