package io.github.flowanomaly.tribuo.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecodedImagesTest {

    private static DecodedImage image(int value) {
        byte[] pixels = new byte[4];
        Arrays.fill(pixels, (byte) value);
        return new DecodedImage(pixels, new ImageShape(2, 2, 1), "image " + value);
    }

    @Test
    void aListIsHandedOutInOrderAndEachImageReleasedFromAMutableList() {
        List<DecodedImage> list = new ArrayList<>(List.of(image(1), image(2)));
        DecodedImage first = list.get(0);
        try (DecodedImages images = DecodedImages.of(list)) {
            assertEquals(2, images.count());
            assertSame(first, images.next());
            assertNull(list.get(0), "handed-out images are dropped from the list");
            assertEquals("image 2", images.next().origin());
            IllegalStateException e = assertThrows(IllegalStateException.class, images::next);
            assertTrue(e.getMessage().contains("announced 2 images"), e.getMessage());
        }
        try (DecodedImages images = DecodedImages.of(List.of(image(3)))) {
            assertEquals("image 3", images.next().origin()); // an immutable list keeps its images
        }
    }

    @Test
    void closingClosesTheInputAndAShortDecoderIsReported() {
        AtomicBoolean closed = new AtomicBoolean();
        DecodedImages images = new DecodedImages(3, List.of(image(1)).iterator(), () -> closed.set(true));
        images.next();
        assertThrows(IllegalStateException.class, images::next);
        images.close();
        assertTrue(closed.get());
        assertThrows(IllegalArgumentException.class, () -> new DecodedImages(-1, List.<DecodedImage>of().iterator(),
                null));
    }
}
