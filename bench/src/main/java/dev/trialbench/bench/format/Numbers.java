package dev.trialbench.bench.format;

import java.util.Locale;

/**
 * Number formats of the reports, all in {@link Locale#ROOT} so that a report reads the same, byte for
 * byte, on every machine. A value that is not a number prints as {@code n/a}. Stateless.
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

    /** Per-operation counts such as round trips: whole numbers without decimals, others with two. */
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
        return Double.isFinite(value) ? java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString() : NOT_AVAILABLE;
    }
}
