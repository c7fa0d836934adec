package io.github.flowanomaly.tribuo.impl;

import io.github.flowanomaly.tf.ImageBatch;
import io.github.flowanomaly.tribuo.data.ImageStore;

import java.util.function.Consumer;

/**
 * A selection of training images, read a batch at a time: one byte per pixel value when the images are uint8 (the
 * store of an image source, shared, never copied), float otherwise (a Tribuo dataset whose values are not all whole
 * numbers). Only the batches a training step asks for become floats, so training memory grows by about one byte per
 * pixel of uint8 images.
 */
public final class TrainingPixels {

    private final ImageStore store;
    private final float[] floats;
    private final int[] positions;
    private final int dimensions;

    private TrainingPixels(ImageStore store, float[] floats, int[] positions, int dimensions) {
        this.store = store;
        this.floats = floats;
        this.positions = positions;
        this.dimensions = dimensions;
    }

    /**
     * Every image of a float batch, in order (not copied).
     *
     * @param batch      the images.
     * @param dimensions values per image.
     * @return the selection.
     */
    public static TrainingPixels of(ImageBatch batch, int dimensions) {
        return new TrainingPixels(null, batch.pixels(), identity(batch.count()), dimensions);
    }

    /**
     * Every image of a store, in order (not copied).
     *
     * @param store the images.
     * @return the selection.
     */
    public static TrainingPixels of(ImageStore store) {
        return new TrainingPixels(store, null, identity(store.count()), store.shape().pixels());
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** @return the number of images selected. */
    public int count() {
        return positions.length;
    }

    /** @return values per image. */
    public int dimensions() {
        return dimensions;
    }

    /** @return whether the values are held as bytes (one per pixel value). */
    public boolean compact() {
        return store != null;
    }

    /**
     * The images {@code order[from .. from+count)} of this selection, a new selection sharing the pixels.
     *
     * @param order a permutation (or any indices) of this selection's images.
     * @param from  first entry of {@code order} used.
     * @param count entries used.
     * @return the sub-selection.
     */
    public TrainingPixels select(int[] order, int from, int count) {
        int[] chosen = new int[count];
        for (int i = 0; i < count; i++) {
            chosen[i] = positions[order[from + i]];
        }
        return new TrainingPixels(store, floats, chosen, dimensions);
    }

    /**
     * Copies the images {@code order[from .. from+count)} of this selection into a new float batch.
     *
     * @param order indices into this selection.
     * @param from  first entry of {@code order} used.
     * @param count entries used.
     * @return the batch.
     */
    public ImageBatch gather(int[] order, int from, int count) {
        float[] out = new float[count * dimensions];
        for (int i = 0; i < count; i++) {
            write(positions[order[from + i]], out, i * dimensions);
        }
        return new ImageBatch(out, count);
    }

    /** @return every selected image, in order, as a new float batch. */
    public ImageBatch toBatch() {
        float[] out = new float[positions.length * dimensions];
        for (int i = 0; i < positions.length; i++) {
            write(positions[i], out, i * dimensions);
        }
        return new ImageBatch(out, positions.length);
    }

    /**
     * Passes every selected image's float values to {@code sink}, in order, one image at a time (the array is
     * reused between calls).
     *
     * @param sink receives each image.
     */
    public void forEachImage(Consumer<float[]> sink) {
        float[] image = new float[dimensions];
        for (int position : positions) {
            write(position, image, 0);
            sink.accept(image);
        }
    }

    private void write(int image, float[] out, int offset) {
        if (store != null) {
            store.writeFloats(image, out, offset);
        } else {
            System.arraycopy(floats, image * dimensions, out, offset, dimensions);
        }
    }
}
