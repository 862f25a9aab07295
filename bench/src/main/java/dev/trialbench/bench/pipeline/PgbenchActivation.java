package dev.trialbench.bench.pipeline;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.activation.ActivationSql;
import dev.trialbench.activation.TrialTerms;
import dev.trialbench.db.Jdbis;
import dev.trialbench.db.Pool;
import dev.trialbench.provision.OwnDatabase;
import dev.trialbench.seed.ReservedPoolReset;
import dev.trialbench.seed.SeedPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The issue's yardstick for batched activation throughput: pgbench running the very transaction the
 * batched path runs for an accepted activation, at the same concurrency, against the same server
 * and database. The script is built at run time from {@link ActivationSql}: {@link #STATEMENTS}, in
 * {@code BatchedActivation}'s order, between BEGIN and COMMIT. Jdbi's {@code :name} binds are
 * pgbench's variable syntax too, and with {@code -M prepared} pgbench sends each variable as a
 * parameter of unknown type, so the server infers its type as it does for the driver's, and
 * {@code CAST(:deviceData AS jsonb)} and friends work unchanged. Prepared statements are also what
 * pgjdbc uses after its fifth execution of a statement.
 *
 * <p>Each transaction takes the next reserved user, fingerprint and IP (none of which any row
 * mentions, so every transaction is an accepted activation that records a new device) from an
 * unlogged scratch table, {@value #INPUTS}, with a sequence handing out the rows; both are created
 * here and dropped afterwards. Fetching the inputs ({@code \gset}) is one round trip more than the
 * service makes, and pgbench sends BEGIN on its own where pgjdbc sends it with the first statement:
 * pgbench makes 7 round trips per transaction where the service makes 5, which favours the service
 * side slightly (tens of microseconds each on loopback). A reserved user activates only once, so the
 * run ends early when the pool runs out (the note says so; the figures then cover the time until
 * then). Before and after the run the reserved pool is reset ({@link ReservedPoolReset}), so later
 * measurements start from the seeded data.
 *
 * <p>Throughput and latency come from pgbench's per-transaction log ({@code -l}), not its summary:
 * tps = transactions / the span from the first transaction's start to the last one's end.
 * Stateless; thread-safe (each call works in its own temporary folder), but two calls on one
 * database at the same time would share the scratch table: do not.
 */
public final class PgbenchActivation {

    /** The statements of one accepted batched activation, in the order BatchedActivation runs them. */
    static final List<String> STATEMENTS = List.of(ActivationSql.LOCK_USER_AND_DEVICE, ActivationSql.ALL_FRAUD_SIGNALS,
            ActivationSql.INSERT_DEVICE, ActivationSql.INSERT_TOKEN);
    static final String INPUTS = "trialbench_pgbench_inputs";
    /** Round trips of one scripted transaction: the inputs fetch, BEGIN, {@link #STATEMENTS}, COMMIT. */
    public static final int ROUND_TRIPS = STATEMENTS.size() + 3;
    static final String SLOTS = "trialbench_pgbench_slot";
    /** Device data of every activation, as the benchmarks send it. */
    static final String DEVICE_DATA = "{\"os\": \"linux\", \"browser\": \"pgbench\", \"screen\": \"1920x1080\"}";
    private static final String INSERT_INPUTS = "INSERT INTO " + INPUTS + " (slot, user_id, fingerprint, ip, device_data)"
            + " SELECT slot, user_id, fingerprint, ip, :deviceData"
            + " FROM unnest(:userIds, :fingerprints, :ips) WITH ORDINALITY AS t(user_id, fingerprint, ip, slot)";
    private static final long GRACE_SECONDS = 120;

    /**
     * What pgbench reached. Figures are null when there is no measurement ({@code note} says why).
     *
     * @param tps committed transactions per second
     * @param meanMillis mean latency of a committed transaction (the script's every round trip included)
     * @param transactions committed transactions
     * @param failed transactions that failed (for any reason other than the reserved pool running out)
     * @param note how it was measured, or why not
     */
    public record Result(Double tps, Double meanMillis, Double p50Millis, Double p95Millis, Double p99Millis, long transactions,
                         long failed, String note) {

        static Result notMeasured(String note) {
            return new Result(null, null, null, null, null, 0, 0, note);
        }
    }

    private PgbenchActivation() {
    }

    /**
     * Runs {@code pgbench -n -M prepared -f SCRIPT -c CLIENTS -j min(CLIENTS, 2) -T SECONDS -l} on
     * {@code database} (migrated and seeded from {@code plan}).
     *
     * @throws IllegalArgumentException when clients or seconds are below 1
     */
    public static Result measure(OwnDatabase database, SeedPlan plan, int clients, int seconds) {
        return measure(database, plan, clients, seconds, null);
    }

    /**
     * Like {@link #measure(OwnDatabase, SeedPlan, int, int)}, but offered {@code rate} transactions per
     * second on pgbench's own schedule ({@code -R}: Poisson arrivals, an open model like the load runs'),
     * each latency from the transaction's scheduled start; null: as fast as the clients go (closed).
     */
    public static Result measure(OwnDatabase database, SeedPlan plan, int clients, int seconds, Double rate) {
        if (rate != null && !(rate > 0)) {
            throw new IllegalArgumentException("pgbench's rate must be above 0 transactions/s, was " + rate);
        }
        if (clients < 1 || seconds < 1) {
            throw new IllegalArgumentException("pgbench needs at least 1 client and 1 second, was " + clients
                    + " client(s) and " + seconds + " second(s)");
        }
        String pgbench = Pgbench.find().orElse(null);
        if (pgbench == null) {
            return Result.notMeasured(Pgbench.NOT_FOUND);
        }
        int pool = Math.min(plan.reservedUserCount(), plan.reservedDeviceCount());
        if (pool == 0) {
            return Result.notMeasured("pgbench activation not measured: the data set has no reserved users or devices");
        }
        Path folder = null;
        try (HikariDataSource dataSource = Pool.open(database.poolConfig(1).withApplicationName("trialbench-pgbench-setup"))) {
            Jdbi jdbi = Jdbis.create(dataSource);
            folder = Files.createTempDirectory("trialbench-pgbench-");
            try {
                ReservedPoolReset.run(jdbi, plan);
                createInputs(jdbi, plan, pool);
                Path scriptFile = Files.writeString(folder.resolve("activation.sql"), script());
                List<String> arguments = new java.util.ArrayList<>(List.of("-n", "-M", "prepared", "-f", scriptFile.toString(),
                        "-c", Integer.toString(clients), "-j", Integer.toString(Math.min(clients, 2)),
                        "-T", Integer.toString(seconds), "-l", "--log-prefix=" + folder.resolve("tx")));
                if (rate != null) {
                    arguments.addAll(List.of("-R", String.format(java.util.Locale.ROOT, "%.1f", rate)));
                }
                Path output = folder.resolve("pgbench.out");
                Process process = Pgbench.command(pgbench, database, arguments)
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
                if (!process.waitFor(seconds + GRACE_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return Result.notMeasured("pgbench did not finish within " + (seconds + GRACE_SECONDS) + " s");
                }
                long slotsTaken = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM " + SLOTS).mapTo(Long.class).one());
                return result(rate == null ? PgbenchLog.read(folder, "tx") : PgbenchLog.fromSchedule(folder, "tx"),
                        PgbenchLog.abortedClients(output), process.exitValue(), slotsTaken > pool, pool, clients, seconds,
                        rate);
            } finally {
                jdbi.useHandle(handle -> handle.execute("DROP TABLE IF EXISTS " + INPUTS + "; DROP SEQUENCE IF EXISTS " + SLOTS));
                ReservedPoolReset.run(jdbi, plan);
            }
        } catch (IOException | UncheckedIOException e) {
            return Result.notMeasured("pgbench activation not measured: " + e.getMessage());
        } catch (JdbiException e) {
            // Jdbi's message names the bound values (reserved users, IPs): give the SQLState only.
            return Result.notMeasured("pgbench activation not measured: a setup statement failed (SQLState "
                    + sqlState(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.notMeasured("pgbench activation interrupted");
        } finally {
            deleteQuietly(folder);
        }
    }

    /** The pgbench script: the inputs fetch, then BEGIN, {@link #STATEMENTS}, COMMIT. */
    static String script() {
        StringBuilder script = new StringBuilder()
                .append("-- trialbench: one accepted batched activation, statement for statement (ActivationSql).\n")
                .append("\\set trialDays ").append(TrialTerms.DURATION_DAYS).append('\n')
                .append("\\set reportsRemaining ").append(TrialTerms.REPORTS_PER_TRIAL).append('\n')
                .append("-- the next reserved user, device and IP: one round trip the service does not make\n")
                .append("SELECT user_id AS \"userId\", fingerprint, ip, device_data AS \"deviceData\",\n")
                .append("       gen_random_uuid() AS \"fingerprintId\", gen_random_uuid() AS \"tokenId\"\n")
                .append("FROM ").append(INPUTS).append(" WHERE slot = (SELECT nextval('").append(SLOTS).append("'))\n")
                .append("\\gset\n")
                .append("BEGIN;\n");
        for (String statement : STATEMENTS) {
            script.append(statement).append(";\n");
        }
        return script.append("COMMIT;\n").toString();
    }

    private static void createInputs(Jdbi jdbi, SeedPlan plan, int pool) {
        UUID[] users = new UUID[pool];
        String[] fingerprints = new String[pool];
        String[] ips = new String[pool];
        for (int k = 0; k < pool; k++) {
            users[k] = plan.reservedUser(k);
            fingerprints[k] = plan.reservedFingerprint(k);
            ips[k] = plan.reservedIp(k);
        }
        jdbi.useHandle(handle -> {
            handle.execute("DROP TABLE IF EXISTS " + INPUTS);
            handle.execute("DROP SEQUENCE IF EXISTS " + SLOTS);
            handle.execute("CREATE UNLOGGED TABLE " + INPUTS + " (slot bigint PRIMARY KEY, user_id uuid NOT NULL,"
                    + " fingerprint text NOT NULL, ip text, device_data text NOT NULL)");
            handle.execute("CREATE SEQUENCE " + SLOTS);
            handle.createUpdate(INSERT_INPUTS)
                    .bind("deviceData", DEVICE_DATA)
                    .bindArray("userIds", UUID.class, (Object[]) users)
                    .bindArray("fingerprints", String.class, (Object[]) fingerprints)
                    .bindArray("ips", String.class, (Object[]) ips)
                    .execute();
            handle.execute("ANALYZE " + INPUTS);
        });
    }

    private static Result result(PgbenchLog log, int abortedClients, int exitCode, boolean poolRanOut, int pool,
                                 int clients, int seconds, Double rate) {
        // A client whose input fetch found no row once the pool ran out aborts; that is not a failure.
        long failed = log.failed() + (poolRanOut ? 0 : abortedClients);
        String how = "pgbench -M prepared, " + clients + " client(s), " + Math.min(clients, 2) + " thread(s), "
                + seconds + " s; " + (rate == null ? "" : "offered " + String.format(java.util.Locale.ROOT, "%.1f", rate)
                + " transactions/s (-R), latency from each transaction's scheduled start; ") + ROUND_TRIPS + " round trips per transaction (the service: " + (STATEMENTS.size() + 1) + ")";
        if (poolRanOut) {
            how += "; the reserved pool (" + pool + " users) ran out after " + String.format(java.util.Locale.ROOT,
                    "%.1f", log.spanSeconds()) + " s: figures cover that time (seed a larger scale or shorten the run)";
        } else if (exitCode != 0) {
            how += "; pgbench exited with " + exitCode + " (" + abortedClients + " client(s) aborted)";
        }
        if (log.committed() == 0) {
            return new Result(null, null, null, null, null, 0, failed, "no transaction completed; " + how);
        }
        return new Result(log.committed() / log.spanSeconds(), log.meanMillis(), log.percentileMillis(50), log.percentileMillis(95),
                log.percentileMillis(99), log.committed(), failed, how);
    }

    private static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "unknown";
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
