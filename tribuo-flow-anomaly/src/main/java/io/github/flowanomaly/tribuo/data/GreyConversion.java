package io.github.flowanomaly.tribuo.data;

/**
 * Converts RGB images to grey with the luma weights the paper uses for its grey general distribution,
 * {@code 0.2989·R + 0.5870·G + 0.1140·B}, rounded to the nearest integer (halves up) and clamped to {@code [0, 255]}.
 * <p>
 * The paper keeps the luma as a float on its evaluation path; rounding keeps every source's pixels uint8, a
 * difference of at most half a grey level.
 */
public final class GreyConversion {

    /** Weight of the red channel. */
    public static final double RED_WEIGHT = 0.2989;
    /** Weight of the green channel. */
    public static final double GREEN_WEIGHT = 0.5870;
    /** Weight of the blue channel. */
    public static final double BLUE_WEIGHT = 0.1140;

    private GreyConversion() {}

    /**
     * Returns the rounded luma of one RGB pixel.
     *
     * @param red   red in [0, 255].
     * @param green green in [0, 255].
     * @param blue  blue in [0, 255].
     * @return the grey value in [0, 255].
     */
    public static int luma(int red, int green, int blue) {
        return BilinearResize.toUint8(RED_WEIGHT * red + GREEN_WEIGHT * green + BLUE_WEIGHT * blue) & 0xFF;
    }

    /**
     * Converts an image to one channel.
     *
     * @param image pixels in HWC order.
     * @param shape the shape of {@code image}; 1 channel (returned unchanged) or 3 channels (RGB).
     * @return the grey image of shape {@code shape.withChannels(1)}.
     */
    public static byte[] toGrey(byte[] image, ImageShape shape) {
        if (shape.channels() == 1) {
            return image;
        }
        if (shape.channels() != 3) {
            throw new IllegalArgumentException("Grey conversion needs 1 or 3 channels, found " + shape.channels());
        }
        int pixels = shape.height() * shape.width();
        byte[] grey = new byte[pixels];
        for (int p = 0; p < pixels; p++) {
            grey[p] = (byte) luma(image[3 * p] & 0xFF, image[3 * p + 1] & 0xFF, image[3 * p + 2] & 0xFF);
        }
        return grey;
    }
}
