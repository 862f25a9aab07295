package dev.trialbench.bench.load;

import dev.trialbench.bench.runfolder.LoadEvidence.CpuUse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * CPU used during a load run, read from Linux's {@code /proc} before and after it: this JVM (the
 * service, with the pipeline's own threads, which are idle while the load runs), the child processes
 * it reaped meanwhile (the Gatling injectors: their CPU lands in this process's {@code cutime} and
 * {@code cstime} once they exit), the PostgreSQL server (its postmaster and every live backend, plus
 * the backends that exited, through the postmaster's own children's time) and the whole machine
 * ({@code /proc/stat}, other users of the machine included). So the report can say where the cores
 * went when the service saturates. Written by hand: no maintained library reads these few fields; the
 * formats are {@code proc(5)}'s. A figure is null when its source is not readable (not Linux, or a
 * server in another process namespace, e.g. a container or another host). Immutable; thread-safe.
 */
public final class ProcessCpu {

    private static final Path PROC = Path.of("/proc");
    /** USER_HZ: the unit of /proc's times; 100 on every Linux build the JDK runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private final long startedNanos;
    private final Long self;
    private final Long children;
    private final Long postgres;
    private final Long machine;
    private final long postmaster;

    private ProcessCpu(long startedNanos, Long self, Long children, Long postgres, Long machine, long postmaster) {
        this.startedNanos = startedNanos;
        this.self = self;
        this.children = children;
        this.postgres = postgres;
        this.machine = machine;
        this.postmaster = postmaster;
    }

    /** Takes the first reading; {@code dataSource} names the server whose processes are counted. */
    public static ProcessCpu start(DataSource dataSource) {
        long postmaster = postmaster(dataSource).orElse(-1);
        long[] own = own();
        return new ProcessCpu(System.nanoTime(), own == null ? null : own[0], own == null ? null : own[1],
                postmaster < 0 ? null : postgresTicks(postmaster), machineTicks(), postmaster);
    }

    /** The second reading: cores used on average since {@link #start}. */
    public CpuUse stop() {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        long[] own = own();
        Long postgresNow = postmaster < 0 ? null : postgresTicks(postmaster);
        return new CpuUse(seconds, cores(self, own == null ? null : own[0], seconds),
                cores(children, own == null ? null : own[1], seconds), cores(postgres, postgresNow, seconds),
                cores(machine, machineTicks(), seconds), Runtime.getRuntime().availableProcessors(),
                postmaster < 0 ? "PostgreSQL's processes are not in this host's process table (another host or a"
                        + " container): its CPU is part of the machine's figure only when it runs here" : null);
    }

    private static Double cores(Long before, Long after, double seconds) {
        if (before == null || after == null || seconds <= 0) {
            return null;
        }
        return (after - before) / TICKS_PER_SECOND / seconds;
    }

    /** This process's own ticks and its reaped children's, or null off Linux. */
    private static long[] own() {
        long[] stat = stat(PROC.resolve("self"));
        return stat == null ? null : new long[] {stat[1], stat[2]};
    }

    /** The postmaster's pid: the parent of this connection's backend, when both are postgres processes here. */
    private static OptionalLong postmaster(DataSource dataSource) {
        long backend;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            backend = row.getLong(1);
        } catch (SQLException e) {
            return OptionalLong.empty();
        }
        long[] stat = stat(PROC.resolve(Long.toString(backend)));
        if (stat == null || !isPostgres(backend) || !isPostgres(stat[0])) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(stat[0]);
    }

    private static boolean isPostgres(long pid) {
        try {
            return Files.readString(PROC.resolve(Long.toString(pid)).resolve("comm")).strip().startsWith("postgres");
        } catch (IOException e) {
            return false;
        }
    }

    /** The postmaster's ticks and its reaped children's, plus every live child's own. */
    private static Long postgresTicks(long postmaster) {
        long[] root = stat(PROC.resolve(Long.toString(postmaster)));
        if (root == null) {
            return null;
        }
        long total = root[1] + root[2];
        List<Path> processes;
        try (Stream<Path> listing = Files.list(PROC)) {
            processes = listing.filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit)).toList();
        } catch (IOException e) {
            return null;
        }
        for (Path process : processes) {
            long[] stat = stat(process);
            if (stat != null && stat[0] == postmaster) {
                total += stat[1] + stat[2];
            }
        }
        return total;
    }

    /** {@code /proc/stat}'s first line: every core's ticks that were not idle or waiting for I/O. */
    private static Long machineTicks() {
        try {
            String[] fields = Files.readAllLines(PROC.resolve("stat")).get(0).trim().split("\\s+");
            long busy = 0;
            // cpu user nice system idle iowait irq softirq steal
            for (int index = 1; index <= 8 && index < fields.length; index++) {
                if (index != 4 && index != 5) {
                    busy += Long.parseLong(fields[index]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {ppid, utime + stime, cutime + cstime} of one process, or null when it is gone or unreadable. */
    private static long[] stat(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            // the command name, in parentheses, may hold spaces: the fields start after the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[11]) + Long.parseLong(fields[12]),
                    Long.parseLong(fields[13]) + Long.parseLong(fields[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
