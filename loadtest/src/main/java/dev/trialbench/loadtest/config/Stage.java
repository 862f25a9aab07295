package dev.trialbench.loadtest.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One step of an open-model stair: arrivals at a constant {@code ratePerSecond} for {@code seconds}
 * (Gatling's {@code constantUsersPerSec(rate).during(seconds)}, not randomized). Written
 * {@code RATExSECONDS}, e.g. {@code 20x10}. Immutable and thread-safe.
 *
 * @param ratePerSecond arrivals per second, greater than 0
 * @param seconds       how long the step lasts, at least 1
 */
public record Stage(double ratePerSecond, int seconds) {

    public Stage {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("the rate must be a number of arrivals per second greater than 0, was " + ratePerSecond);
        }
        if (seconds < 1) {
            throw new IllegalArgumentException("a stage lasts at least 1 second, was " + seconds);
        }
    }

    /** Arrivals in this stage: round(rate × seconds), as Gatling computes it. */
    public long arrivals() {
        return Math.round(ratePerSecond * seconds);
    }

    /** The share of one of {@code injectors} injectors: the same duration at rate / injectors. */
    public Stage perInjector(int injectors) {
        return new Stage(ratePerSecond / injectors, seconds);
    }

    /** {@code 20x10}; a whole rate is written without decimals. */
    @Override
    public String toString() {
        return format(ratePerSecond) + "x" + seconds;
    }

    static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** Parses {@code RATExSECONDS}; the message of a failure says what the text should look like. */
    public static Stage parse(String text) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        int x = value.indexOf('x');
        if (x <= 0 || x == value.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not RATExSECONDS (e.g. 20x10: 20 arrivals per second for 10 s)");
        }
        try {
            return new Stage(Double.parseDouble(value.substring(0, x)), Integer.parseInt(value.substring(x + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not RATExSECONDS (e.g. 20x10: 20 arrivals per second for 10 s)", e);
        }
    }

    /** Parses a comma-separated list such as {@code 10x5,20x5}. */
    public static List<Stage> parseList(String text) {
        List<Stage> stages = new ArrayList<>();
        for (String part : (text == null ? "" : text).split(",")) {
            if (!part.isBlank()) {
                stages.add(parse(part));
            }
        }
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' holds no stage (e.g. 10x5,20x5)");
        }
        return List.copyOf(stages);
    }
}
