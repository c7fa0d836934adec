package io.github.flowanomaly.tribuo.detectors;

import io.github.flowanomaly.tf.LevelScores;

/**
 * Anomaly scores of a (in-distribution, general) Glow pair, higher = more anomalous, in nats. Non-finite values become
 * {@code +∞}.
 */
public enum RatioScore {
    /** {@code ln p_gen(x) − ln p_in(x)}: minus the paper's likelihood ratio {@code S_LR}. */
    LIKELIHOOD_RATIO,
    /**
     * {@code lp_gen,L−1(x) − lp_in,L−1(x)}: the ratio restricted to the final scale (an extension; not in the paper's
     * released code).
     */
    LAST_SCALE_RATIO;

    /**
     * The anomaly score of one image.
     *
     * @param inDistribution the in-distribution model's log-likelihoods.
     * @param general        the general model's log-likelihoods of the same images.
     * @param image          the image index.
     * @return the score.
     */
    public double score(LevelScores inDistribution, LevelScores general, int image) {
        double value = switch (this) {
            case LIKELIHOOD_RATIO -> (double) general.logLikelihood(image) - inDistribution.logLikelihood(image);
            case LAST_SCALE_RATIO -> levelRatio(inDistribution, general, image, general.levels() - 1);
        };
        return Double.isFinite(value) ? value : Double.POSITIVE_INFINITY;
    }

    /**
     * The ratio restricted to one level, {@code lp_gen,s(x) − lp_in,s(x)} (higher = more anomalous; the full ratio is
     * the sum over levels). Non-finite values become {@code +∞}.
     *
     * @param inDistribution the in-distribution model's log-likelihoods.
     * @param general        the general model's log-likelihoods of the same images.
     * @param image          the image index.
     * @param level          the level, {@code 0 .. levels−1}.
     * @return the score.
     */
    public static double levelRatio(LevelScores inDistribution, LevelScores general, int image, int level) {
        double value = (double) general.levelLogLikelihood(image, level)
                - inDistribution.levelLogLikelihood(image, level);
        return Double.isFinite(value) ? value : Double.POSITIVE_INFINITY;
    }
}
