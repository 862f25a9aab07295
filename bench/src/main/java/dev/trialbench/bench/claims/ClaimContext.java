package dev.trialbench.bench.claims;

import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.CellResult;
import dev.trialbench.bench.runfolder.EvidenceLookup;
import dev.trialbench.bench.runfolder.Factorial;
import dev.trialbench.bench.runfolder.Ratio;
import dev.trialbench.bench.runfolder.RunFolder;
import java.util.Optional;

/** What the claim builders read: the run, its factorial and its evidence. Immutable. */
public record ClaimContext(RunFolder run, Factorial factorial, EvidenceLookup evidence) {

    public static ClaimContext of(RunFolder run) {
        return new ClaimContext(run, Factorial.of(run.cells()), new EvidenceLookup(run.evidence()));
    }

    public double mean(CellKey key) {
        return factorial.cell(key).map(CellResult::meanMillis).orElse(Double.NaN);
    }

    /** A cell's mean with its interval (forks widened by the between-run spread); NaN figures if not measured. */
    public Interval meanInterval(CellKey key) {
        return factorial.cell(key).map(cell -> Interval.of(cell.meanMillis(),
                        cell.forkResults().stream().mapToDouble(CellResult.ForkResult::meanMillis).min().orElse(cell.meanMillis()),
                        cell.forkResults().stream().mapToDouble(CellResult.ForkResult::meanMillis).max().orElse(cell.meanMillis()),
                        BetweenRunSpread.halfWidth(BetweenRunSpread.meanKey(key)) * busy(key.schema())))
                .orElse(Interval.exact(Double.NaN));
    }

    /** numerator / denominator on the means, with its interval; NaN figures if a cell is missing. */
    public Interval ratioInterval(CellKey numerator, CellKey denominator, String spreadKey) {
        return factorial.compare("", numerator, denominator).ratio()
                .map(ratio -> Interval.of(ratio.mean(), ratio.meanSpread().min(), ratio.meanSpread().max(),
                        BetweenRunSpread.halfWidth(spreadKey) * Math.max(busy(numerator.schema()), busy(denominator.schema()))))
                .orElse(Interval.exact(Double.NaN));
    }

    /**
     * How much busier the machine was at {@code schema} than in the baseline runs, by the {@code SELECT 1}
     * floor ({@link BetweenRunSpread#busy}); 1 when it was not.
     */
    public double busy(String schema) {
        return BetweenRunSpread.busy(schema, floorMean(schema));
    }

    /** The {@code SELECT 1} mean of a schema state, NaN if not measured. */
    public double floorMean(String schema) {
        return mean(CellKey.of(CellKey.ROUND_TRIP, CellKey.SELECT_ONE, schema));
    }

    /** The sentence the claims section adds when a schema state's intervals were widened; empty when none was. */
    public String busyNote() {
        StringBuilder note = new StringBuilder();
        for (String schema : CellKey.SCHEMAS) {
            double factor = busy(schema);
            if (factor > 1) {
                note.append(note.length() == 0 ? "" : " ").append("The machine was busy ").append(schema)
                        .append(" the migrations: the SELECT 1 floor's mean measured ").append(Numbers.ms(floorMean(schema)))
                        .append(", ").append(Numbers.factor(factor)).append(" the slowest of the baseline runs (")
                        .append(Numbers.ms(BetweenRunSpread.floorMax(schema)))
                        .append("), so every interval at that schema state is widened by ").append(Numbers.factor(factor))
                        .append(".");
            }
        }
        return note.toString();
    }

    /** The {@code SELECT 1} median of a schema state, NaN if not measured. */
    public double floor(String schema) {
        return factorial.cell(CellKey.of(CellKey.ROUND_TRIP, CellKey.SELECT_ONE, schema))
                .map(CellResult::p50Millis).orElse(Double.NaN);
    }

    /** {@code ActivationBenchmark.naive @ before: mean 5.50 ms [4.60 ms, 6.58 ms], p50 5.31 ms}, or MISSING. */
    public String figures(CellKey key) {
        return key.label() + ": " + factorial.cell(key)
                .map(cell -> "mean " + meanInterval(key).millis() + ", p50 " + Numbers.ms(cell.p50Millis()))
                .orElse("MISSING (not in " + jmhFile(key) + ")");
    }

    /** {@code 6.48x on the mean (forks 6.10x..6.90x)}, or the missing cells. */
    public String ratio(CellKey numerator, CellKey denominator) {
        Optional<Ratio> ratio = factorial.compare("", numerator, denominator).ratio();
        return ratio.map(value -> Numbers.factor(value.mean()) + " on the mean (forks " + value.meanSpread().describe() + ")")
                .orElse("n/a (" + (factorial.cell(numerator).isEmpty() ? numerator : denominator).label() + " MISSING)");
    }

    public static String jmhFile(CellKey key) {
        return CellKey.BEFORE.equals(key.schema()) ? RunFolder.JMH_BEFORE : RunFolder.JMH_AFTER;
    }

    public String reproduce() {
        String command = run.environment().command();
        return command == null || command.isBlank() ? "not recorded in environment.json" : command;
    }

    public Claim claim(String section, String quote, String measured, Judgement judgement, String source) {
        return new Claim(section, quote, measured, judgement, source, reproduce());
    }
}
