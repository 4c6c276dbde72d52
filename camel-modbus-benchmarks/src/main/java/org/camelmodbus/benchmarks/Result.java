package org.camelmodbus.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** One configuration's measured rounds (or why it could not be measured). */
final class Result {
    final String name;
    final int depth;
    final String setting;
    final List<Window> rounds = new ArrayList<>();
    String failure;

    Result(String name, int depth, String setting) {
        this.name = name;
        this.depth = depth;
        this.setting = setting;
    }

    boolean measured() {
        return failure == null && !rounds.isEmpty();
    }

    Samples.Spread rate() {
        return spreadOf(Window::rate);
    }

    double medianRate() {
        return measured() ? rate().median() : Double.NaN;
    }

    /** Median over rounds of a per-round figure. */
    double median(ToDoubleFunction<Window> figure) {
        return spreadOf(figure).median();
    }

    /**
     * Median over rounds of this result's rate divided by {@code other}'s in the same round. Rounds of the two ran
     * seconds apart, so a noisy neighbour that slowed one round slowed both: a paired ratio is steadier than a ratio
     * of medians.
     */
    double pairedRatio(Result other) {
        if (!measured() || other == null || !other.measured()) {
            return Double.NaN;
        }
        int n = Math.min(rounds.size(), other.rounds.size());
        double[] ratios = new double[n];
        for (int i = 0; i < n; i++) {
            ratios[i] = rounds.get(i).rate() / other.rounds.get(i).rate();
        }
        return Samples.Spread.of(ratios).median();
    }

    long errors() {
        return rounds.stream().mapToLong(Window::errors).sum();
    }

    /** All rounds' latencies together. */
    Samples latencies() {
        Samples all = new Samples(1 << 16);
        rounds.stream().filter(w -> w.latencies() != null).forEach(w -> all.addAll(w.latencies()));
        return all;
    }

    String firstError() {
        if (failure != null) {
            return failure;
        }
        return rounds.stream()
                .map(Window::firstError)
                .filter(e -> e != null)
                .map(e -> e.getClass().getSimpleName() + ": " + e.getMessage())
                .findFirst()
                .orElse(null);
    }

    private Samples.Spread spreadOf(ToDoubleFunction<Window> figure) {
        return Samples.Spread.of(rounds.stream().mapToDouble(figure).toArray());
    }
}
