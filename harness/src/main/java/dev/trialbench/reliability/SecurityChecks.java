package dev.trialbench.reliability;

import dev.trialbench.db.JdbcUrls;
import dev.trialbench.db.PoolConfig;
import dev.trialbench.db.PoolConfig.Ssl;
import dev.trialbench.provision.DatabaseKind;
import dev.trialbench.provision.DatabaseRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The security promises that can be checked without a database, as one cheap pass the pipeline
 * can run and print: passwords masked in every {@code toString()} and printed URL; SSL never
 * without certificate verification unless {@link Ssl#REQUIRE_UNVERIFIED} was chosen by name; and
 * no password (neither a known value nor a {@code password=...} pattern) in the files of the given
 * folders (a run folder, {@code results/}). Thread-safe (stateless).
 */
public final class SecurityChecks {

    /**
     * {@code password=x}, {@code "password": "x"}, {@code PGPASSWORD=x} and the like, but not a
     * masked value ({@code ****}, {@code (none)}) nor a name such as {@code password_hash}.
     */
    static final Pattern PASSWORD_ASSIGNMENT = Pattern.compile(
            "(?i)\\b(?:ssl|pg)?pass(?:word|wd)?\"?\\s*[=:]\\s*\"?(?!\\*{4}|\\(none\\)|\"|\\s|,|}|$)[^\\s\"&;,}]+");
    private static final long MAX_SCANNED_FILE_BYTES = 64L * 1024 * 1024;
    private static final String PROBE_PASSWORD = "probe-Pa55-word";
    private static final String REMOTE = "jdbc:postgresql://db.example:5432/app";

    private SecurityChecks() {
    }

    /**
     * @param foldersToScan folders whose files must hold no password (missing folders are skipped)
     * @param secrets       values that must appear in none of those files (e.g. the run's database
     *                      password); blank ones are ignored
     */
    public static SecurityCheckResult run(List<Path> foldersToScan, List<String> secrets) {
        List<String> failures = new ArrayList<>();
        int[] run = {0};
        check(run, failures, "PoolConfig.toString() masks the password and the URL's password", () -> {
            String text = PoolConfig.defaults(REMOTE + "?sslmode=verify-full&password=" + PROBE_PASSWORD + "-url", "app",
                    PROBE_PASSWORD).toString();
            return !text.contains(PROBE_PASSWORD);
        });
        check(run, failures, "DatabaseRequest.toString() masks the password", () -> !new DatabaseRequest(DatabaseKind.URL,
                REMOTE + "?password=" + PROBE_PASSWORD + "-url", "app", PROBE_PASSWORD).toString().contains(PROBE_PASSWORD));
        check(run, failures, "a printed JDBC URL hides the password in its user info",
                () -> !JdbcUrls.mask("jdbc:postgresql://app:" + PROBE_PASSWORD + "@db.example/app").contains(PROBE_PASSWORD));
        for (String mode : List.of("require", "verify-ca", "prefer", "allow")) {
            check(run, failures, "a URL with sslmode=" + mode + " (no verification) is refused", () -> refused(REMOTE + "?sslmode=" + mode,
                    Ssl.FROM_URL));
        }
        check(run, failures, "pgjdbc's NonValidatingFactory in the URL is refused",
                () -> refused(REMOTE + "?ssl=true&sslfactory=org.postgresql.ssl.NonValidatingFactory", Ssl.FROM_URL));
        check(run, failures, "ssl=true without a mode is upgraded to verify-full",
                () -> "verify-full".equals(config(REMOTE + "?ssl=true", Ssl.FROM_URL).driverSslMode()));
        check(run, failures, "a URL silent about SSL gets none, not pgjdbc's unverified 'prefer'",
                () -> "disable".equals(config(REMOTE, Ssl.FROM_URL).driverSslMode()));
        check(run, failures, "sslmode=verify-full in the URL stands",
                () -> config(REMOTE + "?sslmode=verify-full", Ssl.FROM_URL).driverSslMode() == null);
        check(run, failures, "unverified SSL only by the explicit choice REQUIRE_UNVERIFIED",
                () -> "require".equals(config(REMOTE, Ssl.REQUIRE_UNVERIFIED).driverSslMode())
                        && PoolConfig.defaults(REMOTE, "app", "").ssl() == Ssl.FROM_URL);
        for (Path folder : foldersToScan) {
            check(run, failures, "no password in the files under " + folder, () -> passwordsIn(folder, secrets).isEmpty());
        }
        return new SecurityCheckResult(run[0], run[0] - failures.size(), failures);
    }

    private static void check(int[] run, List<String> failures, String promise, BooleanSupplier holds) {
        run[0]++;
        boolean held;
        try {
            held = holds.getAsBoolean();
        } catch (RuntimeException e) {
            held = false;
        }
        if (!held) {
            failures.add(promise + ": does not hold");
        }
    }

    private static PoolConfig config(String url, Ssl ssl) {
        return PoolConfig.defaults(url, "app", "").withSsl(ssl);
    }

    private static boolean refused(String url, Ssl ssl) {
        try {
            config(url, ssl);
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /**
     * Every place under {@code folder} where a password shows: {@code path:line: what}, never the
     * value itself. Empty when there is none or the folder does not exist.
     */
    public static List<String> passwordsIn(Path folder, List<String> secrets) {
        List<String> found = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return found;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                if (Files.size(file) > MAX_SCANNED_FILE_BYTES) {
                    continue;
                }
                String[] lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n");
                for (int i = 0; i < lines.length; i++) {
                    if (PASSWORD_ASSIGNMENT.matcher(lines[i]).find()) {
                        found.add(folder.relativize(file) + ":" + (i + 1) + ": a password assignment");
                    }
                    for (String secret : secrets) {
                        if (secret != null && !secret.isBlank() && lines[i].contains(secret)) {
                            found.add(folder.relativize(file) + ":" + (i + 1) + ": a secret value");
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not scan " + folder + " for passwords", e);
        }
        return found;
    }
}
