package io.github.flowanomaly.tribuo.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImagePreprocessingTest {

    private static int[] unsigned(byte[] values) {
        int[] result = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i] & 0xFF;
        }
        return result;
    }

    @Test
    void upscalingAConstantImageKeepsItConstant() {
        byte[] image = new byte[28 * 28];
        Arrays.fill(image, (byte) 200);
        byte[] resized = BilinearResize.resize(image, new ImageShape(28, 28, 1), 32, 32);
        assertEquals(1024, resized.length);
        for (int value : unsigned(resized)) {
            assertEquals(200, value);
        }
    }

    @Test
    void upscalingARowOfTwoMatchesHandComputedHalfPixelBilinear() {
        // out centres at (i + 0.5) / 2 in input coordinates 0.25, 0.75, 1.25, 1.75; input centres 0.5 and 1.5.
        // 0.25 and 1.75 clamp to the edge pixels; 0.75 -> 0.75*0 + 0.25*100 = 25; 1.25 -> 0.25*0 + 0.75*100 = 75.
        byte[] row = {0, 100};
        byte[] resized = BilinearResize.resize(row, new ImageShape(1, 2, 1), 1, 4);
        assertArrayEquals(new int[]{0, 25, 75, 100}, unsigned(resized));
    }

    @Test
    void upscalingTwoByTwoRoundsEachPassLikePil() {
        // columns first: rows {10, 20} and {30, 41} -> {10, 13, 18, 20} and {30, 33, 38, 41} (32.75 -> 33,
        // 38.25 -> 38); then the same weights down each column: 0.75*13 + 0.25*33 = 18, 0.75*18 + 0.25*38 = 23.
        byte[] image = {10, 20, 30, 41};
        int[] resized = unsigned(BilinearResize.resize(image, new ImageShape(2, 2, 1), 4, 4));
        assertArrayEquals(new int[]{10, 13, 18, 20}, Arrays.copyOfRange(resized, 0, 4));
        assertArrayEquals(new int[]{15, 18, 23, 25}, Arrays.copyOfRange(resized, 4, 8));
        assertArrayEquals(new int[]{30, 33, 38, 41}, Arrays.copyOfRange(resized, 12, 16));
    }

    @Test
    void downscalingByTwoAveragesWithTheWidenedTriangle() {
        // 4 -> 2: centres 1.0 and 3.0, triangle half-width 2: weights 0.75, 0.75, 0.25 over pixels 0..2, then
        // 0.25, 0.75, 0.75 over pixels 1..3, normalised by 1.75: 50 / 1.75 = 28.57 and 160 / 1.75 = 91.43.
        byte[] row = {0, 40, 80, (byte) 120};
        int[] resized = unsigned(BilinearResize.resize(row, new ImageShape(1, 4, 1), 1, 2));
        assertArrayEquals(new int[]{29, 91}, resized);
    }

    @Test
    void greyConversionUsesRoundedLuma() {
        assertEquals(76, GreyConversion.luma(255, 0, 0));   // 76.2195
        assertEquals(150, GreyConversion.luma(0, 255, 0));  // 149.685
        assertEquals(29, GreyConversion.luma(0, 0, 255));   // 29.07
        assertEquals(255, GreyConversion.luma(255, 255, 255)); // 254.9745
        assertEquals(117, GreyConversion.luma(100, 120, 150)); // 29.89 + 70.44 + 17.1 = 117.43
        byte[] rgb = {(byte) 255, 0, 0, 100, 120, (byte) 150};
        assertArrayEquals(new int[]{76, 117}, unsigned(GreyConversion.toGrey(rgb, new ImageShape(1, 2, 3))));
    }

    @Test
    void subsetIsDeterministicSortedAndDependsOnTheSeed() {
        ImagePreprocessing first = ImagePreprocessing.NONE.withLimit(10, 1);
        int[] a = first.selectSubset(100);
        assertArrayEquals(a, first.selectSubset(100));
        assertEquals(10, a.length);
        assertTrue(Arrays.stream(a).distinct().count() == 10 && Arrays.stream(a).allMatch(i -> i >= 0 && i < 100));
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, a);
        assertFalse(Arrays.equals(a, ImagePreprocessing.NONE.withLimit(10, 2).selectSubset(100)));
        assertEquals(5, ImagePreprocessing.NONE.withLimit(10, 1).selectSubset(5).length);
    }

    @Test
    void outputShapeAndValidation() {
        ImagePreprocessing p = ImagePreprocessing.NONE.withResize(32, 32).withGrey(true);
        assertEquals(new ImageShape(32, 32, 1), p.outputShape(new ImageShape(28, 28, 3)));
        assertEquals(1024, p.outputShape(new ImageShape(28, 28, 3)).pixels());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImagePreprocessing.NONE.withResize(32, 0));
        assertTrue(e.getMessage().contains("both"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImagePreprocessing.NONE.withLimit(-1, 0));
    }
}
