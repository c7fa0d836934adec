package io.github.flowanomaly.tribuo.data;

/**
 * The shape of an image stored in height, width, channel (HWC) row-major order.
 *
 * @param height   number of rows, positive.
 * @param width    number of columns, positive.
 * @param channels number of channels (1 for grey, 3 for RGB), positive.
 */
public record ImageShape(int height, int width, int channels) {

    /**
     * Validates the dimensions.
     *
     * @param height   number of rows.
     * @param width    number of columns.
     * @param channels number of channels.
     * @throws IllegalArgumentException if a dimension is not positive or the pixel count overflows an int.
     */
    public ImageShape {
        if (height < 1 || width < 1 || channels < 1) {
            throw new IllegalArgumentException("Image dimensions must be positive, found height " + height
                    + ", width " + width + ", channels " + channels);
        }
        if ((long) height * width * channels > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Image too large: " + height + "x" + width + "x" + channels);
        }
    }

    /**
     * Returns the number of values of one image, {@code height·width·channels}.
     *
     * @return the number of values (one feature per value).
     */
    public int pixels() {
        return height * width * channels;
    }

    /**
     * Returns the index of a value in the HWC row-major layout, {@code (h·width + w)·channels + c}.
     *
     * @param h row.
     * @param w column.
     * @param c channel.
     * @return the flat index.
     */
    public int index(int h, int w, int c) {
        return (h * width + w) * channels + c;
    }

    /**
     * Returns this shape with another number of channels.
     *
     * @param newChannels the number of channels.
     * @return the new shape.
     */
    public ImageShape withChannels(int newChannels) {
        return new ImageShape(height, width, newChannels);
    }

    @Override
    public String toString() {
        return height + "x" + width + "x" + channels;
    }
}
