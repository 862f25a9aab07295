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

    /** The {@code SELECT 1} median of a schema state, NaN if not measured. */
    public double floor(String schema) {
        return factorial.cell(CellKey.of(CellKey.ROUND_TRIP, CellKey.SELECT_ONE, schema))
                .map(CellResult::p50Millis).orElse(Double.NaN);
    }

    /** {@code ActivationBenchmark.naive @ before: mean 5.50 ms, p50 5.31 ms}, or MISSING. */
    public String figures(CellKey key) {
        return key.label() + ": " + factorial.cell(key)
                .map(cell -> "mean " + Numbers.ms(cell.meanMillis()) + ", p50 " + Numbers.ms(cell.p50Millis()))
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
