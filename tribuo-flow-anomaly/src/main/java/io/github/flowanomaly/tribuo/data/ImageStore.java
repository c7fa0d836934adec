package io.github.flowanomaly.tribuo.data;

import org.tribuo.Example;
import org.tribuo.anomaly.Event;

import java.util.AbstractList;
import java.util.List;

/**
 * Images of one shape held compactly: one byte per pixel value (uint8, HWC order, image after image), about a
 * twelfth of what the same images cost as dense Tribuo examples. Image sources keep their images here and build
 * examples only when asked; {@link ImageDataset} trains Glows on it without building any.
 */
public final class ImageStore {

    private final byte[] pixels;
    private final int count;
    private final ImageShape shape;
    private final String[] featureNames;

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
        this.featureNames = ImageExamples.featureNames(shape);
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

    /** @return the pixel feature names of every image ({@link ImageExamples#featureNames}; shared, do not modify). */
    String[] featureNames() {
        return featureNames;
    }

    /**
     * The images as dense Tribuo examples, an unmodifiable list view whose elements are built when read (a new
     * object on every read).
     *
     * @param role the role fixing every example's event.
     * @return the examples, in store order.
     */
    public List<Example<Event>> examples(DatasetRole role) {
        return new AbstractList<>() {
            @Override
            public Example<Event> get(int index) {
                return ImageExamples.toExample(image(index), featureNames, role);
            }

            @Override
            public int size() {
                return count;
            }
        };
    }

    private int checked(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("Image " + index + " of " + count);
        }
        return index;
    }
}
