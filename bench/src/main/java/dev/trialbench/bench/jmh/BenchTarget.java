package dev.trialbench.bench.jmh;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.JdbcUrls;
import dev.trialbench.db.Pool;
import dev.trialbench.db.PoolConfig;
import dev.trialbench.seed.SeedConfig;
import dev.trialbench.seed.SeedPlan;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * What a benchmark JVM needs to reach the seeded database: where it is and which data set is in it.
 * The pipeline {@link #write writes} a properties file and passes its path to every JMH fork as the
 * system property {@value #PROPERTY}; each fork {@link #open() opens} a small pool on it and rebuilds
 * the {@link SeedPlan} from (seed, scale, anchor, reserved pools) instead of reading a bookkeeping
 * table. The file may hold a password, so it is written readable by its owner only (0600).
 *
 * <p>An open target owns its pool: close it. Thread-safe (the pool is; the rest is final).
 */
public final class BenchTarget implements AutoCloseable {

    /** The system property holding the path of the target file. */
    public static final String PROPERTY = "trialbench.target";
    /** A benchmark runs one thread; the second connection serves the iteration resets. */
    public static final int POOL_SIZE = 2;
    static final String APPLICATION_NAME = "trialbench-jmh";

    static final String JDBC_URL = "jdbcUrl";
    static final String USER = "user";
    static final String PASSWORD = "password";
    static final String SEED = "seed";
    static final String SCALE = "scale";
    static final String ANCHOR = "anchor";
    static final String RESERVED_USERS = "reservedUsers";
    static final String RESERVED_DEVICES = "reservedDevices";

    private final HikariDataSource dataSource;
    private final SeedPlan plan;

    private BenchTarget(HikariDataSource dataSource, SeedPlan plan) {
        this.dataSource = dataSource;
        this.plan = plan;
    }

    /** Opens the target named by the system property {@value #PROPERTY}. */
    public static BenchTarget open() {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank()) {
            throw new IllegalStateException("The system property " + PROPERTY + " is not set: it names the target"
                    + " file the pipeline writes (BenchTarget.write). Run the benchmarks through the pipeline, or add"
                    + " -jvmArgsAppend -D" + PROPERTY + "=/path/to/target.properties to the JMH command line.");
        }
        return open(Path.of(file));
    }

    /** Opens the target described by {@code file}: a pool of {@value #POOL_SIZE} connections and the plan. */
    public static BenchTarget open(Path file) {
        Properties properties = read(file);
        String url = required(properties, file, JDBC_URL);
        String user = required(properties, file, USER);
        String password = properties.getProperty(PASSWORD, "");
        SeedPlan plan = SeedPlan.of(seedConfig(properties, file));
        PoolConfig config = PoolConfig.defaults(url, user, password)
                .withMaximumPoolSize(POOL_SIZE)
                .withApplicationName(APPLICATION_NAME);
        return new BenchTarget(Pool.open(config), plan);
    }

    /**
     * Writes the target file for the benchmark forks, replacing any earlier one; on a POSIX file
     * system it is created with permissions 0600 before the password is written into it.
     */
    public static void write(Path file, String jdbcUrl, String user, String password, SeedConfig seed) {
        Properties properties = new Properties();
        properties.setProperty(JDBC_URL, jdbcUrl);
        properties.setProperty(USER, user);
        properties.setProperty(PASSWORD, password == null ? "" : password);
        properties.setProperty(SEED, Long.toString(seed.seed()));
        properties.setProperty(SCALE, Double.toString(seed.scale()));
        properties.setProperty(ANCHOR, seed.anchor().toString());
        properties.setProperty(RESERVED_USERS, Integer.toString(seed.reservedUsers()));
        properties.setProperty(RESERVED_DEVICES, Integer.toString(seed.reservedDevices()));
        Path absolute = file.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
            Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
            Files.deleteIfExists(temporary);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(temporary);
            }
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(out, "trialbench benchmark target (holds a password: keep it private)");
            }
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the benchmark target file " + absolute + ": " + e.getMessage(), e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public SeedPlan plan() {
        return plan;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    @Override
    public String toString() {
        return "BenchTarget[" + JdbcUrls.mask(dataSource.getJdbcUrl()) + ", seed " + plan.config().seed()
                + ", scale " + plan.config().scale() + "]";
    }

    private static Properties read(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("Could not read the benchmark target file " + file + " (system property "
                    + PROPERTY + "): " + e.getMessage() + ". It is written by the pipeline (BenchTarget.write).", e);
        }
        return properties;
    }

    private static SeedConfig seedConfig(Properties properties, Path file) {
        long seed = parse(properties, file, SEED, Long::parseLong);
        double scale = parse(properties, file, SCALE, Double::parseDouble);
        Instant anchor = parse(properties, file, ANCHOR, Instant::parse);
        SeedConfig config = SeedConfig.of(seed, scale, anchor);
        if (properties.containsKey(RESERVED_USERS)) {
            config = config.withReservedUsers(parse(properties, file, RESERVED_USERS, Integer::parseInt));
        }
        if (properties.containsKey(RESERVED_DEVICES)) {
            config = config.withReservedDevices(parse(properties, file, RESERVED_DEVICES, Integer::parseInt));
        }
        return config;
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> T parse(Properties properties, Path file, String key, Parser<T> parser) {
        String text = required(properties, file, key);
        try {
            return parser.parse(text.strip());
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalStateException("The benchmark target file " + file + " has an invalid " + key
                    + " '" + text + "'", e);
        }
    }

    private static String required(Properties properties, Path file, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("The benchmark target file " + file + " (system property " + PROPERTY
                    + ") lacks '" + key + "'; write it with BenchTarget.write.");
        }
        return value;
    }
}
