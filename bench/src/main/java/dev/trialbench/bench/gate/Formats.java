package dev.trialbench.bench.gate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Number formats of the gate's rows, in {@link Locale#ROOT} so that every machine prints the same
 * table. A value that is not a number prints as {@code n/a}. Stateless.
 */
final class Formats {

    static final String NOT_AVAILABLE = "n/a";

    private Formats() {
    }

    /** A factor with three significant digits, e.g. {@code 6.21x}, {@code 14.3x}, {@code 142x}. */
    static String factor(double ratio) {
        if (!Double.isFinite(ratio)) {
            return NOT_AVAILABLE;
        }
        double size = Math.abs(ratio);
        String pattern = size >= 100 ? "%.0fx" : size >= 10 ? "%.1fx" : "%.2fx";
        return String.format(Locale.ROOT, pattern, ratio);
    }

    /** Milliseconds with three significant digits and the unit. */
    static String ms(double millis) {
        if (!Double.isFinite(millis)) {
            return NOT_AVAILABLE;
        }
        double size = Math.abs(millis);
        String pattern = size >= 100 ? "%.0f ms" : size >= 10 ? "%.1f ms" : size >= 1 ? "%.2f ms" : "%.3f ms";
        return String.format(Locale.ROOT, pattern, millis);
    }

    /** A fraction as a percentage, e.g. {@code 15 %}, {@code 99.98 %}. */
    static String percent(double fraction) {
        if (!Double.isFinite(fraction)) {
            return NOT_AVAILABLE;
        }
        return plain(BigDecimal.valueOf(fraction * 100).setScale(2, java.math.RoundingMode.HALF_UP).doubleValue()) + " %";
    }

    /** A per-operation count or a block count: whole numbers bare, others with two decimals. */
    static String count(double value) {
        if (!Double.isFinite(value)) {
            return NOT_AVAILABLE;
        }
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }

    /** A plain decimal without trailing zeros, e.g. a scale {@code 0.1}. */
    static String plain(double value) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString() : NOT_AVAILABLE;
    }

    /** Rounds to four decimals, for figures stored in a baseline (0.1534 rather than 0.15338461538). */
    static double round(double value) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value).setScale(4, java.math.RoundingMode.HALF_UP).doubleValue()
                : value;
    }

    /** {@code idx_a, idx_b}, or {@code none}. */
    static String names(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
