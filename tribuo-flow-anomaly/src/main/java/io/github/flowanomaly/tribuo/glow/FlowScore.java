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
    LAST_SCALE;

    /**
     * The anomaly score of one image.
     *
     * @param scores the image's log-likelihoods.
     * @param image  the image index.
     * @return the score.
     */
    public double score(LevelScores scores, int image) {
        double value = switch (this) {
            case NEGATIVE_LOG_LIKELIHOOD -> scores.bitsPerDim(image);
            case LAST_SCALE -> -scores.levelLogLikelihood(image, scores.levels() - 1);
        };
        return Double.isFinite(value) ? value : Double.POSITIVE_INFINITY;
    }
}
