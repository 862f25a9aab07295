package dev.trialbench.bench.runfolder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The measured cells laid out as the design's factorial: every expected cell with its latency and its
 * multiple of the {@code SELECT 1} floor of the same schema state, and the ratios that separate the
 * two factors: naive/batched at one schema state (batching alone), before/after for one
 * implementation (the migration alone), and naive-before/batched-after (both, as the report
 * compares). A cell that was not measured is listed in {@link #missing()} and shows as missing in
 * every row and ratio that needs it; nothing is skipped. Immutable.
 */
public final class Factorial {

    /** One expected cell; {@code result} is empty when the run did not measure it. */
    public record Row(CellKey key, Optional<CellResult> result, OptionalDouble floorMultiple) {
    }

    /**
     * @param label       what the ratio isolates, e.g. "batching alone, before"
     * @param numerator   the slower cell, as the report would have it
     * @param denominator the faster cell
     * @param ratio       empty when either cell is missing
     */
    public record Comparison(String label, CellKey numerator, CellKey denominator, Optional<Ratio> ratio) {
    }

    private final Map<CellKey, CellResult> cells = new TreeMap<>();

    private Factorial(List<CellResult> results) {
        results.forEach(result -> cells.put(result.key(), result));
    }

    public static Factorial of(List<CellResult> results) {
        return new Factorial(results);
    }

    public Optional<CellResult> cell(CellKey key) {
        return Optional.ofNullable(cells.get(key));
    }

    public List<Row> rows() {
        return CellKey.EXPECTED.stream().map(key -> new Row(key, cell(key), floorMultiple(key))).toList();
    }

    /** Expected cells the run did not measure, in report order. */
    public List<CellKey> missing() {
        return CellKey.EXPECTED.stream().filter(key -> !cells.containsKey(key)).toList();
    }

    /** Cells measured that the report does not expect (a renamed method, a new benchmark), sorted. */
    public List<CellResult> unexpected() {
        return cells.values().stream().filter(result -> !CellKey.EXPECTED.contains(result.key())).toList();
    }

    public Comparison compare(String label, CellKey numerator, CellKey denominator) {
        Optional<Ratio> ratio = cell(numerator).flatMap(top -> cell(denominator).map(bottom -> Ratio.of(top, bottom)));
        return new Comparison(label, numerator, denominator, ratio);
    }

    /** naive / batched at the same schema state: what batching alone buys. */
    public List<Comparison> batchingRatios() {
        List<Comparison> comparisons = new ArrayList<>();
        for (String benchmark : List.of(CellKey.FRAUD_CHECK, CellKey.ACTIVATION)) {
            for (String schema : CellKey.SCHEMAS) {
                comparisons.add(compare("batching alone, " + schema, CellKey.of(benchmark, CellKey.NAIVE, schema),
                        CellKey.of(benchmark, CellKey.BATCHED, schema)));
            }
        }
        return comparisons;
    }

    /** before / after for the same implementation: what the migration alone buys. */
    public List<Comparison> migrationRatios() {
        List<Comparison> comparisons = new ArrayList<>();
        for (List<String> operation : CellKey.OPERATIONS) {
            CellKey before = CellKey.of(operation.get(0), operation.get(1), CellKey.BEFORE);
            String label = CellKey.ROUND_TRIP.equals(operation.get(0))
                    ? "control: the floor should not move" : "indexes and constraints alone, " + operation.get(1);
            comparisons.add(compare(label, before, before.at(CellKey.AFTER)));
        }
        return comparisons;
    }

    /** naive at before / batched at after: both changes at once, as the report compares them. */
    public List<Comparison> combinedRatios() {
        return List.of(CellKey.FRAUD_CHECK, CellKey.ACTIVATION).stream()
                .map(benchmark -> compare("both changes (the report's comparison)",
                        CellKey.of(benchmark, CellKey.NAIVE, CellKey.BEFORE),
                        CellKey.of(benchmark, CellKey.BATCHED, CellKey.AFTER)))
                .toList();
    }

    /** Every comparison of the report, in the order it shows them. */
    public List<Comparison> comparisons() {
        List<Comparison> all = new ArrayList<>(combinedRatios());
        all.addAll(batchingRatios());
        all.addAll(migrationRatios());
        return all;
    }

    private OptionalDouble floorMultiple(CellKey key) {
        CellResult result = cells.get(key);
        CellResult floor = cells.get(key.floor());
        if (result == null || floor == null) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(result.p50Millis() / floor.p50Millis());
    }
}
