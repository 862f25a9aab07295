package dev.trialbench.bench.claims;

import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.CellResult;
import dev.trialbench.bench.runfolder.Factorial;
import dev.trialbench.bench.runfolder.RunFolder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How far a measured figure moves between runs of the same code and seed, measured on the committed
 * quick runs under {@code results/baseline-runs/} and kept in {@value #RESOURCE} beside this class.
 * For each figure a verdict compares (a cell's mean, a ratio of means, the highest AFTER p95), the
 * spread is the largest value over the runs divided by the smallest ({@code max / min}).
 *
 * <p>A verdict's interval is the figure's fork range with both ends widened by the half-width factor
 * {@code sqrt(max / min)}: the interval is then exactly as wide (as a ratio) as the figure moved between
 * the baseline runs, and two runs whose figures differ by no more than that can never fall on opposite
 * sides of a threshold with both intervals clear of it (one HOLDS, the other FAILS). A figure the
 * baseline runs did not measure gets the largest factor of its kind.
 *
 * <p>The resource is derived, not typed: {@code BetweenRunSpreadTest} measures the committed runs again
 * and fails, with the command that refreshes it, when the resource differs. Stateless.
 */
public final class BetweenRunSpread {

    static final String RESOURCE = "between-run-spread.properties";
    /** naive @ before / batched @ after of the activation: the report's "6x faster". */
    static final String ACTIVATION_RATIO = "ratio.activation.naive-before.batched-after";
    /** records1000 before / after: the report's "20x faster". */
    static final String LISTING_RATIO = "ratio.listing.records1000.before-after";
    /** naive / batched of the activation before the migrations: batching alone. */
    static final String BATCHING_BEFORE = "ratio.activation.batching.before";
    /** naive / batched of the activation after the migrations: batching alone. */
    static final String BATCHING_AFTER = "ratio.activation.batching.after";
    /** before / after of the naive activation: the indexes alone. */
    static final String INDEXES_NAIVE = "ratio.activation.indexes.naive";
    /** before / after of the batched activation: the indexes alone. */
    static final String INDEXES_BATCHED = "ratio.activation.indexes.batched";
    /** page50 before / after of the listing. */
    static final String PAGE_RATIO = "ratio.listing.page50.before-after";
    /** The highest p95 of the AFTER cells: "P95 query latency < 50ms". */
    static final String WORST_AFTER_P95 = "p95.after.highest";
    private static final String MEAN = "mean.";
    /** The slowest {@code SELECT 1} mean (ms) of the baseline runs at a schema state: {@code floor.before.max}. */
    private static final String FLOOR = "floor.";
    private static final String RUNS = "runs";

    private static final Map<String, String> FACTORS = load();

    private BetweenRunSpread() {
    }

    /** {@code max / min} over the baseline runs for {@code key}; the largest of its kind when it was not measured. */
    static double spread(String key) {
        String value = FACTORS.get(key);
        if (value != null) {
            return Double.parseDouble(value);
        }
        String kind = key.substring(0, key.indexOf('.') + 1);
        return FACTORS.entrySet().stream().filter(entry -> entry.getKey().startsWith(kind))
                .filter(entry -> !entry.getKey().startsWith(FLOOR))
                .mapToDouble(entry -> Double.parseDouble(entry.getValue())).max()
                .orElseThrow(() -> new IllegalStateException(RESOURCE + " has no figure of the kind " + kind));
    }

    /** The half-width factor of an interval, {@code sqrt(max / min)}. */
    public static double halfWidth(String key) {
        return Math.sqrt(spread(key));
    }

    public static String meanKey(CellKey key) {
        return MEAN + key.benchmark() + "." + key.method() + "." + key.schema();
    }

    /**
     * How much busier than the baseline runs the machine was while this run measured {@code schema}: the
     * run's {@code SELECT 1} mean over the slowest baseline run's, at least 1. The floor is the control
     * cell that no optimization changes; the mean, like the means the claims judge, carries the long
     * tail a descheduled benchmark thread leaves (seen: 437 and 574 us against at most 48 us while builds
     * shared the two cores, where the medians moved only from 27 to 63 and 79 us). When the floor is
     * that much slower, every other mean of that schema state may be too, and its interval is widened by
     * the same factor. NaN floors give 1.
     */
    public static double busy(String schema, double floorMillis) {
        String value = FACTORS.get(FLOOR + schema + ".max");
        if (value == null || !Double.isFinite(floorMillis)) {
            return 1;
        }
        return Math.max(1, floorMillis / Double.parseDouble(value));
    }

    /** The slowest baseline run's {@code SELECT 1} mean at {@code schema}, in ms; NaN when not measured. */
    public static double floorMax(String schema) {
        String value = FACTORS.get(FLOOR + schema + ".max");
        return value == null ? Double.NaN : Double.parseDouble(value);
    }

    /** How many baseline runs the factors were measured on. */
    public static int runCount() {
        String runs = runs();
        int space = runs.indexOf(' ');
        return space < 0 ? 0 : Integer.parseInt(runs.substring(0, space));
    }

    /** How many runs the factors were measured on, and which. */
    public static String runs() {
        return FACTORS.getOrDefault(RUNS, "none");
    }

    /** The figure of each key, as {@code max / min} over {@code runs}, rounded to 3 decimals; with the runs' names. */
    public static SortedMap<String, String> measure(List<RunFolder> runs) {
        Map<String, List<Double>> figures = new TreeMap<>();
        Map<String, Double> floors = new TreeMap<>();
        for (RunFolder run : runs) {
            Factorial factorial = Factorial.of(run.cells());
            for (String schema : CellKey.SCHEMAS) {
                factorial.cell(CellKey.of(CellKey.ROUND_TRIP, CellKey.SELECT_ONE, schema)).map(CellResult::meanMillis)
                        .filter(Double::isFinite)
                        .ifPresent(floor -> floors.merge(FLOOR + schema + ".max", floor, Math::max));
            }
            for (CellKey key : CellKey.EXPECTED) {
                factorial.cell(key).ifPresent(cell -> add(figures, meanKey(key), cell.meanMillis()));
            }
            ratio(factorial, CellKey.of(CellKey.ACTIVATION, CellKey.NAIVE, CellKey.BEFORE),
                    CellKey.of(CellKey.ACTIVATION, CellKey.BATCHED, CellKey.AFTER))
                    .ifPresent(value -> add(figures, ACTIVATION_RATIO, value));
            CellKey naiveBefore = CellKey.of(CellKey.ACTIVATION, CellKey.NAIVE, CellKey.BEFORE);
            CellKey batchedBefore = naiveBefore.with(CellKey.BATCHED);
            ratio(factorial, naiveBefore, batchedBefore).ifPresent(value -> add(figures, BATCHING_BEFORE, value));
            ratio(factorial, naiveBefore.at(CellKey.AFTER), batchedBefore.at(CellKey.AFTER))
                    .ifPresent(value -> add(figures, BATCHING_AFTER, value));
            ratio(factorial, naiveBefore, naiveBefore.at(CellKey.AFTER)).ifPresent(value -> add(figures, INDEXES_NAIVE, value));
            ratio(factorial, batchedBefore, batchedBefore.at(CellKey.AFTER))
                    .ifPresent(value -> add(figures, INDEXES_BATCHED, value));
            CellKey listing = CellKey.of(CellKey.LISTING, CellKey.RECORDS_1000, CellKey.BEFORE);
            ratio(factorial, listing, listing.at(CellKey.AFTER)).ifPresent(value -> add(figures, LISTING_RATIO, value));
            CellKey page = listing.with(CellKey.PAGE_50);
            ratio(factorial, page, page.at(CellKey.AFTER)).ifPresent(value -> add(figures, PAGE_RATIO, value));
            factorial.rows().stream().filter(row -> CellKey.AFTER.equals(row.key().schema()))
                    .flatMap(row -> row.result().stream()).mapToDouble(CellResult::p95Millis).max()
                    .ifPresent(value -> add(figures, WORST_AFTER_P95, value));
        }
        SortedMap<String, String> factors = new TreeMap<>();
        figures.forEach((key, values) -> {
            if (values.size() >= 2) {
                factors.put(key, String.format(java.util.Locale.ROOT, "%.3f",
                        Collections.max(values) / Collections.min(values)));
            }
        });
        // rounded up, so that no baseline run is above its own stored maximum
        floors.forEach((key, value) -> factors.put(key, String.format(java.util.Locale.ROOT, "%.6f", Math.ceil(value * 1e6) / 1e6)));
        factors.put(RUNS, runs.size() + " runs: " + String.join(", ", runs.stream().map(RunFolder::name).sorted().toList()));
        return factors;
    }

    /** The resource's text for {@code factors}: sorted, one {@code key=value} a line, with a header. */
    public static String render(SortedMap<String, String> factors) {
        StringBuilder text = new StringBuilder()
                .append("# max / min of each figure over the committed quick runs under results/baseline-runs/.\n")
                .append("# Generated by BetweenRunSpreadTest; refresh with:\n")
                .append("#   mvn -B -pl bench -am -Dtest=BetweenRunSpreadTest -Dtrialbench.refresh=true")
                .append(" -Dsurefire.failIfNoSpecifiedTests=false verify\n");
        factors.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString();
    }

    private static Optional<Double> ratio(Factorial factorial, CellKey numerator, CellKey denominator) {
        return factorial.cell(numerator).flatMap(top -> factorial.cell(denominator)
                .map(bottom -> top.meanMillis() / bottom.meanMillis()));
    }

    private static void add(Map<String, List<Double>> figures, String key, double value) {
        if (Double.isFinite(value) && value > 0) {
            figures.computeIfAbsent(key, ignored -> new ArrayList<>()).add(value);
        }
    }

    private static Map<String, String> load() {
        Properties properties = new Properties();
        try (InputStream in = BetweenRunSpread.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> factors = new TreeMap<>();
        properties.forEach((key, value) -> factors.put(key.toString(), value.toString()));
        return Map.copyOf(factors);
    }
}
