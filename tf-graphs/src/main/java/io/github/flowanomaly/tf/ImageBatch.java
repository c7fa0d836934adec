package io.github.flowanomaly.tf;

/**
 * A batch of images as raw pixel values in {@code [0, 255]}, NHWC row-major: the value of image {@code n}, row
 * {@code h}, column {@code w}, channel {@code c} is at {@code ((n·H + h)·W + w)·C + c}.
 *
 * @param pixels the pixel values (not copied; do not modify while a session uses them).
 * @param count  the number of images.
 */
public record ImageBatch(float[] pixels, int count) {

    /**
     * Checks the batch against an architecture: size and pixel values.
     *
     * @param spec the architecture.
     * @throws IllegalArgumentException naming what was expected and what was found.
     */
    public void validate(GlowSpec spec) {
        if (count <= 0) {
            throw new IllegalArgumentException("A batch needs at least one image, found " + count);
        }
        long expected = (long) count * spec.dimensions();
        if (pixels.length != expected) {
            throw new IllegalArgumentException("Expected " + count + " images of " + spec.height() + "x"
                    + spec.width() + "x" + spec.channels() + " = " + expected + " values, found " + pixels.length);
        }
        for (int i = 0; i < pixels.length; i++) {
            float v = pixels[i];
            if (!(v >= 0f && v <= 255f)) {
                int image = i / spec.dimensions();
                throw new IllegalArgumentException("Pixel values must be finite and in [0, 255]; image " + image
                        + " has " + v + " at offset " + (i % spec.dimensions()));
            }
        }
    }

    /**
     * A sub-batch view (copy) of images {@code [from, from + n)}.
     *
     * @param from       the first image.
     * @param n          the number of images.
     * @param dimensions values per image.
     * @return the sub-batch.
     */
    public ImageBatch slice(int from, int n, int dimensions) {
        float[] part = new float[n * dimensions];
        System.arraycopy(pixels, from * dimensions, part, 0, part.length);
        return new ImageBatch(part, n);
    }
}
