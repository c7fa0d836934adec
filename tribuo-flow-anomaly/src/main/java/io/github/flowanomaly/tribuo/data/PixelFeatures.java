package io.github.flowanomaly.tribuo.data;

import java.util.Locale;

/**
 * The naming scheme of pixel features, shared by every image data source and every model of this library.
 * <p>
 * An image of height {@code H}, width {@code W} and {@code C} channels becomes {@code H·W·C} dense features whose
 * values are the raw pixel intensities in {@code [0, 255]} (not rescaled). The feature of row {@code h}, column
 * {@code w} and channel {@code c} is named {@code "px-" + index} with
 * {@code index = (h·W + w)·C + c} (row-major height, width, channel order, i.e. NHWC), zero-padded to
 * {@link #INDEX_DIGITS} digits so that Tribuo's lexicographic feature ids follow pixel order.
 * <p>
 * Models never rely on Tribuo's feature ids for pixel positions: they parse the index back from the name with
 * {@link #pixelIndex(String)}, so pixels that are zero (and therefore absent from a sparse Tribuo example) or unseen
 * at training time are handled correctly.
 */
public final class PixelFeatures {

    /** The prefix of every pixel feature name. */
    public static final String PREFIX = "px-";

    /** Number of digits the pixel index is zero-padded to. */
    public static final int INDEX_DIGITS = 6;

    private PixelFeatures() {}

    /**
     * Returns the feature name of a pixel.
     *
     * @param index the pixel index {@code (h·W + w)·C + c}, in {@code [0, 999999]}.
     * @return the feature name.
     */
    public static String name(int index) {
        if (index < 0 || index > 999_999) {
            throw new IllegalArgumentException("Pixel index must be in [0, 999999], found " + index);
        }
        return String.format(Locale.ROOT, "%s%06d", PREFIX, index);
    }

    /**
     * Returns the pixel index encoded in a feature name, or {@code -1} if the name is not a pixel feature name.
     *
     * @param featureName a feature name.
     * @return the pixel index, or -1.
     */
    public static int pixelIndex(String featureName) {
        if (featureName == null || featureName.length() != PREFIX.length() + INDEX_DIGITS
                || !featureName.startsWith(PREFIX)) {
            return -1;
        }
        int value = 0;
        for (int i = PREFIX.length(); i < featureName.length(); i++) {
            char ch = featureName.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            value = value * 10 + (ch - '0');
        }
        return value;
    }
}
