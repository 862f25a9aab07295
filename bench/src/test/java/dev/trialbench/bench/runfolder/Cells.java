package dev.trialbench.bench.runfolder;

import java.util.Arrays;
import java.util.List;

/** Small hand-built {@link CellResult}s for tests that need exact numbers. */
public final class Cells {

    private Cells() {
    }

    /** A cell whose forks have the given medians and means (same value each), 100 samples per fork. */
    public static CellResult cell(CellKey key, double... forkMillis) {
        List<CellResult.ForkResult> forks = Arrays.stream(forkMillis)
                .mapToObj(millis -> new CellResult.ForkResult(millis, millis, 100)).toList();
        double mean = Arrays.stream(forkMillis).average().orElseThrow();
        return new CellResult(key.benchmark(), key.method(), key.schema(), mean, mean * 1.2, mean * 1.3, mean * 1.5,
                mean * 3, mean, 100L * forkMillis.length, forks);
    }
}
