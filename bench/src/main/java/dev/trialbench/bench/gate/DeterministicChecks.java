package dev.trialbench.bench.gate;

import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.RunEvidence.CellEvidence;
import dev.trialbench.bench.runfolder.RunEvidence.StatementEvidence;
import dev.trialbench.bench.runfolder.RunFolder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Tier 1: the figures that do not depend on the machine. For every cell, statements and round trips
 * per operation (exact); for every statement at each schema state, the plan's index set and
 * sequential-scan set (exact) and the shared buffers touched per call (lower is better, within
 * {@link Tolerances#buffers}). Messages name the cell or the statement, e.g.
 * {@code NEWEST_REPORTS @ after: plan no longer uses idx_reports_user_created; now Seq Scan on reports}.
 * The load runs' invariants, tier 1 too, are {@link LoadInvariantChecks}. Stateless.
 */
final class DeterministicChecks {

    static final int TIER = 1;

    private DeterministicChecks() {
    }

    static List<Check> of(Baseline baseline, RunFolder run) {
        List<Check> checks = new ArrayList<>();
        baseline.cells().stream().sorted(Comparator.comparing(Baseline.CellCounts::key)).forEach(expected -> {
            Optional<CellEvidence> measured = BaselineBuilder.evidenceCell(run, expected.key());
            checks.add(count("statements/op", "statements per operation", expected.key(), expected.statementsPerOp(),
                    measured, CellEvidence::statementsPerOp));
            checks.add(count("round trips/op", "round trips per operation", expected.key(), expected.roundTripsPerOp(),
                    measured, CellEvidence::roundTripsPerOp));
        });
        for (Baseline.StatementShape expected : baseline.statements()) {
            Optional<StatementEvidence> measured = BaselineBuilder.statement(run, expected.schema(), expected.name());
            checks.add(plan(expected, measured));
            if (expected.calls() > 0) {
                checks.add(buffers(expected, measured));
            }
        }
        return checks;
    }

    private static Check count(String prefix, String what, CellKey cell, double expected, Optional<CellEvidence> measured,
                               ToDoubleFunction<CellEvidence> figure) {
        String name = prefix + " " + cell.label();
        if (measured.isEmpty()) {
            return Check.notMeasured(TIER, name, cell.label(), Numbers.perOp(expected), cell.label()
                    + " was not counted: evidence.json has no entry for it in \"cells\"");
        }
        double value = figure.applyAsDouble(measured.get());
        GateVerdict verdict = Band.exact(expected).judge(value, Direction.EXACT);
        String message = verdict == GateVerdict.PASS ? "" : cell.label() + ": " + Numbers.perOp(value) + " " + what
                + ", baseline " + Numbers.perOp(expected) + " (" + (value > expected ? Numbers.perOp(value - expected)
                + " more" : Numbers.perOp(expected - value) + " fewer") + ")";
        return new Check(TIER, name, cell.label(), Numbers.perOp(expected), Numbers.perOp(value), "exact",
                Direction.EXACT, verdict, message);
    }

    private static Check plan(Baseline.StatementShape expected, Optional<StatementEvidence> measured) {
        String name = "plan " + expected.label();
        String expectedShape = shape(expected.indexes(), expected.seqScans());
        if (measured.isEmpty()) {
            return Check.notMeasured(TIER, name, expected.label(), expectedShape, missing(expected));
        }
        List<String> indexes = BaselineBuilder.sorted(measured.get().indexes());
        List<String> seqScans = BaselineBuilder.sorted(measured.get().seqScans());
        List<String> changes = new ArrayList<>();
        without(expected.indexes(), indexes).forEach(index -> changes.add("no longer uses " + index));
        without(indexes, expected.indexes()).forEach(index -> changes.add("now uses " + index));
        without(seqScans, expected.seqScans()).forEach(table -> changes.add("now Seq Scan on " + table));
        without(expected.seqScans(), seqScans).forEach(table -> changes.add("no longer Seq Scan on " + table));
        GateVerdict verdict = changes.isEmpty() ? GateVerdict.PASS : GateVerdict.REGRESSION;
        String message = changes.isEmpty() ? "" : expected.label() + ": plan " + String.join("; ", changes);
        return new Check(TIER, name, expected.label(), expectedShape, shape(indexes, seqScans), "exact",
                Direction.EXACT, verdict, message);
    }

    private static Check buffers(Baseline.StatementShape expected, Optional<StatementEvidence> measured) {
        String name = "shared buffers/call " + expected.label();
        double baseline = expected.sharedBuffersPerCall();
        double slack = Tolerances.buffers(baseline, expected.sharedBuffersRange());
        String tolerance = "+/-" + Numbers.perOp(Numbers.roundToFourDecimals(slack))
                + " blocks (75 %, 5 or the baseline runs' range, the largest)";
        if (measured.isEmpty()) {
            return Check.notMeasured(TIER, name, expected.label(), Numbers.perOp(baseline), missing(expected));
        }
        if (measured.get().calls() == 0) {
            return Check.notMeasured(TIER, name, expected.label(), Numbers.perOp(baseline), expected.label()
                    + ": pg_stat_statements recorded no call in this run (was pg_stat_statements loaded?)");
        }
        double value = measured.get().sharedHitPerCall() + measured.get().sharedReadPerCall();
        Band band = Band.plusMinus(baseline, slack);
        GateVerdict verdict = band.judge(value, Direction.LOWER_IS_BETTER);
        String message = switch (verdict) {
            case REGRESSION -> expected.label() + ": " + Numbers.perOp(Numbers.roundToFourDecimals(value))
                    + " shared buffers per call, above " + Numbers.perOp(Numbers.roundToFourDecimals(band.high())) + " (baseline "
                    + Numbers.perOp(baseline) + ")";
            case IMPROVED -> expected.label() + ": " + Numbers.perOp(Numbers.roundToFourDecimals(value))
                    + " shared buffers per call, below " + Numbers.perOp(Numbers.roundToFourDecimals(band.low())) + " (baseline "
                    + Numbers.perOp(baseline) + "): fewer buffers; refresh the baseline to keep the gain";
            default -> "";
        };
        return new Check(TIER, name, expected.label(), Numbers.perOp(baseline), Numbers.perOp(Numbers.roundToFourDecimals(value)),
                tolerance, Direction.LOWER_IS_BETTER, verdict, message);
    }

    private static String missing(Baseline.StatementShape expected) {
        return expected.label() + ": evidence.json has no such statement (renamed or removed? refresh the baseline)";
    }

    /** {@code indexes idx_a; seq scans reports}. */
    static String shape(List<String> indexes, List<String> seqScans) {
        return "indexes " + names(indexes) + "; seq scans " + names(seqScans);
    }

    private static List<String> without(List<String> names, List<String> removed) {
        return names.stream().filter(name -> !removed.contains(name)).toList();
    }

    /** {@code idx_a, idx_b}, or {@code none}. */
    static String names(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
