package dev.trialbench.provision;

import dev.trialbench.db.DatabaseUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Stops and starts the embedded server with its own {@code pg_ctl}, on the same data directory:
 * the server's {@code postmaster.opts} (written by PostgreSQL at every start) gives the binary and
 * the options of the last start, so the restarted server listens on the same port with the same
 * settings. As root, zonky runs PostgreSQL inside a user namespace ({@code unshare -U}); so does
 * this class, for the same reason (PostgreSQL refuses to run as root). Stateless after
 * construction; thread-safe, but one stop or start at a time is the only sensible use.
 */
final class EmbeddedServerControl implements ServerControl {

    private static final long PG_CTL_TIMEOUT_SECONDS = 60;

    private final Path dataDirectory;
    private final Path pgCtl;
    private final String startOptions;

    private EmbeddedServerControl(Path dataDirectory, Path pgCtl, String startOptions) {
        this.dataDirectory = dataDirectory;
        this.pgCtl = pgCtl;
        this.startOptions = startOptions;
    }

    /** Reads the data directory from the running server and its last start's options from postmaster.opts. */
    static EmbeddedServerControl of(DataSource superuser) {
        Path dataDirectory;
        try (Connection connection = superuser.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SHOW data_directory")) {
            row.next();
            dataDirectory = Path.of(row.getString(1));
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Could not read the embedded server's data directory: " + e.getMessage(), e);
        }
        List<String> words = postmasterOptions(dataDirectory);
        Path postgres = Path.of(words.get(0));
        StringBuilder options = new StringBuilder();
        for (int i = 1; i < words.size(); i++) {
            if (words.get(i).equals("-D")) {
                i++;
                continue;
            }
            options.append(options.length() == 0 ? "" : " ").append('"').append(words.get(i)).append('"');
        }
        return new EmbeddedServerControl(dataDirectory, postgres.resolveSibling("pg_ctl"), options.toString());
    }

    /** postmaster.opts: the binary, then each argument in double quotes. */
    private static List<String> postmasterOptions(Path dataDirectory) {
        String text;
        try {
            text = Files.readString(dataDirectory.resolve("postmaster.opts"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new DatabaseUnavailableException("Could not read postmaster.opts in " + dataDirectory + ": " + e.getMessage(), e);
        }
        List<String> words = new ArrayList<>();
        int space = text.indexOf(' ');
        words.add(space < 0 ? text : text.substring(0, space));
        java.util.regex.Matcher quoted = java.util.regex.Pattern.compile("\"([^\"]*)\"").matcher(space < 0 ? "" : text.substring(space));
        while (quoted.find()) {
            words.add(quoted.group(1));
        }
        return words;
    }

    @Override
    public void stopImmediately() {
        pgCtl(List.of("stop", "-D", dataDirectory.toString(), "-m", "immediate", "-w", "-t", "30"));
    }

    @Override
    public void start() {
        pgCtl(List.of("start", "-D", dataDirectory.toString(), "-w", "-t", "60", "-o", startOptions,
                "-l", dataDirectory.resolve("restart.log").toString()));
    }

    private void pgCtl(List<String> arguments) {
        List<String> command = new ArrayList<>();
        if (runningAsRoot()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(pgCtl.toString());
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            // pg_ctl start leaves the server running with our output pipe: read what pg_ctl says, not to EOF.
            process.getOutputStream().close();
            if (!process.waitFor(PG_CTL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new DatabaseUnavailableException("pg_ctl " + arguments.get(0) + " did not finish within "
                        + PG_CTL_TIMEOUT_SECONDS + " s (data directory " + dataDirectory + ")");
            }
            if (process.exitValue() != 0) {
                String output = new String(process.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);
                throw new DatabaseUnavailableException("pg_ctl " + arguments.get(0) + " failed with exit code "
                        + process.exitValue() + ": " + output.strip());
            }
        } catch (IOException e) {
            throw new DatabaseUnavailableException("Could not run pg_ctl " + arguments.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseUnavailableException("Interrupted while waiting for pg_ctl " + arguments.get(0), e);
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
