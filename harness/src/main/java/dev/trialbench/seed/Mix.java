package dev.trialbench.seed;

import java.util.UUID;

/**
 * The mixing function behind every generated value: SplitMix64's finalizer, a bijection on 64-bit
 * words. A value is a pure function of (seed, purpose, row index), so any row can be regenerated
 * on its own, in any order, and a benchmark can recompute an id without reading the database.
 * No shared {@code java.util.Random} state. Thread-safe (stateless).
 */
final class Mix {

    /** 2^64 divided by the golden ratio, odd: multiplying by it permutes the 64-bit words. */
    static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Mix() {
    }

    static long mix64(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The base of one independent stream of values, for one purpose (a table's ids, its rows, ...). */
    static long stream(long seed, long purpose) {
        return mix64(mix64(seed ^ 0x5EED5EED5EED5EEDL) + purpose * GOLDEN);
    }

    /** The index-th word of a stream. A bijection of the index: distinct indexes give distinct words. */
    static long at(long stream, long index) {
        return mix64(stream + index * GOLDEN);
    }

    /** A version 4 UUID whose high word (less 4 version bits) is a bijection of the index. */
    static UUID uuid(long stream, long index) {
        long high = at(stream, index);
        long low = mix64(high ^ 0x6A09E667F3BCC909L);
        return new UUID((high & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L,
                (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
    }

    /** A uniform integer in [0, bound) from 64 random bits; exact (no floating point). */
    static long below(long bits, long bound) {
        long positive = bits >>> 1;
        long high = Math.multiplyHigh(positive, bound);
        long low = positive * bound;
        return (high << 1) | (low >>> 63);
    }

    /** A uniform double in [0, 1) from 64 random bits. */
    static double unit(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }
}
