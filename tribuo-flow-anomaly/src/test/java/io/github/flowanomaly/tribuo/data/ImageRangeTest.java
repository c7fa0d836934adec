package io.github.flowanomaly.tribuo.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.anomaly.Event;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Contiguous image ranges of an IDX file (disjoint train/test parts of one file). */
class ImageRangeTest {

    @Test
    void rangeSelectsContiguousImagesAndRejectsRangesBeyondTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("ten.idx");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(0x00000803);
            out.writeInt(10);
            out.writeInt(2);
            out.writeInt(2);
            for (int n = 0; n < 10; n++) {
                for (int p = 0; p < 4; p++) {
                    out.write(n * 10 + p);
                }
            }
        }
        IdxImageSource middle = new IdxImageSource(file, null, List.of(), DatasetRole.IN_DISTRIBUTION,
                ImagePreprocessing.NONE, new ImageRange(3, 4));
        List<Double> firstPixels = new ArrayList<>();
        for (Example<Event> e : middle) {
            firstPixels.add(e.lookup(PixelFeatures.name(0)).getValue());
        }
        assertEquals(List.of(30.0, 40.0, 50.0, 60.0), firstPixels);
        IdxImageSource rest = new IdxImageSource(file, null, List.of(), DatasetRole.IN_DISTRIBUTION,
                ImagePreprocessing.NONE, new ImageRange(7, 0));
        assertEquals(3, rest.size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new IdxImageSource(file,
                null, List.of(), DatasetRole.IN_DISTRIBUTION, ImagePreprocessing.NONE, new ImageRange(8, 5)));
        assertTrue(e.getMessage().contains("has 10 images"), e.getMessage());
    }
}
