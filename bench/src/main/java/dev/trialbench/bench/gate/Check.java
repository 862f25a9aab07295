package dev.trialbench.bench.gate;

import java.util.Objects;

/**
 * One row of the gate: what was expected, what this run measured, the tolerance, the direction and the
 * verdict. {@code message} says, for anything but a pass, what moved and names the statement or cell,
 * so that a CI log or a pull-request comment can be read without the files. Immutable.
 *
 * @param tier    1 deterministic, 2 timings (ratios, server time), 3 budgets; 0 for the inputs (files, comparability)
 * @param name    what is checked, unique within the gate, e.g. {@code plan NEWEST_REPORTS @ after}
 * @param subject the statement or cell the check is about, e.g. {@code NEWEST_REPORTS @ after}
 * @param message empty for a plain pass
 */
public record Check(int tier, String name, String subject, String expected, String measured, String tolerance,
                    Direction direction, GateVerdict verdict, String message) {

    public static final int INPUTS = 0;

    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(verdict, "verdict");
        subject = subject == null ? "" : subject;
        expected = expected == null ? "" : expected;
        measured = measured == null ? "" : measured;
        tolerance = tolerance == null ? "" : tolerance;
        message = message == null ? "" : message;
    }

    /** A check that could not be made: the inputs it needs are missing or cannot be compared. */
    public static Check notMeasured(int tier, String name, String subject, String expected, String message) {
        return new Check(tier, name, subject, expected, "not measured", "", Direction.EXACT, GateVerdict.NOT_MEASURED,
                message);
    }

    /** The tier's title, as the outputs show it. */
    public static String tierTitle(int tier) {
        return switch (tier) {
            case INPUTS -> "inputs";
            case 1 -> "tier 1: deterministic";
            case 2 -> "tier 2: timings (ratios, server time per statement)";
            case 3 -> "tier 3: budgets";
            default -> "tier " + tier;
        };
    }
}
