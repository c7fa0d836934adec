package io.github.flowanomaly.tribuo.data;

/**
 * How {@link SyntheticOodSource} turns in-distribution images into out-of-distribution ones without a second data
 * set.
 */
public enum SyntheticTransform {
    /**
     * Square patches moved to shuffled positions: each patch keeps its local statistics (edges, textures, flat
     * background) while the whole is no longer a plausible object.
     */
    SHUFFLED_PATCHES,
    /**
     * The morphological gradient (3x3 maximum minus 3x3 minimum, per channel): only outlines remain, bright strokes
     * on a black background. The images are far simpler than their sources, the case in which likelihoods of
     * generative models are known to fail (they rate simple images as likely).
     */
    OUTLINE
}
