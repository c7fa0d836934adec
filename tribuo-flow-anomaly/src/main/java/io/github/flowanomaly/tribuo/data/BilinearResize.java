package io.github.flowanomaly.tribuo.data;

/**
 * Bilinear resizing of uint8 HWC images with the semantics of PIL's {@code Image.resize(size, BILINEAR)}.
 * <p>
 * Each output pixel {@code i} samples the input at the half-pixel-centred position
 * {@code (i + 0.5)·in/out}; the triangle filter's support is widened by {@code in/out} when shrinking (antialiasing,
 * as PIL does) and the weights are renormalised at the borders, so upscaling 28→32 clamps to the edge pixels. As in
 * PIL the two axes are separate passes, width first, and each pass rounds to the nearest uint8 (halves round up).
 * PIL computes the weights in fixed point; this class uses doubles, so a value that lands exactly on a rounding
 * boundary can differ from PIL by one.
 */
public final class BilinearResize {

    private BilinearResize() {}

    /**
     * Resizes an image.
     *
     * @param image     the pixels in HWC order, {@code shape.pixels()} long.
     * @param shape     the shape of {@code image}.
     * @param newHeight the output height, positive.
     * @param newWidth  the output width, positive.
     * @return a new array of {@code newHeight·newWidth·channels} pixels in HWC order (the input itself if the size
     *         is unchanged).
     */
    public static byte[] resize(byte[] image, ImageShape shape, int newHeight, int newWidth) {
        if (image.length != shape.pixels()) {
            throw new IllegalArgumentException("Image has " + image.length + " values, shape " + shape
                    + " expects " + shape.pixels());
        }
        ImageShape target = new ImageShape(newHeight, newWidth, shape.channels());
        byte[] current = image;
        ImageShape currentShape = shape;
        if (newWidth != shape.width()) {
            ImageShape next = new ImageShape(currentShape.height(), newWidth, shape.channels());
            current = resizeWidth(current, currentShape, next);
            currentShape = next;
        }
        if (newHeight != shape.height()) {
            current = resizeHeight(current, currentShape, target);
        }
        return current;
    }

    private static byte[] resizeWidth(byte[] in, ImageShape from, ImageShape to) {
        Kernel[] kernels = kernels(from.width(), to.width());
        int channels = from.channels();
        byte[] out = new byte[to.pixels()];
        for (int h = 0; h < to.height(); h++) {
            for (int w = 0; w < to.width(); w++) {
                Kernel k = kernels[w];
                for (int c = 0; c < channels; c++) {
                    double sum = 0;
                    for (int j = 0; j < k.weights.length; j++) {
                        sum += k.weights[j] * (in[from.index(h, k.first + j, c)] & 0xFF);
                    }
                    out[to.index(h, w, c)] = toUint8(sum);
                }
            }
        }
        return out;
    }

    private static byte[] resizeHeight(byte[] in, ImageShape from, ImageShape to) {
        Kernel[] kernels = kernels(from.height(), to.height());
        int channels = from.channels();
        byte[] out = new byte[to.pixels()];
        for (int h = 0; h < to.height(); h++) {
            Kernel k = kernels[h];
            for (int w = 0; w < to.width(); w++) {
                for (int c = 0; c < channels; c++) {
                    double sum = 0;
                    for (int j = 0; j < k.weights.length; j++) {
                        sum += k.weights[j] * (in[from.index(k.first + j, w, c)] & 0xFF);
                    }
                    out[to.index(h, w, c)] = toUint8(sum);
                }
            }
        }
        return out;
    }

    /** Rounds to the nearest integer (halves up) and clamps to [0, 255]. */
    static byte toUint8(double value) {
        long rounded = (long) Math.floor(value + 0.5);
        return (byte) Math.max(0, Math.min(255, rounded));
    }

    /** The normalised triangle-filter weights of one output position over input positions first.. */
    private record Kernel(int first, double[] weights) {}

    private static Kernel[] kernels(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = filterScale; // the bilinear (triangle) filter has support 1
        Kernel[] kernels = new Kernel[outSize];
        for (int i = 0; i < outSize; i++) {
            double centre = (i + 0.5) * scale;
            int first = Math.max(0, (int) (centre - support + 0.5));
            int end = Math.min(inSize, (int) (centre + support + 0.5));
            double[] weights = new double[end - first];
            double total = 0;
            for (int j = 0; j < weights.length; j++) {
                double distance = Math.abs((first + j - centre + 0.5) / filterScale);
                weights[j] = Math.max(0, 1 - distance);
                total += weights[j];
            }
            for (int j = 0; j < weights.length; j++) {
                weights[j] /= total;
            }
            kernels[i] = new Kernel(first, weights);
        }
        return kernels;
    }
}
