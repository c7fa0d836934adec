package io.github.flowanomaly.tf;

/**
 * The architecture of a multi-scale Glow as in the authors' code, and the seed of its random initialisation.
 * A spec plus weights reproduces a model exactly.
 *
 * @param height         image height (divisible by 2^levels).
 * @param width          image width (divisible by 2^levels).
 * @param channels       image channels (1 grey, 3 RGB).
 * @param levels         number of scales L (the paper: 3).
 * @param stepsPerLevel  flow steps K per scale (the paper: 32).
 * @param hiddenChannels hidden width of the coupling networks (the paper: 512).
 * @param seed           seed of the random initialisation (1x1 rotations, coupling convs).
 */
public record GlowSpec(int height, int width, int channels, int levels, int stepsPerLevel, int hiddenChannels,
                       long seed) implements java.io.Serializable {

    /**
     * Validates the spec.
     *
     * @throws IllegalArgumentException naming the invalid field.
     */
    public GlowSpec {
        requirePositive("height", height);
        requirePositive("width", width);
        requirePositive("channels", channels);
        requirePositive("levels", levels);
        requirePositive("stepsPerLevel", stepsPerLevel);
        requirePositive("hiddenChannels", hiddenChannels);
        if (levels > 12) {
            throw new IllegalArgumentException("levels must be at most 12, found " + levels);
        }
        int factor = 1 << levels;
        if (height % factor != 0 || width % factor != 0) {
            throw new IllegalArgumentException("height and width must be divisible by 2^levels = " + factor
                    + ", found " + height + "x" + width);
        }
    }

    /**
     * The standard small configuration used in the benchmarks: grey 32x32, L=3, K=8, hidden 128.
     *
     * @param seed the initialisation seed.
     * @return the spec.
     */
    public static GlowSpec standardGrey32(long seed) {
        return new GlowSpec(32, 32, 1, 3, 8, 128, seed);
    }

    /** @return the number of input dimensions D = height·width·channels. */
    public int dimensions() {
        return height * width * channels;
    }

    /**
     * The shape {@code [h, w, c]} of the tensor level {@code level} factors out to its prior.
     *
     * @param level the level, 0-based.
     * @return {height, width, channels}.
     */
    public int[] priorShape(int level) {
        int h = height >> (level + 1);
        int w = width >> (level + 1);
        // channels entering level s are channels·2^s; the squeeze multiplies them by 4
        int squeezed = channels * (1 << level) * 4;
        return level == levels - 1 ? new int[]{h, w, squeezed} : new int[]{h, w, squeezed / 2};
    }

    /**
     * The number of dimensions scored by the prior of a level.
     *
     * @param level the level.
     * @return h·w·c of {@link #priorShape(int)}.
     */
    public int priorDimensions(int level) {
        int[] s = priorShape(level);
        return s[0] * s[1] * s[2];
    }

    /**
     * Forward floating point operations per image (multiply-add = 2), counting convolutions and the 1x1 invertible
     * convolutions only.
     *
     * @return FLOPs per image of one forward pass.
     */
    public double forwardFlopsPerImage() {
        double flops = 0;
        int c = channels;
        int h = height;
        int w = width;
        for (int level = 0; level < levels; level++) {
            h /= 2;
            w /= 2;
            c *= 4;
            double perPosition = (double) c * c + 9.0 * (c / 2) * hiddenChannels
                    + (double) hiddenChannels * hiddenChannels + 9.0 * hiddenChannels * c;
            flops += 2.0 * h * w * perPosition * stepsPerLevel;
            c /= 2;
        }
        return flops;
    }

    private static void requirePositive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, found " + value);
        }
    }
}
