package dev.trialbench.bench.gate;

import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.Factorial;
import dev.trialbench.bench.runfolder.Ratio;
import dev.trialbench.bench.runfolder.RunFolder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tier 2: every ratio of the baseline measured again in this run (JMH medians of two cells of the
 * same run) and judged against the band its stored spread gave it ({@link Tolerances}). A ratio the
 * baseline marks as not gated is shown and never fails. With confirmation runs (further runs of the
 * same tree), a ratio regresses, or improves, only when it does so in every run; one run's outlier
 * then passes, with a message that says so. Stateless.
 */
final class RatioChecks {

    static final int TIER = 2;

    private RatioChecks() {
    }

    static List<Check> of(Baseline baseline, RunFolder run, List<RunFolder> confirmations) {
        Factorial factorial = Factorial.of(run.cells());
        List<Check> checks = new ArrayList<>();
        for (Baseline.RatioExpectation expected : baseline.ratios()) {
            checks.add(check(expected, run.name(), factorial, confirmations));
        }
        return checks;
    }

    private static Check check(Baseline.RatioExpectation expected, String runName, Factorial factorial,
                               List<RunFolder> confirmations) {
        Band band = expected.band();
        String bandText = Numbers.factor(band.low()) + ".." + Numbers.factor(band.high());
        String tolerance = expected.gated() ? Numbers.percentTrimmed(expected.tolerance()) + " (" + bandText + ")"
                : expected.notGatedBecause() != null ? "not gated (commits: the disk's WAL flush)"
                : "not gated (spread " + Numbers.percentTrimmed(expected.spread()) + ")";
        RatioDefinition definition = new RatioDefinition(expected.name(), expected.kind(), expected.numerator(),
                expected.denominator(), expected.direction());
        Optional<Ratio> ratio = definition.in(factorial);
        if (ratio.isEmpty()) {
            return missing(expected, definition.missingIn(factorial), "");
        }
        double value = ratio.get().p50();
        GateVerdict verdict = band.judge(value, expected.direction());
        String measured = Numbers.factor(value);
        String moved = expected.name() + ": " + Numbers.factor(value) + ", " + band.side(value) + " the band " + bandText
                + " around the baseline's " + Numbers.factor(expected.value()) + " (" + expected.direction().text() + "; "
                + expected.explain() + ")";
        List<String> unconfirmed = new ArrayList<>();
        for (RunFolder confirmation : confirmations) {
            Factorial other = Factorial.of(confirmation.cells());
            Optional<Ratio> again = definition.in(other);
            if (again.isEmpty()) {
                return missing(expected, definition.missingIn(other), " of the confirmation run " + confirmation.name());
            }
            measured += " / " + Numbers.factor(again.get().p50());
            if (band.judge(again.get().p50(), expected.direction()) != verdict) {
                unconfirmed.add(Numbers.factor(again.get().p50()) + " in " + confirmation.name());
            }
        }
        String message = "";
        if (verdict != GateVerdict.PASS && !expected.gated()) {
            message = moved + "; shown, not failed";
            verdict = GateVerdict.PASS;
        } else if (verdict != GateVerdict.PASS && !unconfirmed.isEmpty()) {
            message = moved + " in " + runName + "; not confirmed: " + String.join(", ", unconfirmed);
            verdict = GateVerdict.PASS;
        } else if (verdict == GateVerdict.REGRESSION) {
            message = moved + (confirmations.isEmpty() ? "" : "; in every run");
        } else if (verdict == GateVerdict.IMPROVED) {
            message = moved + "; refresh the baseline to keep the gain";
        }
        return new Check(TIER, expected.name(), expected.numerator().label(), Numbers.factor(expected.value()),
                measured, tolerance, expected.direction(), verdict, message);
    }

    private static Check missing(Baseline.RatioExpectation expected, CellKey cell, String where) {
        return Check.notMeasured(TIER, expected.name(), cell.label(), Numbers.factor(expected.value()),
                cell.label() + " was not measured (no result in jmh-" + cell.schema() + ".json" + where + ")");
    }
}
