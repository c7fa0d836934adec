package io.github.flowanomaly.tribuo.glow;

import io.github.flowanomaly.tf.ImageBatch;
import io.github.flowanomaly.tribuo.data.PixelFeatures;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.anomaly.Event;

import java.util.BitSet;
import java.util.List;

/**
 * Turns Tribuo examples into dense pixel arrays by parsing each feature's pixel index from its name
 * ({@link PixelFeatures}), so Tribuo's feature-id order does not matter.
 * <p>
 * Rejects, naming the example and what was expected: features that are not pixels, pixel indices beyond the image,
 * values that are not finite or outside {@code [0, 255]}, and (when {@code requireEveryPixel}) examples that do not
 * hold every pixel of the image, zero pixels included, as the data sources of this library write them: the detectors
 * require this so that a smaller image, whose pixel names all exist in a larger one, is not scored as that larger
 * image padded with black. Without it, absent pixels are zero (Tribuo's sparse-feature convention).
 */
public final class PixelMapper {

    private final int height;
    private final int width;
    private final int channels;
    private final int dimensions;
    private final boolean requireEveryPixel;

    /**
     * Creates a mapper for images of one shape.
     *
     * @param height            image height.
     * @param width             image width.
     * @param channels          image channels.
     * @param requireEveryPixel whether each example must hold all {@code height·width·channels} pixels (otherwise
     *                          absent pixels are zero).
     */
    public PixelMapper(int height, int width, int channels, boolean requireEveryPixel) {
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.dimensions = height * width * channels;
        this.requireEveryPixel = requireEveryPixel;
    }

    /** @return values per image. */
    public int dimensions() {
        return dimensions;
    }

    /**
     * Writes one example's pixels into {@code out} at {@code offset} (the caller zeroes the target range).
     *
     * @param example  the example.
     * @param position its position in the data, for error messages.
     * @param out      the target array.
     * @param offset   where the image starts in {@code out}.
     */
    public void write(Example<Event> example, int position, float[] out, int offset) {
        BitSet seen = requireEveryPixel ? new BitSet(dimensions) : null;
        for (Feature feature : example) {
            int index = PixelFeatures.pixelIndex(feature.getName());
            if (index < 0) {
                throw new IllegalArgumentException("Example " + position + " has feature '" + feature.getName()
                        + "', expected pixel features named " + PixelFeatures.PREFIX + "NNNNNN");
            }
            if (index >= dimensions) {
                throw new IllegalArgumentException("Example " + position + " has pixel index " + index
                        + ", expected images of " + height + "x" + width + "x" + channels + " (indices < "
                        + dimensions + ")");
            }
            double v = feature.getValue();
            if (!(v >= 0.0 && v <= 255.0)) {
                throw new IllegalArgumentException("Example " + position + " has value " + v + " for "
                        + feature.getName() + ", expected a finite pixel value in [0, 255]");
            }
            out[offset + index] = (float) v;
            if (seen != null) {
                if (seen.get(index)) {
                    throw new IllegalArgumentException("Example " + position + " has pixel " + feature.getName()
                            + " twice, expected each pixel once");
                }
                seen.set(index);
            }
        }
        if (seen != null && seen.cardinality() != dimensions) {
            throw new IllegalArgumentException("Example " + position + " has " + seen.cardinality()
                    + " pixel features, expected all " + dimensions + " pixels of a " + height + "x" + width + "x"
                    + channels + " image (zero pixels included)");
        }
    }

    /**
     * Converts a list of examples to a batch.
     *
     * @param examples the examples.
     * @param from     position of the first example in the data, for error messages.
     * @return the batch.
     */
    public ImageBatch toBatch(List<? extends Example<Event>> examples, int from) {
        float[] pixels = new float[examples.size() * dimensions];
        for (int i = 0; i < examples.size(); i++) {
            write(examples.get(i), from + i, pixels, i * dimensions);
        }
        return new ImageBatch(pixels, examples.size());
    }
}
