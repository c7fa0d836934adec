package io.github.flowanomaly.tribuo.detectors;

import io.github.flowanomaly.tf.ImageBatch;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

/**
 * The input complexity {@code L(x)} of Serrà et al.: the length of an image losslessly compressed as PNG by
 * {@code javax.imageio} (the JDK's PNG writer: adaptive per-row filters, deflate at the given level), in bits per
 * dimension, {@code 8·bytes / (H·W·C)}. The whole file counts, headers included (a constant offset, which leaves every
 * ranking unchanged). Grey images are written as 8-bit grey PNGs, RGB images as 8-bit RGB.
 *
 * @param deflateLevel the deflate level 0..9 (9: smallest files; the default of {@link #DEFAULT}).
 */
public record PngComplexity(int deflateLevel) implements java.io.Serializable {

    /** Deflate level 9, the JDK writer's strongest compression. */
    public static final PngComplexity DEFAULT = new PngComplexity(9);

    /**
     * Validates the level.
     *
     * @throws IllegalArgumentException if the level is outside 0..9.
     */
    public PngComplexity {
        if (deflateLevel < 0 || deflateLevel > 9) {
            throw new IllegalArgumentException("deflateLevel must be in 0..9, found " + deflateLevel);
        }
    }

    /** @return a description of the compressor and its settings, as recorded with a model. */
    public String describe() {
        return "PNG (javax.imageio, deflate level " + deflateLevel + ", adaptive row filters)";
    }

    /**
     * The complexity of every image of a batch.
     *
     * @param batch    pixel values in [0, 255], NHWC.
     * @param height   image height.
     * @param width    image width.
     * @param channels 1 (grey) or 3 (RGB).
     * @return bits per dimension of each image's PNG file.
     */
    public double[] bitsPerDim(ImageBatch batch, int height, int width, int channels) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("PNG complexity needs 1 (grey) or 3 (RGB) channels, found " + channels);
        }
        int d = height * width * channels;
        double[] out = new double[batch.count()];
        ImageWriter writer = pngWriter();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            // the JDK maps quality q to deflate level round(9·(1 − q))
            param.setCompressionQuality(1f - deflateLevel / 9f);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(4 * d);
            for (int i = 0; i < out.length; i++) {
                BufferedImage image = image(batch.pixels(), i * d, height, width, channels);
                bytes.reset();
                try (ImageOutputStream stream = ImageIO.createImageOutputStream(bytes)) {
                    writer.setOutput(stream);
                    writer.write(null, new IIOImage(image, null, null), param);
                }
                out[i] = 8.0 * bytes.size() / d;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("PNG compression failed", e);
        } finally {
            writer.dispose();
        }
        return out;
    }

    private static ImageWriter pngWriter() {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IllegalStateException("This Java runtime has no PNG ImageWriter (javax.imageio)");
        }
        return writers.next();
    }

    private static BufferedImage image(float[] pixels, int offset, int height, int width, int channels) {
        if (channels == 1) {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            int[] row = new int[width];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    row[x] = Math.round(pixels[offset + y * width + x]);
                }
                image.getRaster().setSamples(0, y, width, 1, 0, row);
            }
            return image;
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = offset + (y * width + x) * 3;
                int rgb = Math.round(pixels[p]) << 16 | Math.round(pixels[p + 1]) << 8 | Math.round(pixels[p + 2]);
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }
}
