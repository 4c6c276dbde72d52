package org.camelmodbus.benchmarks;

import java.util.Arrays;

/** A growable list of longs (latencies in nanoseconds, rates), with the statistics the tables need. */
final class Samples {
    private long[] values;
    private int size;

    Samples(int capacity) {
        values = new long[Math.max(16, capacity)];
    }

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = value;
    }

    void addAll(Samples other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
    }

    int size() {
        return size;
    }

    /** The value below which {@code fraction} of the samples lie (nearest rank); -1 when empty. */
    long percentile(double fraction) {
        if (size == 0) {
            return -1;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(fraction * size);
        return sorted[Math.min(size - 1, Math.max(0, rank - 1))];
    }

    long max() {
        return size == 0 ? -1 : Arrays.stream(values, 0, size).max().getAsLong();
    }

    /** Median, minimum and maximum of per-round values. */
    record Spread(double median, double min, double max) {
        static Spread of(double[] rounds) {
            if (rounds.length == 0) {
                return new Spread(Double.NaN, Double.NaN, Double.NaN);
            }
            double[] sorted = rounds.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            return new Spread(median, sorted[0], sorted[n - 1]);
        }
    }
}
