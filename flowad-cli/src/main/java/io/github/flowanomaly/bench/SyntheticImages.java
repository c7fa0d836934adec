package io.github.flowanomaly.bench;

import io.github.flowanomaly.tf.ImageBatch;

import java.util.SplittableRandom;

/**
 * Deterministic smooth images for timing: two soft Gaussian spots per image on a dark background plus a little pixel
 * noise, quantised to integers in {@code [0, 255]}. Smooth rather than uniform noise so that the losses, and thus
 * any skipped non-finite steps, look like training on real images; the throughput does not depend on the content.
 */
final class SyntheticImages {

    private SyntheticImages() {
    }

    /**
     * Generates a batch.
     *
     * @param count    number of images.
     * @param height   image height.
     * @param width    image width.
     * @param channels channels (each gets its own brightness).
     * @param seed     the seed; equal seeds give equal images.
     * @return the images.
     */
    static ImageBatch generate(int count, int height, int width, int channels, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] pixels = new float[count * height * width * channels];
        double[] gains = new double[channels];
        for (int n = 0; n < count; n++) {
            Spot first = Spot.random(random, height, width);
            Spot second = Spot.random(random, height, width);
            for (int c = 0; c < channels; c++) {
                gains[c] = 0.6 + 0.4 * random.nextDouble();
            }
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double intensity = first.at(y, x) + 0.6 * second.at(y, x);
                    for (int c = 0; c < channels; c++) {
                        double value = 16 + 200 * gains[c] * intensity + 3 * (random.nextDouble() - 0.5);
                        pixels[((n * height + y) * width + x) * channels + c] =
                                (float) Math.max(0, Math.min(255, Math.rint(value)));
                    }
                }
            }
        }
        return new ImageBatch(pixels, count);
    }

    /** A Gaussian spot with its peak at 1. */
    private record Spot(double centreY, double centreX, double sigma) {

        static Spot random(SplittableRandom random, int height, int width) {
            return new Spot(height * random.nextDouble(0.2, 0.8), width * random.nextDouble(0.2, 0.8),
                    Math.min(height, width) * random.nextDouble(0.1, 0.25));
        }

        double at(int y, int x) {
            double dy = y - centreY;
            double dx = x - centreX;
            return Math.exp(-(dy * dy + dx * dx) / (2 * sigma * sigma));
        }
    }
}
