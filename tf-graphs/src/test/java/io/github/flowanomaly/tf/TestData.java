package io.github.flowanomaly.tf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;

/** Test helper: generated images and the location of the real data sets. */
final class TestData {

    private TestData() {}

    /**
     * The data directory: system property {@code flow.data.dir}, else environment variable {@code FLOW_DATA_DIR}.
     *
     * @return the directory if it exists.
     */
    static Optional<Path> dataDirectory() {
        String value = System.getProperty("flow.data.dir");
        if (value == null || value.isBlank()) {
            value = System.getenv("FLOW_DATA_DIR");
        }
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Path p = Path.of(value);
        return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
    }

    /**
     * Smooth "blob" images with a little pixel noise: a bright Gaussian blob of random position and width on a dark
     * background, quantised to 0..255. Low-dimensional structure a small Glow learns quickly.
     */
    static ImageBatch blobs(int count, int height, int width, int channels, long seed) {
        Random random = new Random(seed);
        float[] pixels = new float[count * height * width * channels];
        for (int n = 0; n < count; n++) {
            double cy = height * (0.3 + 0.4 * random.nextDouble());
            double cx = width * (0.3 + 0.4 * random.nextDouble());
            double sigma = height * (0.12 + 0.1 * random.nextDouble());
            double brightness = 150 + 100 * random.nextDouble();
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double d2 = (y - cy) * (y - cy) + (x - cx) * (x - cx);
                    double v = 20 + brightness * Math.exp(-d2 / (2 * sigma * sigma)) + 4 * random.nextGaussian();
                    for (int c = 0; c < channels; c++) {
                        pixels[((n * height + y) * width + x) * channels + c] =
                                (float) Math.max(0, Math.min(255, Math.round(v)));
                    }
                }
            }
        }
        return new ImageBatch(pixels, count);
    }

    /** Uniform noise images, 0..255 integers. */
    static ImageBatch uniformNoise(int count, int dims, long seed) {
        Random random = new Random(seed);
        float[] pixels = new float[count * dims];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(256);
        }
        return new ImageBatch(pixels, count);
    }
}
