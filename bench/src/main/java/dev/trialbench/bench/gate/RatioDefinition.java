package dev.trialbench.bench.gate;

import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.Factorial;
import dev.trialbench.bench.runfolder.Ratio;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One tier-2 ratio: a cell's median over another's, both from the same run, so that the machine's
 * speed cancels out. {@link #all()} is the set the gate keeps: naive/batched at each schema state
 * (what batching buys), before/after for each operation (what the migration buys; for the
 * {@code SELECT 1} floor itself a control that should not move), and every cell against the
 * {@code SELECT 1} floor of its schema state. Immutable.
 *
 * @param kind {@code batching}, {@code migration}, {@code control} or {@code floor multiple}
 */
public record RatioDefinition(String name, String kind, CellKey numerator, CellKey denominator, Direction direction) {

    public static final String BATCHING = "batching";
    public static final String MIGRATION = "migration";
    public static final String CONTROL = "control";
    public static final String FLOOR_MULTIPLE = "floor multiple";

    public static List<RatioDefinition> all() {
        List<RatioDefinition> ratios = new ArrayList<>();
        for (String benchmark : List.of(CellKey.FRAUD_CHECK, CellKey.ACTIVATION)) {
            for (String schema : CellKey.SCHEMAS) {
                CellKey naive = CellKey.of(benchmark, CellKey.NAIVE, schema);
                ratios.add(new RatioDefinition("naive/batched " + benchmark + " @ " + schema, BATCHING, naive,
                        naive.with(CellKey.BATCHED), Direction.HIGHER_IS_BETTER));
            }
        }
        for (List<String> operation : CellKey.OPERATIONS) {
            CellKey before = CellKey.of(operation.get(0), operation.get(1), CellKey.BEFORE);
            boolean floor = CellKey.ROUND_TRIP.equals(operation.get(0));
            ratios.add(new RatioDefinition("before/after " + before.operation(), floor ? CONTROL : MIGRATION, before,
                    before.at(CellKey.AFTER), floor ? Direction.EXACT : Direction.HIGHER_IS_BETTER));
        }
        for (CellKey cell : CellKey.EXPECTED) {
            if (!CellKey.ROUND_TRIP.equals(cell.benchmark())) {
                ratios.add(new RatioDefinition(cell.label() + " / SELECT 1", FLOOR_MULTIPLE, cell, cell.floor(),
                        Direction.LOWER_IS_BETTER));
            }
        }
        return List.copyOf(ratios);
    }

    /** The ratio in a run; empty when either cell was not measured. */
    public Optional<Ratio> in(Factorial factorial) {
        return factorial.compare(name, numerator, denominator).ratio();
    }

    /** The cell of the two that the run did not measure, for a message. */
    public CellKey missingIn(Factorial factorial) {
        return factorial.cell(numerator).isEmpty() ? numerator : denominator;
    }
}
