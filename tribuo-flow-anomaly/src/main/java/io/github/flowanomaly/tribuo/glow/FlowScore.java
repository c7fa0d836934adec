package io.github.flowanomaly.tribuo.glow;

import io.github.flowanomaly.tf.LevelScores;

/**
 * Which quantity of a single Glow is the anomaly score (higher = more anomalous). Non-finite values become
 * {@code +∞} (maximally anomalous), as the paper's code does.
 */
public enum FlowScore {
    /** Raw likelihood: negative log-likelihood in bits per dimension. */
    NEGATIVE_LOG_LIKELIHOOD,
    /**
     * The paper's "4x4" / last-scale detector: minus the final level's log-likelihood contribution
     * {@code −lp_{L−1}} in nats.
     */
    LAST_SCALE,
    /**
     * Per-scale typicality (an extension, after Nalisnick et al.'s typicality test): {@code Σ_s z_s²}, each scale's
     * log-likelihood standardised by the mean and deviation of the held-out in-distribution images. It flags images
     * that are too likely as well as too unlikely, scale by scale: simple images (flat backgrounds) that a Glow
     * over-rates get a large first-scale z as surely as textures it under-rates.
     */
    TYPICALITY;

    /**
     * The anomaly score of one image.
     *
     * @param scores    the image's log-likelihoods.
     * @param image     the image index.
     * @param reference the held-out in-distribution statistics (used by {@link #TYPICALITY} only).
     * @return the score.
     */
    public double score(LevelScores scores, int image, LevelStatistics reference) {
        double value = switch (this) {
            case NEGATIVE_LOG_LIKELIHOOD -> scores.bitsPerDim(image);
            case LAST_SCALE -> -scores.levelLogLikelihood(image, scores.levels() - 1);
            case TYPICALITY -> reference.distance(scores, image);
        };
        return Double.isFinite(value) ? value : Double.POSITIVE_INFINITY;
    }
}
