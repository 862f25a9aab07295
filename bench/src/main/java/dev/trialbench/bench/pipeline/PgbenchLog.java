package dev.trialbench.bench.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * pgbench's per-transaction log ({@code -l}: one file per thread, {@code PREFIX.PID[.THREAD]}), read
 * back: the latency of every committed transaction, failed ones counted, and the span the
 * transactions cover. A line is {@code client transaction_no latency_us script_no epoch_s epoch_us
 * ...}; the latency is {@code failed} (or {@code skipped}) for a transaction that did not commit.
 * With a rate ({@code -R}) the next field is the schedule lag, the time the transaction waited past
 * its scheduled start; read {@link #fromSchedule}, the latency then counts from the scheduled start
 * (as the load runs' does from the intended start).
 * Immutable once read; thread-safe.
 */
final class PgbenchLog {

    private static final Pattern ABORTED = Pattern.compile("client \\d+ (?:script \\d+ )?aborted");

    private final long[] latenciesMicros;
    private final long failed;
    private final double spanSeconds;

    private PgbenchLog(long[] latenciesMicros, long failed, double spanSeconds) {
        this.latenciesMicros = latenciesMicros;
        this.failed = failed;
        this.spanSeconds = spanSeconds;
    }

    /** Reads every log file {@code PREFIX.*} in {@code folder}. */
    static PgbenchLog read(Path folder, String prefix) throws IOException {
        return read(folder, prefix, false);
    }

    /** Like {@link #read(Path, String)}, each latency from the transaction's scheduled start (a run with {@code -R}). */
    static PgbenchLog fromSchedule(Path folder, String prefix) throws IOException {
        return read(folder, prefix, true);
    }

    private static PgbenchLog read(Path folder, String prefix, boolean withLag) throws IOException {
        long[] latencies = new long[1024];
        int count = 0;
        long failed = 0;
        long firstStartMicros = Long.MAX_VALUE;
        long lastEndMicros = Long.MIN_VALUE;
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(path -> path.getFileName().toString().startsWith(prefix + ".")).toList();
        }
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length < 6) {
                    continue;
                }
                if (!fields[2].chars().allMatch(Character::isDigit)) {
                    failed++;
                    continue;
                }
                long elapsed = Long.parseLong(fields[2]);
                long end = Long.parseLong(fields[4]) * 1_000_000 + Long.parseLong(fields[5]);
                firstStartMicros = Math.min(firstStartMicros, end - elapsed);
                long latency = withLag && fields.length > 6 ? elapsed + Long.parseLong(fields[6]) : elapsed;
                lastEndMicros = Math.max(lastEndMicros, end);
                if (count == latencies.length) {
                    latencies = Arrays.copyOf(latencies, count * 2);
                }
                latencies[count++] = latency;
            }
        }
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        double span = count == 0 ? 0 : Math.max(1, lastEndMicros - firstStartMicros) / 1e6;
        return new PgbenchLog(sorted, failed, span);
    }

    /**
     * Clients pgbench reports as aborted in its output ({@code client N script S aborted in command
     * ...}; two threads' messages may share a line).
     */
    static int abortedClients(Path output) throws IOException {
        Matcher aborted = ABORTED.matcher(Files.readString(output));
        int count = 0;
        while (aborted.find()) {
            count++;
        }
        return count;
    }

    long committed() {
        return latenciesMicros.length;
    }

    long failed() {
        return failed;
    }

    /** Seconds from the first transaction's start to the last one's end. */
    double spanSeconds() {
        return spanSeconds;
    }

    /** Mean latency of the committed transactions, in milliseconds (NaN when none committed). */
    double meanMillis() {
        return java.util.Arrays.stream(latenciesMicros).average().orElse(Double.NaN) / 1000.0;
    }

    /** Nearest-rank percentile of the committed transactions' latency, in milliseconds. */
    double percentileMillis(double percentile) {
        int rank = (int) Math.ceil(percentile / 100 * latenciesMicros.length);
        return latenciesMicros[Math.max(0, rank - 1)] / 1000.0;
    }
}
