package io.github.flowanomaly.tribuo.impl;

import java.util.Arrays;

/**
 * Empirical quantiles (linear interpolation between order statistics, "type 7", as numpy's default).
 */
public final class Quantiles {

    private Quantiles() {}

    /**
     * The {@code q}-quantile of values.
     *
     * @param values the values (not modified; +∞ allowed, NaN not).
     * @param q      the quantile in [0, 1].
     * @return the quantile.
     */
    public static double of(double[] values, double q) {
        if (values.length == 0) {
            throw new IllegalArgumentException("Cannot take a quantile of no values");
        }
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("Quantile must be in [0, 1], found " + q);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (Double.isNaN(sorted[sorted.length - 1])) {
            throw new IllegalArgumentException("Cannot take a quantile of NaN values");
        }
        double position = q * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = Math.min(lower + 1, sorted.length - 1);
        double fraction = position - lower;
        if (fraction == 0 || sorted[upper] == sorted[lower]) {
            return sorted[lower];
        }
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower]);
    }
}
