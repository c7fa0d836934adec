package io.github.flowanomaly.report;

import java.util.List;

/**
 * The AUROCs of one detector over repeated runs at one training budget (e.g. different seeds): their mean, smallest
 * and largest value.
 *
 * @param mean the mean AUROC.
 * @param min  the smallest AUROC.
 * @param max  the largest AUROC.
 * @param runs how many runs.
 */
public record AurocSpread(double mean, double min, double max, int runs) {

    /**
     * Validates the summary.
     *
     * @param mean the mean AUROC.
     * @param min  the smallest AUROC.
     * @param max  the largest AUROC.
     * @param runs how many runs, at least one.
     */
    public AurocSpread {
        if (runs < 1 || !(min <= mean && mean <= max)) {
            throw new IllegalArgumentException("Expected runs >= 1 and min <= mean <= max, found runs=" + runs
                    + ", min=" + min + ", mean=" + mean + ", max=" + max);
        }
    }

    /**
     * Summarises the AUROCs of repeated runs.
     *
     * @param aurocs the AUROC of each run, at least one.
     * @return their mean, minimum and maximum.
     */
    public static AurocSpread of(List<Double> aurocs) {
        if (aurocs.isEmpty()) {
            throw new IllegalArgumentException("Expected at least one AUROC");
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double a : aurocs) {
            sum += a;
            min = Math.min(min, a);
            max = Math.max(max, a);
        }
        // clamp: the rounding of the sum must not put the mean outside [min, max]
        double mean = Math.min(max, Math.max(min, sum / aurocs.size()));
        return new AurocSpread(mean, min, max, aurocs.size());
    }
}
