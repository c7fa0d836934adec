package io.github.flowanomaly.tribuo.data;

import org.tribuo.Example;
import org.tribuo.anomaly.Event;
import org.tribuo.impl.ArrayExample;

/**
 * Turns uint8 HWC images into dense Tribuo examples named by {@link PixelFeatures}.
 * <p>
 * Every pixel becomes a feature, zeros included, so every example has {@code shape.pixels()} features whose values
 * are the raw intensities in {@code [0, 255]}.
 */
public final class ImageExamples {

    private ImageExamples() {}

    /**
     * Returns the feature names of an image shape, in pixel-index order.
     *
     * @param shape the image shape.
     * @return {@code PixelFeatures.name(i)} for {@code i} in {@code [0, shape.pixels())}.
     */
    public static String[] featureNames(ImageShape shape) {
        String[] names = new String[shape.pixels()];
        for (int i = 0; i < names.length; i++) {
            names[i] = PixelFeatures.name(i);
        }
        return names;
    }

    /**
     * Builds the example of one image.
     *
     * @param pixels       uint8 values in HWC order.
     * @param featureNames the names from {@link #featureNames(ImageShape)}, as long as {@code pixels}.
     * @param role         the role fixing the example's event.
     * @return a dense example.
     */
    public static Example<Event> toExample(byte[] pixels, String[] featureNames, DatasetRole role) {
        if (pixels.length != featureNames.length) {
            throw new IllegalArgumentException("Image has " + pixels.length + " values but " + featureNames.length
                    + " feature names were given");
        }
        double[] values = new double[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            values[i] = pixels[i] & 0xFF;
        }
        return new ArrayExample<>(role.newEvent(), featureNames, values);
    }
}
