package io.github.flowanomaly.tribuo.data;

import io.github.flowanomaly.tribuo.impl.Permutations;
import java.util.Arrays;
import java.util.Random;

/**
 * What an image source does to its decoded images, in this order:
 * <ol>
 *     <li>if {@code limit > 0} and fewer than the available images, keep a random subset of {@code limit} images,
 *     drawn with a Fisher–Yates shuffle of the image indices seeded with {@code seed}, so a subset is a random
 *     sample and is the same on every run; the kept images stay in file order;</li>
 *     <li>if {@code grey}, convert RGB to one channel with {@link GreyConversion};</li>
 *     <li>if {@code resizeHeight > 0}, resize to {@code resizeHeight × resizeWidth} with {@link BilinearResize}.</li>
 * </ol>
 * Grey conversion runs before resizing so that only one channel is interpolated.
 *
 * @param resizeHeight target height, or 0 to keep the size (then {@code resizeWidth} must be 0 too).
 * @param resizeWidth  target width, or 0 to keep the size (then {@code resizeHeight} must be 0 too).
 * @param grey         whether to convert RGB images to grey.
 * @param limit        maximum number of images kept, or 0 for all.
 * @param seed         seed of the subset draw.
 */
public record ImagePreprocessing(int resizeHeight, int resizeWidth, boolean grey, int limit, long seed) {

    /** The default seed of the subset draw. */
    public static final long DEFAULT_SEED = 12345L;

    /** No preprocessing: keep every image as stored. */
    public static final ImagePreprocessing NONE = new ImagePreprocessing(0, 0, false, 0, DEFAULT_SEED);

    /**
     * Validates the settings.
     *
     * @param resizeHeight target height, or 0.
     * @param resizeWidth  target width, or 0.
     * @param grey         whether to convert to grey.
     * @param limit        maximum number of images, or 0.
     * @param seed         seed of the subset draw.
     * @throws IllegalArgumentException if a size or the limit is negative, or only one resize dimension is set.
     */
    public ImagePreprocessing {
        if (resizeHeight < 0 || resizeWidth < 0) {
            throw new IllegalArgumentException("resizeHeight and resizeWidth must be >= 0, found "
                    + resizeHeight + " and " + resizeWidth);
        }
        if ((resizeHeight == 0) != (resizeWidth == 0)) {
            throw new IllegalArgumentException("resizeHeight and resizeWidth must both be 0 (keep the size) or both"
                    + " positive, found " + resizeHeight + " and " + resizeWidth);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0 (0 keeps all images), found " + limit);
        }
    }

    /**
     * Returns a copy resizing to the given size.
     *
     * @param height target height.
     * @param width  target width.
     * @return the new settings.
     */
    public ImagePreprocessing withResize(int height, int width) {
        return new ImagePreprocessing(height, width, grey, limit, seed);
    }

    /**
     * Returns a copy with grey conversion switched on or off.
     *
     * @param toGrey whether to convert to grey.
     * @return the new settings.
     */
    public ImagePreprocessing withGrey(boolean toGrey) {
        return new ImagePreprocessing(resizeHeight, resizeWidth, toGrey, limit, seed);
    }

    /**
     * Returns a copy keeping at most {@code maxImages} images drawn with {@code subsetSeed}.
     *
     * @param maxImages  the limit, or 0 for all.
     * @param subsetSeed the seed.
     * @return the new settings.
     */
    public ImagePreprocessing withLimit(int maxImages, long subsetSeed) {
        return new ImagePreprocessing(resizeHeight, resizeWidth, grey, maxImages, subsetSeed);
    }

    /**
     * Returns whether images are resized.
     *
     * @return true if a target size is set.
     */
    public boolean resizes() {
        return resizeHeight > 0;
    }

    /**
     * Chooses which of {@code available} candidate images to keep.
     *
     * @param available the number of candidate images.
     * @return the sorted positions (in {@code [0, available)}) of the kept images.
     */
    public int[] selectSubset(int available) {
        if (limit == 0 || limit >= available) {
            int[] positions = new int[available];
            Arrays.setAll(positions, i -> i);
            return positions;
        }
        int[] kept = Arrays.copyOf(Permutations.of(available, new Random(seed)), limit);
        Arrays.sort(kept);
        return kept;
    }

    /**
     * Returns the shape an image of shape {@code decoded} has after grey conversion and resizing.
     *
     * @param decoded the decoded shape.
     * @return the output shape.
     */
    public ImageShape outputShape(ImageShape decoded) {
        int channels = grey ? 1 : decoded.channels();
        return resizes() ? new ImageShape(resizeHeight, resizeWidth, channels) : decoded.withChannels(channels);
    }

    /**
     * Applies grey conversion and resizing to one image (the subset is chosen separately).
     *
     * @param image the pixels in HWC order.
     * @param shape the shape of {@code image}.
     * @return the transformed pixels, of shape {@link #outputShape(ImageShape) outputShape(shape)}.
     */
    public byte[] transform(byte[] image, ImageShape shape) {
        byte[] result = image;
        ImageShape current = shape;
        if (grey) {
            result = GreyConversion.toGrey(result, current);
            current = current.withChannels(1);
        }
        if (resizes()) {
            result = BilinearResize.resize(result, current, resizeHeight, resizeWidth);
        }
        return result;
    }
}
