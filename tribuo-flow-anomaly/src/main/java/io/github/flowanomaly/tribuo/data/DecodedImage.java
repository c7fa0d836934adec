package io.github.flowanomaly.tribuo.data;

/**
 * One decoded image before preprocessing.
 *
 * @param pixels uint8 values in HWC row-major order (the array is not copied).
 * @param shape  the shape of {@code pixels}.
 * @param origin where the image came from, for error messages (a file, or a file and record index).
 */
public record DecodedImage(byte[] pixels, ImageShape shape, String origin) {

    /**
     * Checks that the pixel count matches the shape.
     *
     * @param pixels uint8 values in HWC order.
     * @param shape  the shape of {@code pixels}.
     * @param origin where the image came from.
     * @throws IllegalArgumentException if it does not.
     */
    public DecodedImage {
        if (pixels.length != shape.pixels()) {
            throw new IllegalArgumentException("Image " + origin + " has " + pixels.length + " values, shape "
                    + shape + " expects " + shape.pixels());
        }
    }
}
