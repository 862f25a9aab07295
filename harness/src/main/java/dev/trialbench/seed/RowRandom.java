package dev.trialbench.seed;

/**
 * The random draws of one row: reset to (stream, row index), then drawn in a fixed order. Because
 * each row starts from its own scrambled state, a row's values never depend on the rows before it.
 * Mutable and not thread-safe: each table generator owns one.
 */
final class RowRandom {

    private long state;

    void reset(long stream, long index) {
        state = Mix.at(stream, index);
    }

    long next() {
        state += Mix.GOLDEN;
        return Mix.mix64(state);
    }

    /** Uniform in [0, bound). */
    long below(long bound) {
        return Mix.below(next(), bound);
    }

    int below(int bound) {
        return (int) Mix.below(next(), bound);
    }

    /** True with the given probability in percent. */
    boolean percent(int percent) {
        return below(100) < percent;
    }

    /** True with the given probability in per mille. */
    boolean perMille(int perMille) {
        return below(1000) < perMille;
    }

    /**
     * In [0, bound), denser near 0: the density falls like 1/sqrt(x), so the first 1% of the range
     * draws 10% of the values and the first 25% draws half.
     */
    long skewed(long bound) {
        double unit = Mix.unit(next());
        return Math.min(bound - 1, (long) (unit * unit * bound));
    }

    /** One of the items, chosen uniformly. */
    <T> T pick(T[] items) {
        return items[below(items.length)];
    }
}
