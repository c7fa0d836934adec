package io.github.flowanomaly.tribuo.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes images as an unsigned-byte IDX file (MNIST's format, one byte per pixel), which {@link IdxImageSource}
 * reads back: {@code N×H×W} for grey images, {@code N×H×W×C} otherwise.
 */
public final class IdxWriter {

    private IdxWriter() {}

    /**
     * Writes images.
     *
     * @param file   the file (uncompressed).
     * @param shape  the shape of every image.
     * @param images uint8 HWC pixels, each {@code shape.pixels()} long.
     * @throws IOException              if writing fails.
     * @throws IllegalArgumentException if an image has the wrong length.
     */
    public static void writeImages(Path file, ImageShape shape, byte[][] images) throws IOException {
        for (int i = 0; i < images.length; i++) {
            if (images[i].length != shape.pixels()) {
                throw new IllegalArgumentException("Image " + i + " has " + images[i].length + " values, expected "
                        + shape.pixels() + " for " + shape);
            }
        }
        boolean grey = shape.channels() == 1;
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeShort(0);
            out.writeByte(IdxReader.UNSIGNED_BYTE);
            out.writeByte(grey ? 3 : 4);
            out.writeInt(images.length);
            out.writeInt(shape.height());
            out.writeInt(shape.width());
            if (!grey) {
                out.writeInt(shape.channels());
            }
            for (byte[] image : images) {
                out.write(image);
            }
        }
    }
}
