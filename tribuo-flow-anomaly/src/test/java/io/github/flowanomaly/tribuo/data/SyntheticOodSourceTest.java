package io.github.flowanomaly.tribuo.data;

import com.oracle.labs.mlrg.olcut.config.PropertyException;
import io.github.flowanomaly.tribuo.glow.SyntheticData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.anomaly.Event;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The synthetic OOD sets: shuffled patches and outlines. */
class SyntheticOodSourceTest {

    @Test
    void shufflingPermutesWholePatches() {
        ImageShape shape = new ImageShape(4, 4, 1);
        byte[] image = new byte[16];
        for (int i = 0; i < 16; i++) {
            image[i] = (byte) i;
        }
        byte[] out = SyntheticOodSource.shuffle(image, shape, 2, new SplittableRandom(1));
        byte[] sortedIn = image.clone();
        byte[] sortedOut = out.clone();
        Arrays.sort(sortedIn);
        Arrays.sort(sortedOut);
        assertArrayEquals(sortedIn, sortedOut, "same pixels");
        // each 2x2 patch of the output is a 2x2 patch of the input: its top-left value v has v+1, v+4, v+5 beside it
        for (int py = 0; py < 4; py += 2) {
            for (int px = 0; px < 4; px += 2) {
                int v = out[py * 4 + px];
                assertEquals(v + 1, out[py * 4 + px + 1]);
                assertEquals(v + 4, out[(py + 1) * 4 + px]);
                assertEquals(v + 5, out[(py + 1) * 4 + px + 1]);
            }
        }
    }

    @Test
    void outlinesAreTheLocalMaximumMinusMinimum() {
        ImageShape shape = new ImageShape(5, 5, 1);
        byte[] square = new byte[25];
        for (int y = 1; y <= 3; y++) {
            for (int x = 1; x <= 3; x++) {
                square[y * 5 + x] = (byte) 200;
            }
        }
        byte[] out = SyntheticOodSource.outline(square, shape);
        assertEquals(0, out[2 * 5 + 2], "the flat centre of the square has no outline");
        assertEquals(200, out[1 * 5 + 1] & 0xFF, "its corner is on the edge");
        assertEquals(200, out[0] & 0xFF, "the black corner of the image touches the square");
        byte[] flat = new byte[25];
        Arrays.fill(flat, (byte) 90);
        for (byte b : SyntheticOodSource.outline(flat, shape)) {
            assertEquals(0, b, "a flat image has no outline");
        }
    }

    @Test
    void aSourceShufflesEveryImageOfItsInputSeeded(@TempDir Path dir) throws Exception {
        IdxImageSource source = blobSource(dir, 10);
        SyntheticOodSource a = new SyntheticOodSource(source, SyntheticTransform.SHUFFLED_PATCHES, 4, 7,
                DatasetRole.OUT_OF_DISTRIBUTION);
        SyntheticOodSource b = new SyntheticOodSource(source, SyntheticTransform.SHUFFLED_PATCHES, 4, 7,
                DatasetRole.OUT_OF_DISTRIBUTION);
        assertEquals(10, a.size());
        List<Example<Event>> original = new ArrayList<>();
        source.forEach(original::add);
        List<Example<Event>> first = new ArrayList<>();
        a.forEach(first::add);
        List<Example<Event>> second = new ArrayList<>();
        b.forEach(second::add);
        int changed = 0;
        for (int i = 0; i < 10; i++) {
            assertEquals(Event.EventType.ANOMALOUS, first.get(i).getOutput().getType());
            assertArrayEquals(values(first.get(i)), values(second.get(i)), "seeded");
            double[] in = values(original.get(i));
            double[] out = values(first.get(i));
            Arrays.sort(in);
            Arrays.sort(out);
            assertArrayEquals(in, out, "a shuffle keeps every pixel value");
            changed += Arrays.equals(values(original.get(i)), values(first.get(i))) ? 0 : 1;
        }
        assertTrue(changed >= 9, "almost every image changes, " + changed + " of 10 did");
        assertTrue(a.getProvenance().toString().contains("patchSize"), a.getProvenance().toString());
    }

    @Test
    void aPatchSizeThatDoesNotDivideTheImageIsRejectedByName(@TempDir Path dir) throws Exception {
        IdxImageSource source = blobSource(dir, 2);
        PropertyException e = assertThrows(PropertyException.class,
                () -> new SyntheticOodSource(source, SyntheticTransform.SHUFFLED_PATCHES, 5, 7,
                        DatasetRole.OUT_OF_DISTRIBUTION));
        assertEquals("patchSize", e.getProperty());
        assertFalse(e.getMessage().isEmpty());
    }

    /** An IDX source of generated 16x16 images. */
    private static IdxImageSource blobSource(Path dir, int count) throws java.io.IOException {
        Path idx = dir.resolve("images.idx");
        IdxFiles.write(idx, false, new int[]{count, 16, 16}, flat(SyntheticData.blobs(count, 1)));
        return new IdxImageSource(idx, null, List.of(), DatasetRole.IN_DISTRIBUTION, ImagePreprocessing.NONE,
                ImageRange.ALL);
    }

    private static byte[] flat(byte[][] images) {
        byte[] out = new byte[images.length * images[0].length];
        for (int i = 0; i < images.length; i++) {
            System.arraycopy(images[i], 0, out, i * images[i].length, images[i].length);
        }
        return out;
    }

    private static double[] values(Example<Event> example) {
        double[] out = new double[example.size()];
        int i = 0;
        for (Feature f : example) {
            out[i++] = f.getValue();
        }
        return out;
    }
}
