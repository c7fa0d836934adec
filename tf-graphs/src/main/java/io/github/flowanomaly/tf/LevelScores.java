package io.github.flowanomaly.tf;

/**
 * Log-likelihoods of a batch of images under a Glow, in nats.
 *
 * @param count               number of images.
 * @param levels              number of levels L.
 * @param dimensions          input dimensions D.
 * @param levelLogLikelihoods {@code lp_s} of image {@code i} at {@code i·L + s}.
 * @param logLikelihoods      {@code ln p(x) = lp_0 + ... + lp_{L−1}} (summed in level order in float32 by the graph).
 */
public record LevelScores(int count, int levels, int dimensions, float[] levelLogLikelihoods,
                          float[] logLikelihoods) implements java.io.Serializable {

    private static final double LN_256 = Math.log(256.0);
    private static final double LN_2 = Math.log(2.0);

    /**
     * Checks array sizes.
     *
     * @throws IllegalArgumentException if the arrays do not match {@code count} and {@code levels}.
     */
    public LevelScores {
        if (levelLogLikelihoods.length != count * levels || logLikelihoods.length != count) {
            throw new IllegalArgumentException("Expected " + count + "x" + levels + " level scores and " + count
                    + " totals, found " + levelLogLikelihoods.length + " and " + logLikelihoods.length);
        }
    }

    /**
     * Rebuilds scores from per-level log-likelihoods, summing them in level order in float32 exactly as the graph
     * does, so the totals are bit-identical.
     *
     * @param count               number of images.
     * @param levels              number of levels.
     * @param dimensions          input dimensions D.
     * @param levelLogLikelihoods image-major per-level log-likelihoods.
     * @return the scores.
     */
    public static LevelScores fromLevels(int count, int levels, int dimensions, float[] levelLogLikelihoods) {
        float[] totals = new float[count];
        for (int i = 0; i < count; i++) {
            float sum = levelLogLikelihoods[i * levels];
            for (int s = 1; s < levels; s++) {
                sum += levelLogLikelihoods[i * levels + s];
            }
            totals[i] = sum;
        }
        return new LevelScores(count, levels, dimensions, levelLogLikelihoods, totals);
    }

    /**
     * @param image the image index.
     * @param level the level.
     * @return {@code lp_level} of the image, in nats.
     */
    public float levelLogLikelihood(int image, int level) {
        return levelLogLikelihoods[image * levels + level];
    }

    /**
     * @param image the image index.
     * @return {@code ln p(x)} (continuous density of the dequantised input), in nats.
     */
    public float logLikelihood(int image) {
        return logLikelihoods[image];
    }

    /**
     * @param image the image index.
     * @return the discrete negative log-likelihood {@code −ln p(x) + D·ln 256}, in nats.
     */
    public double negativeLogLikelihood(int image) {
        return -logLikelihoods[image] + dimensions * LN_256;
    }

    /**
     * @param image the image index.
     * @return bits per dimension, {@code NLL / (D·ln 2)}.
     */
    public double bitsPerDim(int image) {
        return negativeLogLikelihood(image) / (dimensions * LN_2);
    }

    /** @return the mean bits per dimension over the batch. */
    public double meanBitsPerDim() {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += bitsPerDim(i);
        }
        return sum / count;
    }
}
