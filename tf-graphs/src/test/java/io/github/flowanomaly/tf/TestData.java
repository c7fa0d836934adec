package io.github.flowanomaly.tf;

import java.util.Random;

/** Test helper: generated images and the location of the real data sets. */
final class TestData {

    private TestData() {}

    /**
     * The authors' Glow reference vectors ({@code ../shared/data/golden}, copied into the test resources as the data's
     * README allows: generated numbers, not a data set).
     *
     * @return the parsed JSON.
     * @throws java.io.IOException if the resource cannot be read.
     */
    static com.fasterxml.jackson.databind.JsonNode goldenVectors() throws java.io.IOException {
        try (java.io.InputStream in = TestData.class.getResourceAsStream("/golden/glow-reference-vectors.json")) {
            if (in == null) {
                throw new java.io.FileNotFoundException("golden/glow-reference-vectors.json missing from the test "
                        + "resources");
            }
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
        }
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
