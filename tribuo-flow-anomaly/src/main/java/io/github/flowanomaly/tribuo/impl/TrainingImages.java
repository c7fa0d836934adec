package io.github.flowanomaly.tribuo.impl;

import io.github.flowanomaly.tribuo.glow.PixelMapper;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.ImageBatch;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.anomaly.Event;

import java.util.SplittableRandom;

/**
 * In-distribution training images as pixels, split (seeded) into a training part and a held-out calibration part.
 *
 * @param training    images to train on.
 * @param calibration held-out images that set the threshold (the training images when the fraction is 0).
 */
public record TrainingImages(ImageBatch training, ImageBatch calibration) {

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
        ImageBatch all = toPixels(dataset, spec);
        int n = all.count();
        int held = heldOutCount(n, fraction);
        int[] order = Permutations.of(n, rng);
        int d = spec.dimensions();
        ImageBatch training = GlowFitter.gather(all, order, held, n - held, d);
        ImageBatch calibration = held == 0 ? training : GlowFitter.gather(all, order, 0, held, d);
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
        if (dataset.size() == 0) {
            throw new IllegalArgumentException("The training data set is empty; expected in-distribution images");
        }
        PixelMapper mapper = new PixelMapper(spec.height(), spec.width(), spec.channels(), true);
        float[] pixels = new float[dataset.size() * mapper.dimensions()];
        int i = 0;
        for (Example<Event> example : dataset) {
            if (example.getOutput().getType() == Event.EventType.ANOMALOUS) {
                throw new IllegalArgumentException("Example " + i + " is ANOMALOUS; Glow detectors train on "
                        + "in-distribution (EXPECTED) images only");
            }
            mapper.write(example, i, pixels, i * mapper.dimensions());
            i++;
        }
        return new ImageBatch(pixels, dataset.size());
    }
}
