package dev.trialbench.bench.gate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The gate's result: every check as a row, notes that are not checks (what the baseline does not
 * cover), and the exit code. Immutable.
 *
 * @param run      the run folder's name
 * @param baseline what the baseline was made from, for the outputs' header
 * @param tiers    the tiers that were asked for
 */
public record GateReport(String run, String baseline, List<Integer> tiers, List<Check> checks, List<String> notes) {

    public static final int PASSED = 0;
    public static final int REGRESSED = 1;
    public static final int NOT_MEASURED = 2;

    public GateReport {
        tiers = List.copyOf(tiers);
        checks = List.copyOf(checks);
        notes = List.copyOf(notes);
    }

    /**
     * 1 when any check regressed (a regression is news even when another check could not be made), else
     * 2 when any check could not be made, else 0. Improvements pass.
     */
    public int exitCode() {
        if (count(GateVerdict.REGRESSION) > 0) {
            return REGRESSED;
        }
        if (checks.isEmpty() || count(GateVerdict.NOT_MEASURED) > 0) {
            return NOT_MEASURED;
        }
        return PASSED;
    }

    public long count(GateVerdict verdict) {
        return checks.stream().filter(check -> check.verdict() == verdict).count();
    }

    /** {@code PASS}, {@code REGRESSION} or {@code COULD NOT MEASURE}. */
    public String headline() {
        return switch (exitCode()) {
            case PASSED -> "PASS";
            case REGRESSED -> "REGRESSION";
            default -> "COULD NOT MEASURE";
        };
    }

    /** {@code 112 checks: 108 pass, 2 improved, 1 regression, 1 not measured}. */
    public String summary() {
        long regressions = count(GateVerdict.REGRESSION);
        return checks.size() + (checks.size() == 1 ? " check: " : " checks: ") + count(GateVerdict.PASS) + " pass, " + count(GateVerdict.IMPROVED)
                + " improved, " + regressions + " regression" + (regressions == 1 ? "" : "s") + ", "
                + count(GateVerdict.NOT_MEASURED) + " not measured";
    }

    /**
     * The checks to read: regressions first, then figures not measured, improvements, and passes that
     * carry a message (a ratio that moved but is not gated, or moved in one run and not the other).
     */
    public List<Check> attention() {
        List<Check> attention = new ArrayList<>(checks.stream()
                .filter(check -> check.verdict() != GateVerdict.PASS || !check.message().isEmpty()).toList());
        attention.sort(Comparator.comparing(check -> switch (check.verdict()) {
            case REGRESSION -> 0;
            case NOT_MEASURED -> 1;
            case IMPROVED -> 2;
            case PASS -> 3;
        }));
        return attention;
    }

    /** The tiers that have rows, in order (0, the inputs, first). */
    public List<Integer> tiersWithChecks() {
        return checks.stream().map(Check::tier).distinct().sorted().toList();
    }

    public List<Check> checks(int tier) {
        return checks.stream().filter(check -> check.tier() == tier).toList();
    }

    /** {@code quick profile ... 3 runs}, and the tiers. */
    public String header() {
        return "run " + run + " against the baseline from " + baseline + ", tiers "
                + String.join(",", tiers.stream().map(String::valueOf).toList());
    }
}
