package dev.trialbench.bench.format;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Number formats of the reports and of the gate, all in {@link Locale#ROOT} so that a report and a gate
 * table read the same, byte for byte, on every machine. A value that is not a number prints as
 * {@code n/a}. Where the gate has always printed a figure differently from the report (milliseconds
 * without a thousands separator, percentages without trailing zeros), the gate's way is a method of its
 * own, named for the difference, so that neither output changes. Stateless.
 */
public final class Numbers {

    public static final String NOT_AVAILABLE = "n/a";

    private Numbers() {
    }

    /** Milliseconds with about three significant digits, e.g. {@code 0.048}, {@code 5.31}, {@code 142}. */
    public static String millis(double millis) {
        if (!Double.isFinite(millis)) {
            return NOT_AVAILABLE;
        }
        double size = Math.abs(millis);
        String pattern = size >= 100 ? "%,.0f" : size >= 10 ? "%.1f" : size >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, millis);
    }

    /** {@link #millis} with the unit. */
    public static String ms(double millis) {
        return Double.isFinite(millis) ? millis(millis) + " ms" : NOT_AVAILABLE;
    }

    /** {@link #ms} without the thousands separator, e.g. {@code 1234 ms}: the gate's rows. */
    public static String msUngrouped(double millis) {
        if (!Double.isFinite(millis)) {
            return NOT_AVAILABLE;
        }
        double size = Math.abs(millis);
        String pattern = size >= 100 ? "%.0f ms" : size >= 10 ? "%.1f ms" : size >= 1 ? "%.2f ms" : "%.3f ms";
        return String.format(Locale.ROOT, pattern, millis);
    }

    /** A factor, e.g. {@code 6.2x}, {@code 1.08x}, {@code 35x}. */
    public static String factor(double ratio) {
        if (!Double.isFinite(ratio)) {
            return NOT_AVAILABLE;
        }
        double size = Math.abs(ratio);
        String pattern = size >= 100 ? "%.0fx" : size >= 10 ? "%.1fx" : "%.2fx";
        return String.format(Locale.ROOT, pattern, ratio);
    }

    /** A fraction as a percentage, e.g. {@code 99.68 %}. */
    public static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.2f %%", fraction * 100) : NOT_AVAILABLE;
    }

    /**
     * A fraction as a percentage rounded to two decimals, without trailing zeros, e.g. {@code 15 %},
     * {@code 99.98 %}: the gate's rows.
     */
    public static String percentTrimmed(double fraction) {
        if (!Double.isFinite(fraction)) {
            return NOT_AVAILABLE;
        }
        return plain(BigDecimal.valueOf(fraction * 100).setScale(2, RoundingMode.HALF_UP).doubleValue()) + " %";
    }

    /** Per-operation counts such as round trips, or block counts: whole numbers without decimals, others with two. */
    public static String perOp(double value) {
        if (!Double.isFinite(value)) {
            return NOT_AVAILABLE;
        }
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    public static String decimal(double value, int places) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + places + "f", value) : NOT_AVAILABLE;
    }

    /** A size in kB below a megabyte, in MB from there. */
    public static String bytes(long bytes) {
        return bytes < 1_000_000 ? String.format(Locale.ROOT, "%.0f kB", bytes / 1e3)
                : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    /** A plain decimal without trailing zeros, e.g. a scale factor {@code 0.05} or {@code 1}. */
    public static String plain(double value) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString() : NOT_AVAILABLE;
    }

    /** Rounds to four decimals, for figures a baseline stores and the gate prints (0.1534 rather than 0.15338461538). */
    public static double roundToFourDecimals(double value) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).doubleValue() : value;
    }
}
