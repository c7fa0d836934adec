package io.github.flowanomaly.tribuo.data;

/**
 * Images of one shape held compactly: one byte per pixel value (uint8, HWC order, image after image), about a
 * twelfth of what the same images cost as dense Tribuo examples. Image sources keep their images here and build
 * examples only when asked; {@link ImageDataset} trains Glows on it without building any.
 */
public final class ImageStore {

    private final byte[] pixels;
    private final int count;
    private final ImageShape shape;

    /**
     * Wraps pixel values (not copied).
     *
     * @param pixels {@code count * shape.pixels()} uint8 values, image after image, each in HWC order.
     * @param count  the number of images.
     * @param shape  the shape of every image.
     * @throws IllegalArgumentException if the array length does not match.
     */
    public ImageStore(byte[] pixels, int count, ImageShape shape) {
        if (count < 0 || pixels.length != (long) count * shape.pixels()) {
            throw new IllegalArgumentException("Expected " + count + " images of " + shape + " ("
                    + ((long) count * shape.pixels()) + " values), found " + pixels.length + " values");
        }
        this.pixels = pixels;
        this.count = count;
        this.shape = shape;
    }

    /** @return the number of images. */
    public int count() {
        return count;
    }

    /** @return the shape of every image. */
    public ImageShape shape() {
        return shape;
    }

    /**
     * A copy of one image's values.
     *
     * @param index the image, in {@code [0, count)}.
     * @return its uint8 values in HWC order.
     */
    public byte[] image(int index) {
        int d = shape.pixels();
        byte[] image = new byte[d];
        System.arraycopy(pixels, checked(index) * d, image, 0, d);
        return image;
    }

    /**
     * Writes one image's values as floats in [0, 255].
     *
     * @param index  the image, in {@code [0, count)}.
     * @param out    the target.
     * @param offset where the image starts in {@code out}.
     */
    public void writeFloats(int index, float[] out, int offset) {
        int d = shape.pixels();
        int from = checked(index) * d;
        for (int i = 0; i < d; i++) {
            out[offset + i] = pixels[from + i] & 0xFF;
        }
    }

    private int checked(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("Image " + index + " of " + count);
        }
        return index;
    }
}
