package dev.trialbench.bench.render;

import dev.trialbench.bench.claims.ClaimContext;
import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.render.Document.Block;
import dev.trialbench.bench.render.Document.Image;
import dev.trialbench.bench.render.Document.Paragraph;
import dev.trialbench.bench.render.Document.Section;
import dev.trialbench.bench.render.Document.Subheading;
import dev.trialbench.bench.render.Document.Table;
import dev.trialbench.bench.render.Document.Warning;
import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.CellResult;
import dev.trialbench.bench.runfolder.Factorial;
import dev.trialbench.bench.runfolder.Ratio;
import java.util.ArrayList;
import java.util.List;

/** The factorial: every cell's latency and round trips, the ratios that separate the factors, the charts. Stateless. */
final class FactorialSection {

    private static final String MISSING = Inline.bold("MISSING");

    private FactorialSection() {
    }

    static Section of(ClaimContext context) {
        Factorial factorial = context.factorial();
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph("JMH SampleTime, one client. p50/p95/p99 and mean over all forks and measurement"
                + " iterations; `x SELECT 1` is the cell's p50 over the `SELECT 1` p50 of the same schema state; round"
                + " trips per operation (statements, commits and rollbacks) and the outcomes of the operations counted come"
                + " from `evidence.json`."));
        if (!factorial.missing().isEmpty()) {
            blocks.add(new Warning("missing cells: " + String.join(", ",
                    factorial.missing().stream().map(key -> Inline.code(key.label())).toList())));
        }
        blocks.add(cells(context));
        blocks.add(new Subheading("Ratios"));
        blocks.add(new Paragraph("Batching alone is naive over batched at one schema state; the migration alone is"
                + " before over after for one implementation; the report's comparison mixes both. Fork spread: the"
                + " smallest and largest ratio over every pair of forks (a fork of one cell against a fork of the other)."));
        blocks.add(ratios(factorial));
        if (!factorial.unexpected().isEmpty()) {
            blocks.add(new Warning("results the report does not expect (shown here, used nowhere else):"));
            blocks.add(new Table(List.of("cell", "p50 ms", "mean ms", "samples"), factorial.unexpected().stream()
                    .map(cell -> List.of(Inline.code(cell.key().label()), Numbers.millis(cell.p50Millis()),
                            Numbers.millis(cell.meanMillis()), Numbers.count(cell.samples())))
                    .toList()));
        }
        for (Charts.Chart chart : Charts.all()) {
            blocks.add(new Image(chart.name(), chart.title()));
        }
        return new Section("factorial", "Factorial: every cell", blocks);
    }

    private static Table cells(ClaimContext context) {
        List<List<String>> rows = new ArrayList<>();
        for (Factorial.Row row : context.factorial().rows()) {
            double trips = context.evidence().roundTrips(row.key());
            String roundTrips = Double.isFinite(trips) ? Numbers.perOp(trips) : "not counted";
            List<String> cells = new ArrayList<>(List.of(Inline.code(row.key().operation()), row.key().schema()));
            if (row.result().isEmpty()) {
                cells.addAll(List.of(MISSING, MISSING, MISSING, MISSING, MISSING, roundTrips, outcomes(context, row.key()),
                        MISSING, MISSING));
            } else {
                CellResult cell = row.result().get();
                cells.addAll(List.of(Numbers.millis(cell.p50Millis()), Numbers.millis(cell.p95Millis()),
                        Numbers.millis(cell.p99Millis()), Numbers.millis(cell.meanMillis()),
                        row.floorMultiple().isPresent() ? Numbers.factor(row.floorMultiple().getAsDouble())
                                : "n/a (no SELECT 1)",
                        roundTrips, outcomes(context, row.key()), Numbers.count(cell.samples()),
                        String.valueOf(cell.forks())));
            }
            rows.add(cells);
        }
        return new Table(List.of("operation", "schema", "p50 ms", "p95 ms", "p99 ms", "mean ms", "x SELECT 1",
                "round trips/op", "outcomes", "samples", "forks"), rows);
    }

    /** {@code ACTIVATED 188, DENIED 12} over the operations counted, by name; "-" where there are none. */
    private static String outcomes(ClaimContext context, CellKey key) {
        return context.evidence().cell(key)
                .map(cell -> cell.outcomes() == null ? java.util.Map.<String, Long>of() : cell.outcomes())
                .filter(outcomes -> !outcomes.isEmpty())
                .map(outcomes -> String.join(", ", new java.util.TreeMap<>(outcomes).entrySet().stream()
                        .map(entry -> entry.getKey() + " " + Numbers.count(entry.getValue())).toList()))
                .orElse("-");
    }

    private static Table ratios(Factorial factorial) {
        List<List<String>> rows = new ArrayList<>();
        for (Factorial.Comparison comparison : factorial.comparisons()) {
            List<String> row = new ArrayList<>(List.of(comparison.label(),
                    Inline.code(comparison.numerator().label()) + " / " + Inline.code(comparison.denominator().label())));
            if (comparison.ratio().isPresent()) {
                Ratio ratio = comparison.ratio().get();
                row.addAll(List.of(Numbers.factor(ratio.p50()), ratio.p50Spread().describe(), Numbers.factor(ratio.mean()),
                        ratio.meanSpread().describe()));
            } else {
                row.addAll(List.of(MISSING, "n/a", MISSING, "n/a"));
            }
            rows.add(row);
        }
        return new Table(List.of("what it isolates", "cells", "p50 ratio", "forks (p50)", "mean ratio", "forks (mean)"), rows);
    }
}
