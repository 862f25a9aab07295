package dev.trialbench.bench.pipeline;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/** Reads the facts of the machine, the JVM, the server and the checkout that a run records. */
final class EnvironmentProbe {

    /** The server settings that change what the benchmarks measure. */
    static final List<String> SETTINGS = List.of("server_version", "shared_buffers", "work_mem", "effective_cache_size",
            "random_page_cost", "fsync", "synchronous_commit", "wal_level", "max_connections", "jit",
            "shared_preload_libraries", "track_io_timing", "default_transaction_isolation", "max_parallel_workers_per_gather");

    private EnvironmentProbe() {
    }

    static Map<String, String> serverSettings(DataSource dataSource) {
        Map<String, String> settings = new TreeMap<>();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name, current_setting(name) FROM pg_settings WHERE name = ANY('{"
                     + String.join(",", SETTINGS) + "}')")) {
            while (rows.next()) {
                settings.put(rows.getString(1), rows.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the server settings: " + e.getMessage(), e);
        }
        return settings;
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    static long memoryBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return -1;
    }

    static String host() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return sanitize(fromEnv);
        }
        try {
            return sanitize(InetAddress.getLocalHost().getHostName());
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    static String jdk() {
        return System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version");
    }

    static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
    }

    /** The short git sha of the working tree, with "-dirty" when it has uncommitted changes; "unknown" outside git. */
    static String gitSha() {
        String sha = git("rev-parse", "--short=8", "HEAD");
        if (sha == null) {
            return "unknown";
        }
        String status = git("status", "--porcelain", "--untracked-files=no");
        return status == null || status.isBlank() ? sha : sha + "-dirty";
    }

    private static String git(String... args) {
        try {
            List<String> command = new java.util.ArrayList<>(List.of("git"));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes()).strip();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return null;
            }
            return output;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String sanitize(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9.-]", "-");
        return cleaned.length() > 40 ? cleaned.substring(0, 40) : cleaned;
    }
}
