package io.github.flowanomaly.tribuo.detectors;

import io.github.flowanomaly.tf.LevelScores;
import io.github.flowanomaly.tribuo.impl.Quantiles;

/**
 * Log-likelihoods of held-out in-distribution images under both models of a likelihood-ratio pair, and the quantile
 * of their anomaly scores used as the decision threshold.
 *
 * @param inDistribution the in-distribution model's log-likelihoods.
 * @param general        the general model's log-likelihoods of the same images.
 * @param quantile       the threshold quantile in [0, 1].
 */
public record PairCalibration(LevelScores inDistribution, LevelScores general, double quantile)
        implements java.io.Serializable {

    /**
     * Validates the pair.
     *
     * @throws IllegalArgumentException if the two score sets differ in size or the quantile is outside [0, 1].
     */
    public PairCalibration {
        if (inDistribution.count() != general.count() || inDistribution.count() == 0) {
            throw new IllegalArgumentException("Calibration needs the same, non-zero number of images under both "
                    + "models, found " + inDistribution.count() + " and " + general.count());
        }
        if (!(quantile >= 0 && quantile <= 1)) {
            throw new IllegalArgumentException("threshold quantile must be in [0, 1], found " + quantile);
        }
    }

    /**
     * The calibration images' anomaly scores.
     *
     * @param score the score.
     * @return one score per image.
     */
    public double[] anomalyScores(RatioScore score) {
        double[] values = new double[inDistribution.count()];
        for (int i = 0; i < values.length; i++) {
            values[i] = score.score(inDistribution, general, i);
        }
        return values;
    }

    /**
     * The threshold for a score.
     *
     * @param score the score.
     * @return the {@link #quantile()} of the calibration images' scores.
     */
    public double threshold(RatioScore score) {
        return Quantiles.of(anomalyScores(score), quantile);
    }
}
