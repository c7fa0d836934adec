package io.github.flowanomaly.tribuo.data;

import javax.imageio.ImageIO;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Decodes PNG and JPEG bytes into uint8 HWC pixels with {@link ImageIO}, the same way wherever images come from (a
 * folder, a column of a table, a Spark job).
 * <p>
 * Decoding yields {@code channels} channels: grey images keep their grey samples (read from the raster, so no
 * colour-space gamma is applied) and are replicated for 3 channels; colour images are read as sRGB, alpha is dropped,
 * and for 1 channel they are converted with {@link GreyConversion#luma(int, int, int)}.
 */
public final class EncodedImages {

    private EncodedImages() {}

    /**
     * Decodes one image.
     *
     * @param encoded  the PNG or JPEG bytes.
     * @param channels channels to decode to, 1 (grey) or 3 (RGB).
     * @param origin   where the bytes come from, for messages and {@link DecodedImage#origin()}.
     * @return the pixels and their shape.
     * @throws IllegalArgumentException if the bytes are not a PNG or JPEG image or {@code channels} is not 1 or 3.
     */
    public static DecodedImage decode(byte[] encoded, int channels, String origin) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, found " + channels);
        }
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(encoded));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Image " + origin + " cannot be decoded as PNG or JPEG: "
                    + e.getMessage(), e);
        }
        if (image == null) {
            throw new IllegalArgumentException("Image " + origin + " cannot be decoded: expected a PNG or JPEG "
                    + "image, found no reader for its content (" + encoded.length + " bytes)");
        }
        ImageShape shape = new ImageShape(image.getHeight(), image.getWidth(), channels);
        return new DecodedImage(pixels(image, channels), shape, origin);
    }

    /**
     * Returns the pixels of an image in HWC order with the given number of channels.
     *
     * @param image    the decoded image.
     * @param channels 1 or 3.
     * @return the uint8 pixels.
     */
    static byte[] pixels(BufferedImage image, int channels) {
        int height = image.getHeight();
        int width = image.getWidth();
        byte[] out = new byte[height * width * channels];
        boolean greyImage = image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        int greyBits = image.getColorModel().getComponentSize(0);
        Raster raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = (y * width + x) * channels;
                if (greyImage) {
                    byte value = (byte) toEightBits(raster.getSample(x, y, 0), greyBits);
                    for (int c = 0; c < channels; c++) {
                        out[p + c] = value;
                    }
                } else {
                    int rgb = image.getRGB(x, y);
                    int red = (rgb >> 16) & 0xFF;
                    int green = (rgb >> 8) & 0xFF;
                    int blue = rgb & 0xFF;
                    if (channels == 1) {
                        out[p] = (byte) GreyConversion.luma(red, green, blue);
                    } else {
                        out[p] = (byte) red;
                        out[p + 1] = (byte) green;
                        out[p + 2] = (byte) blue;
                    }
                }
            }
        }
        return out;
    }

    private static int toEightBits(int sample, int bits) {
        if (bits == 8) {
            return sample;
        }
        return bits > 8 ? sample >> (bits - 8) : Math.round(sample * 255f / ((1 << bits) - 1));
    }
}
