package dev.trialbench.bench.render;

import dev.trialbench.bench.claims.RttClaims;
import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.render.Document.Block;
import dev.trialbench.bench.render.Document.Bullets;
import dev.trialbench.bench.render.Document.Image;
import dev.trialbench.bench.render.Document.Paragraph;
import dev.trialbench.bench.render.Document.Section;
import dev.trialbench.bench.render.Document.Table;
import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.RttSweep;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * "Round-trip latency": the fraud check and activation at each injected round-trip time, the
 * ratios that matter at each, and where naive and batched part. Stateless.
 */
final class RttSection {

    private static final List<List<String>> CELLS = List.of(
            List.of(CellKey.FRAUD_CHECK, CellKey.NAIVE), List.of(CellKey.FRAUD_CHECK, CellKey.BATCHED),
            List.of(CellKey.ACTIVATION, CellKey.NAIVE), List.of(CellKey.ACTIVATION, CellKey.BATCHED));

    private RttSection() {
    }

    static Section of(RttSweep sweep) {
        List<Block> blocks = new ArrayList<>();
        if (sweep.isEmpty()) {
            blocks.add(new Paragraph("This run has no round-trip sweep. Run the pipeline with `--rtt 1ms,5ms,20ms` (the"
                    + " full profile does by default) to see where naive and batched part."));
            return new Section("rtt", "Round-trip latency", blocks);
        }
        blocks.add(new Paragraph("On loopback a round trip costs tens of microseconds; between a service and a managed"
                + " database, 0.5 to 20 ms. Here the fraud check and the activation ran again with a latency added"
                + " before every statement, commit and rollback (a sleep in a JDBC proxy: it delays calls, not bytes)."
                + " Cells: p50 / p95 in ms; 0 is the main measurement."));
        blocks.add(new Paragraph(achieved(sweep)));
        List<Double> rtts = sweep.rtts();
        List<String> headers = new ArrayList<>(List.of("operation", "schema"));
        rtts.forEach(rtt -> headers.add(Numbers.plain(rtt) + " ms"));
        List<List<String>> rows = new ArrayList<>();
        for (String schema : CellKey.SCHEMAS) {
            for (List<String> cell : CELLS) {
                List<String> row = new ArrayList<>(List.of(Inline.code(cell.get(0) + "." + cell.get(1)), schema));
                for (double rtt : rtts) {
                    row.add(sweep.point(cell.get(0), cell.get(1), schema, rtt)
                            .map(point -> Numbers.millis(point.p50()) + " / " + Numbers.millis(point.p95()))
                            .orElse("not measured"));
                }
                rows.add(row);
            }
        }
        blocks.add(new Table(headers, rows));
        blocks.add(new Paragraph("Ratios of means at each round-trip time:"));
        List<String> ratioHeaders = new ArrayList<>(List.of("ratio", "tends to"));
        rtts.forEach(rtt -> ratioHeaders.add(Numbers.plain(rtt) + " ms"));
        List<List<String>> ratioRows = new ArrayList<>();
        ratioRows.add(ratioRow(sweep, rtts, "fraud check, batching alone (after): naive / batched", "6 / 1 round trips",
                CellKey.FRAUD_CHECK, CellKey.NAIVE, CellKey.AFTER, CellKey.BATCHED, CellKey.AFTER));
        ratioRows.add(ratioRow(sweep, rtts, "activation, batching alone (after): naive / batched", "9 / 5 round trips",
                CellKey.ACTIVATION, CellKey.NAIVE, CellKey.AFTER, CellKey.BATCHED, CellKey.AFTER));
        ratioRows.add(ratioRow(sweep, rtts, "activation, the report's comparison: naive before / batched after",
                "9 / 5 round trips", CellKey.ACTIVATION, CellKey.NAIVE, CellKey.BEFORE, CellKey.BATCHED, CellKey.AFTER));
        blocks.add(new Table(ratioHeaders, ratioRows));
        blocks.add(new Bullets(findings(sweep)));
        blocks.add(new Image(RttChart.NAME, RttChart.TITLE));
        return new Section("rtt", "Round-trip latency", blocks);
    }

    /** "Requested 20 ms, achieved 20.041 ms per trip (+0.2 %, 1,234 trips); ..." or why there is no figure. */
    static String achieved(RttSweep sweep) {
        if (sweep.achieved().isEmpty()) {
            return "The delay achieved per round trip was not recorded in this run (its JMH files predate it).";
        }
        List<String> parts = new ArrayList<>();
        sweep.achieved().forEach((requested, achieved) -> achieved.meanMillis().ifPresent(mean -> parts.add(
                "requested " + Numbers.plain(requested) + " ms, achieved " + Numbers.decimal(mean, 3) + " ms per trip ("
                        + String.format(java.util.Locale.ROOT, "%+.1f %%", (mean / requested - 1) * 100) + ", "
                        + Numbers.count(achieved.trips()) + " trips)")));
        return "Delay added per round trip, the mean of the measured waits over the sweep's operations: "
                + String.join("; ", parts) + ". A wait never ends early; it ends late when the machine does not"
                + " schedule the waiting thread in time, and then every trip costs the path that makes more of them.";
    }

    private static List<String> ratioRow(RttSweep sweep, List<Double> rtts, String label, String limit, String benchmark,
                                         String numeratorMethod, String numeratorSchema, String denominatorMethod,
                                         String denominatorSchema) {
        List<String> row = new ArrayList<>(List.of(label, limit));
        for (double rtt : rtts) {
            OptionalDouble ratio = sweep.ratio(benchmark, numeratorMethod, numeratorSchema, denominatorMethod,
                    denominatorSchema, rtt);
            row.add(ratio.isPresent() ? Numbers.factor(ratio.getAsDouble()) : "not measured");
        }
        return row;
    }

    private static List<String> findings(RttSweep sweep) {
        List<String> findings = new ArrayList<>();
        findings.add(crossing(RttClaims.batchingTwiceAsFastFrom(sweep, CellKey.FRAUD_CHECK),
                "the batched fraud check is 2x faster than the naive one (after the migrations)"));
        findings.add(crossing(RttClaims.batchingTwiceAsFastFrom(sweep, CellKey.ACTIVATION),
                "the batched activation is 2x faster than the naive one (after the migrations)"));
        OptionalDouble sixUpTo = RttClaims.sixTimesHoldsUpTo(sweep);
        findings.add("the report's 6x (naive before / batched after) "
                + (sixUpTo.isEmpty() ? "holds at no measured round-trip time"
                        : sixUpTo.getAsDouble() == 0 ? "holds on loopback only (0 ms), at none of the added round trips"
                        : "holds up to " + Numbers.ms(sixUpTo.getAsDouble()) + " per round trip among the measured points")
                + ": with latency, the index speedup is diluted and the ratio tends to 9 / 5 round trips");
        return findings;
    }

    private static String crossing(OptionalDouble rtt, String what) {
        return rtt.isPresent()
                ? what + " from about " + Numbers.ms(rtt.getAsDouble()) + " per round trip (interpolated between measured points)"
                : what + " at no measured round-trip time";
    }
}
