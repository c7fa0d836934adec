package io.github.flowanomaly.tribuo.data;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * What a decoder hands to {@link AbstractImageSource}: the number of images first, then each image once, in order.
 * A decoder may read its input image by image while the source copies each one into its store, so loading never
 * holds every decoded image at once.
 */
public final class DecodedImages implements AutoCloseable {

    private final int count;
    private final Iterator<DecodedImage> images;
    private final AutoCloseable input;
    private int handedOut;

    /**
     * Images read as they are asked for.
     *
     * @param count  the number of images {@code images} yields.
     * @param images the images, in order.
     * @param input  what to close when loading ends (e.g. the open file), or {@code null}.
     */
    public DecodedImages(int count, Iterator<DecodedImage> images, AutoCloseable input) {
        if (count < 0) {
            throw new IllegalArgumentException("The image count must be >= 0, found " + count);
        }
        this.count = count;
        this.images = images;
        this.input = input;
    }

    /**
     * Images already decoded. Each is dropped from {@code decoded} once handed out when the list allows it, so that
     * its memory can be reclaimed while the rest are stored.
     *
     * @param decoded the images.
     * @return the images, in list order.
     */
    public static DecodedImages of(List<DecodedImage> decoded) {
        Iterator<DecodedImage> releasing = new Iterator<>() {
            private int next;
            private boolean mutable = true;

            @Override
            public boolean hasNext() {
                return next < decoded.size();
            }

            @Override
            public DecodedImage next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                DecodedImage image = decoded.get(next);
                if (mutable) {
                    try {
                        decoded.set(next, null);
                    } catch (UnsupportedOperationException e) {
                        mutable = false; // an immutable list keeps its images until loading ends
                    }
                }
                next++;
                return image;
            }
        };
        return new DecodedImages(decoded.size(), releasing, null);
    }

    /** @return the number of images. */
    public int count() {
        return count;
    }

    /**
     * The next image.
     *
     * @return the image.
     * @throws IllegalStateException if all {@link #count()} images have been handed out, or the decoder yields fewer.
     */
    public DecodedImage next() {
        if (handedOut >= count || !images.hasNext()) {
            throw new IllegalStateException("The decoder announced " + count + " images and " + handedOut
                    + " have been handed out; there is no next one");
        }
        handedOut++;
        return images.next();
    }

    /**
     * Closes the decoder's input.
     *
     * @throws IllegalStateException if closing fails.
     */
    @Override
    public void close() {
        if (input != null) {
            try {
                input.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("Cannot close the decoder's input", e);
            }
        }
    }
}
