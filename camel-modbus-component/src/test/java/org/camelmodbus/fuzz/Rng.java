package org.camelmodbus.fuzz;

/**
 * SplitMix64: fast, allocation-free, and reseedable per input, so that input number {@code k} of a run depends only on
 * the run's seed and {@code k} and can be replayed alone ({@code -Dfuzz.seed=S -Dfuzz.first=k -Dfuzz.inputs=1}).
 */
final class Rng {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long state;

    Rng(long seed) {
        state = seed;
    }

    /** Positions the generator at input {@code index} of the run seeded with {@code seed}. */
    void seedFor(long seed, long index) {
        state = mix(seed ^ mix(index * GOLDEN + 0x632BE59BD9B4E019L));
    }

    long nextLong() {
        return mix(state += GOLDEN);
    }

    /** Uniform in {@code 0 .. bound - 1}; the bias of the multiply-shift is below 2^-32 for our bounds. */
    int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** Uniform in {@code from .. to}, both included. */
    int between(int from, int to) {
        return from + nextInt(to - from + 1);
    }

    boolean nextBoolean() {
        return nextLong() < 0;
    }

    /** True once in {@code n} calls on average. */
    boolean oneIn(int n) {
        return nextInt(n) == 0;
    }

    void nextBytes(byte[] target, int from, int to) {
        int i = from;
        while (i < to) {
            long bits = nextLong();
            for (int k = 0; k < 8 && i < to; k++, bits >>>= 8) {
                target[i++] = (byte) bits;
            }
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
