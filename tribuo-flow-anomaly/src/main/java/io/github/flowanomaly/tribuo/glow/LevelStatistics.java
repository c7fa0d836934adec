package io.github.flowanomaly.tribuo.glow;

import io.github.flowanomaly.tf.LevelScores;

import java.io.Serializable;

/**
 * The mean and standard deviation of each level's log-likelihood over held-out in-distribution images: what a
 * typical in-distribution image looks like to a Glow, scale by scale (the reference of {@link FlowScore#TYPICALITY}).
 *
 * @param means      per-level mean log-likelihood (nats).
 * @param deviations per-level standard deviation (nats), each &gt; 0.
 */
public record LevelStatistics(double[] means, double[] deviations) implements Serializable {

    /**
     * Validates and copies the arrays.
     *
     * @throws IllegalArgumentException if the lengths differ or a deviation is not positive.
     */
    public LevelStatistics {
        if (means.length != deviations.length || means.length == 0) {
            throw new IllegalArgumentException("Expected one mean and one deviation per level, found "
                    + means.length + " and " + deviations.length);
        }
        means = means.clone();
        deviations = deviations.clone();
        for (double d : deviations) {
            if (!(d > 0)) {
                throw new IllegalArgumentException("Level deviations must be > 0, found " + d);
            }
        }
    }

    /**
     * The statistics of a set of images' finite log-likelihoods (a deviation of 0, e.g. a single image, becomes 1e-6).
     *
     * @param scores the images' log-likelihoods.
     * @return the per-level statistics.
     */
    public static LevelStatistics of(LevelScores scores) {
        int levels = scores.levels();
        double[] means = new double[levels];
        double[] deviations = new double[levels];
        for (int s = 0; s < levels; s++) {
            double sum = 0;
            double sumSquares = 0;
            int n = 0;
            for (int i = 0; i < scores.count(); i++) {
                double v = scores.levelLogLikelihood(i, s);
                if (Double.isFinite(v)) {
                    sum += v;
                    sumSquares += v * v;
                    n++;
                }
            }
            double mean = n == 0 ? 0 : sum / n;
            double variance = n < 2 ? 0 : Math.max(0, (sumSquares - n * mean * mean) / (n - 1));
            means[s] = mean;
            deviations[s] = Math.max(Math.sqrt(variance), 1e-6);
        }
        return new LevelStatistics(means, deviations);
    }

    /**
     * The squared standardised distance of one image's levels from the typical values, {@code Σ_s z_s²} with
     * {@code z_s = (lp_s − mean_s) / sd_s}.
     *
     * @param scores the image's log-likelihoods.
     * @param image  the image index.
     * @return the distance (non-finite log-likelihoods give {@code +∞}).
     */
    public double distance(LevelScores scores, int image) {
        if (scores.levels() != means.length) {
            throw new IllegalArgumentException("Statistics of " + means.length + " levels cannot score "
                    + scores.levels() + " levels");
        }
        double sum = 0;
        for (int s = 0; s < means.length; s++) {
            double z = (scores.levelLogLikelihood(image, s) - means[s]) / deviations[s];
            sum += z * z;
        }
        return Double.isFinite(sum) ? sum : Double.POSITIVE_INFINITY;
    }
}
