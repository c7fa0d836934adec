package io.github.flowanomaly.tribuo.impl;

import io.github.flowanomaly.tribuo.data.ImageDataset;
import io.github.flowanomaly.tribuo.data.ImageShape;
import io.github.flowanomaly.tribuo.data.ImageStore;
import io.github.flowanomaly.tribuo.glow.PixelMapper;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.ImageBatch;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.anomaly.Event;

import java.util.SplittableRandom;

/**
 * In-distribution training images as pixels, split (seeded) into a training part and a held-out calibration part.
 * Both parts are selections of one pixel store ({@link TrainingPixels}): an {@link ImageDataset}'s bytes as they
 * are, or the values of any other dataset's examples copied once (as bytes when they are whole numbers in
 * [0, 255], which every image is).
 *
 * @param training    images to train on.
 * @param calibration held-out images that set the threshold (the training images when the fraction is 0).
 */
public record TrainingImages(TrainingPixels training, TrainingPixels calibration) {

    /**
     * Converts and splits a dataset, rejecting ANOMALOUS examples and bad pixels.
     *
     * @param dataset  the in-distribution examples.
     * @param spec     the architecture (image shape).
     * @param fraction the fraction held out for calibration, in [0, 1).
     * @param rng      the random source of the split.
     * @return the split images.
     */
    public static TrainingImages from(Dataset<Event> dataset, GlowSpec spec, double fraction,
                                      SplittableRandom rng) {
        TrainingPixels all = pixels(dataset, spec);
        int n = all.count();
        int held = heldOutCount(n, fraction);
        int[] order = Permutations.of(n, rng);
        TrainingPixels training = all.select(order, held, n - held);
        TrainingPixels calibration = held == 0 ? training : all.select(order, 0, held);
        return new TrainingImages(training, calibration);
    }

    /**
     * The positions in the dataset of the images {@link #from} holds out, in calibration order (e.g. to score them
     * again with another detector built on the same model).
     *
     * @param n        the number of images.
     * @param fraction the fraction held out, in [0, 1).
     * @param rng      the random source of the split (in the state {@link #from} is given it).
     * @return the held-out positions (all of them when the fraction is 0, as {@link #from} then calibrates on the
     *         training images).
     */
    public static int[] heldOutPositions(int n, double fraction, SplittableRandom rng) {
        int held = heldOutCount(n, fraction);
        int[] order = Permutations.of(n, rng);
        return held == 0 ? order : java.util.Arrays.copyOf(order, held);
    }

    private static int heldOutCount(int n, double fraction) {
        int held = fraction == 0 ? 0 : Math.max(1, (int) Math.round(n * fraction));
        if (n - held < 2) {
            throw new IllegalArgumentException("Need at least 2 training images after holding out " + held
                    + " for calibration, found " + n + " images");
        }
        return held;
    }

    /**
     * Converts a dataset of in-distribution images to pixels.
     *
     * @param dataset the examples (all EXPECTED).
     * @param spec    the architecture.
     * @return the images.
     */
    public static ImageBatch toPixels(Dataset<Event> dataset, GlowSpec spec) {
        return pixels(dataset, spec).toBatch();
    }

    /**
     * The pixels of a dataset of in-distribution images: an {@link ImageDataset}'s store as it is, otherwise the
     * examples' values copied once (one byte per value while every value is a whole number, floats from the first
     * image that has another value on).
     *
     * @param dataset the examples (all EXPECTED).
     * @param spec    the architecture.
     * @return every image, in dataset order.
     */
    public static TrainingPixels pixels(Dataset<Event> dataset, GlowSpec spec) {
        if (dataset.size() == 0) {
            throw new IllegalArgumentException("The training data set is empty; expected in-distribution images");
        }
        if (dataset instanceof ImageDataset images) {
            return compactPixels(images, spec);
        }
        PixelMapper mapper = new PixelMapper(spec.height(), spec.width(), spec.channels(), true);
        int n = dataset.size();
        int d = mapper.dimensions();
        byte[] bytes = new byte[Math.multiplyExact(n, d)];
        float[] floats = null;
        float[] image = new float[d];
        int i = 0;
        for (Example<Event> example : dataset) {
            rejectAnomalous(example.getOutput().getType(), i);
            mapper.write(example, i, image, 0);
            if (floats == null && wholeNumbers(image)) {
                for (int j = 0; j < d; j++) {
                    bytes[i * d + j] = (byte) image[j];
                }
            } else {
                if (floats == null) {
                    floats = new float[n * d];
                    for (int k = 0; k < i * d; k++) {
                        floats[k] = bytes[k] & 0xFF;
                    }
                    bytes = null;
                }
                System.arraycopy(image, 0, floats, i * d, d);
            }
            i++;
        }
        return floats == null
                ? TrainingPixels.of(new ImageStore(bytes, n, new ImageShape(spec.height(), spec.width(),
                spec.channels())))
                : TrainingPixels.of(new ImageBatch(floats, n), d);
    }

    private static TrainingPixels compactPixels(ImageDataset images, GlowSpec spec) {
        ImageShape shape = images.imageStore().shape();
        if (shape.height() != spec.height() || shape.width() != spec.width() || shape.channels() != spec.channels()) {
            throw new IllegalArgumentException("The training images are " + shape + " (" + shape.pixels()
                    + " values each), expected " + spec.height() + "x" + spec.width() + "x" + spec.channels()
                    + " images (" + spec.dimensions() + " values each)");
        }
        rejectAnomalous(images.role().newEvent().getType(), 0);
        return TrainingPixels.of(images.imageStore());
    }

    private static void rejectAnomalous(Event.EventType type, int position) {
        if (type == Event.EventType.ANOMALOUS) {
            throw new IllegalArgumentException("Example " + position + " is ANOMALOUS; Glow detectors train on "
                    + "in-distribution (EXPECTED) images only");
        }
    }

    private static boolean wholeNumbers(float[] values) {
        for (float v : values) {
            if (v != (int) v) {
                return false;
            }
        }
        return true;
    }
}
