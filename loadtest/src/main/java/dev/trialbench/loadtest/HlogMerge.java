package dev.trialbench.loadtest;

import dev.trialbench.loadtest.measure.LatencyStats;
import dev.trialbench.loadtest.measure.LoadHistograms;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Merges the {@code .hlog} files of injectors that ran on other hosts into one log, as the pipeline
 * does for its own two injector processes ({@link LoadHistograms}), and prints each tag's count and
 * percentiles, then each file's request count (so that the merged count can be checked against the
 * sum). The hosts' clocks must agree (NTP): intervals keep absolute timestamps.
 * <pre>
 * java -cp bench/target/trialbench.jar dev.trialbench.loadtest.HlogMerge merged.hlog host1.hlog host2.hlog
 * </pre>
 * Not thread-safe (a main class).
 */
public final class HlogMerge {

    private HlogMerge() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: HlogMerge <merged.hlog> <injector.hlog>...");
            System.exit(64);
        }
        List<Path> inputs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            inputs.add(Path.of(args[i]));
        }
        LoadHistograms merged = LoadHistograms.read(inputs);
        merged.write(Path.of(args[0]));
        for (String tag : merged.tags()) {
            LatencyStats stats = merged.stats(tag);
            System.out.printf(Locale.ROOT, "tag %s: %d requests, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms%n", tag, stats.count(),
                    stats.p50Millis(), stats.p95Millis(), stats.p99Millis());
        }
        long total = 0;
        for (Path input : inputs) {
            long count = LoadHistograms.read(List.of(input)).merged(tag -> true).getTotalCount();
            total += count;
            System.out.printf(Locale.ROOT, "file %s: %d requests%n", input, count);
        }
        System.out.printf(Locale.ROOT, "merged: %d requests (files: %d)%n", merged.merged(tag -> true).getTotalCount(), total);
    }
}
