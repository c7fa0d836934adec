package io.github.flowanomaly.tribuo.data;

/**
 * A contiguous range of the images stored in a file, applied before any label filter or subset, e.g. to split one
 * shuffled file into disjoint training and test parts.
 *
 * @param first the index of the first image.
 * @param count the number of images from {@code first}, or 0 for all remaining images.
 */
public record ImageRange(int first, int count) {

    /** Every image of the file. */
    public static final ImageRange ALL = new ImageRange(0, 0);

    /**
     * Validates the range.
     *
     * @throws IllegalArgumentException if {@code first} or {@code count} is negative.
     */
    public ImageRange {
        if (first < 0 || count < 0) {
            throw new IllegalArgumentException("Image range needs first >= 0 and count >= 0, found first=" + first
                    + ", count=" + count);
        }
    }

    /**
     * The end (exclusive) of the range in a file of {@code available} images.
     *
     * @param available the number of images in the file.
     * @param file      the file, for the error message.
     * @return the exclusive end index.
     * @throws IllegalArgumentException if the range does not fit in the file.
     */
    public int end(int available, Object file) {
        int end = count == 0 ? available : first + count;
        if (first >= available || end > available) {
            throw new IllegalArgumentException("File " + file + " has " + available + " images, expected at least "
                    + Math.max(first + 1, end) + " for the range first=" + first + ", count=" + count);
        }
        return end;
    }
}
