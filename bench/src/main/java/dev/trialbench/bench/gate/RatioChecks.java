package dev.trialbench.bench.gate;

import dev.trialbench.bench.report.CellKey;
import dev.trialbench.bench.report.Factorial;
import dev.trialbench.bench.report.Ratio;
import dev.trialbench.bench.report.RunFolder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tier 2: every ratio of the baseline measured again in this run (JMH medians of two cells of the
 * same run) and judged against the band its stored spread gave it ({@link Tolerances}). Stateless.
 */
final class RatioChecks {

    static final int TIER = 2;

    private RatioChecks() {
    }

    static List<Check> of(Baseline baseline, RunFolder run) {
        Factorial factorial = Factorial.of(run.cells());
        List<Check> checks = new ArrayList<>();
        for (Baseline.RatioExpectation expected : baseline.ratios()) {
            checks.add(check(expected, factorial));
        }
        return checks;
    }

    private static Check check(Baseline.RatioExpectation expected, Factorial factorial) {
        Band band = expected.band();
        String tolerance = Formats.percent(expected.tolerance()) + " (" + Formats.factor(band.low()) + ".."
                + Formats.factor(band.high()) + ")";
        RatioDefinition definition = new RatioDefinition(expected.name(), expected.kind(), expected.numerator(),
                expected.denominator(), expected.direction());
        Optional<Ratio> ratio = definition.in(factorial);
        if (ratio.isEmpty()) {
            CellKey missing = definition.missingIn(factorial);
            return Check.notMeasured(TIER, expected.name(), missing.label(), Formats.factor(expected.value()),
                    missing.label() + " was not measured (no result in jmh-" + missing.schema() + ".json)");
        }
        double value = ratio.get().p50();
        GateVerdict verdict = band.judge(value, expected.direction());
        String message = verdict == GateVerdict.PASS ? "" : expected.name() + ": " + Formats.factor(value) + ", "
                + band.side(value) + " the band " + Formats.factor(band.low()) + ".." + Formats.factor(band.high())
                + " around the baseline's " + Formats.factor(expected.value()) + " (" + expected.direction().text() + "; "
                + expected.explain() + ")" + (verdict == GateVerdict.IMPROVED ? "; refresh the baseline to keep the gain" : "");
        return new Check(TIER, expected.name(), expected.numerator().label(), Formats.factor(expected.value()),
                Formats.factor(value), tolerance, expected.direction(), verdict, message);
    }
}
