package io.github.flowanomaly.tribuo.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.anomaly.Event;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CifarBinarySourceTest {

    @TempDir
    Path dir;

    /** Record r: labels (label bytes), then planes where value(c, h, w) = (c * 50 + h + w + r) mod 256. */
    private static Path writeRecords(Path file, int labelBytes, int[] labels) throws IOException {
        int recordBytes = labelBytes + 3072;
        byte[] content = new byte[labels.length * recordBytes];
        for (int r = 0; r < labels.length; r++) {
            int offset = r * recordBytes;
            for (int l = 0; l < labelBytes; l++) {
                content[offset + l] = (byte) (labels[r] + 10 * (labelBytes - 1 - l));
            }
            for (int c = 0; c < 3; c++) {
                for (int h = 0; h < 32; h++) {
                    for (int w = 0; w < 32; w++) {
                        content[offset + labelBytes + c * 1024 + h * 32 + w] = (byte) ((c * 50 + h + w + r) % 256);
                    }
                }
            }
        }
        return Files.write(file, content);
    }

    private static List<Example<Event>> examples(AbstractImageSource source) {
        List<Example<Event>> list = new ArrayList<>();
        source.forEach(list::add);
        return list;
    }

    private static double value(Example<Event> example, int h, int w, int c) {
        return example.lookup(PixelFeatures.name((h * 32 + w) * 3 + c)).getValue();
    }

    @Test
    void convertsPlanarRecordsToHwcAcrossFiles() throws IOException {
        Path first = writeRecords(dir.resolve("data_batch_1.bin"), 1, new int[]{3, 5});
        Path second = writeRecords(dir.resolve("data_batch_2.bin"), 1, new int[]{3});
        CifarBinarySource source = new CifarBinarySource(List.of(first, second), 1, List.of(),
                DatasetRole.IN_DISTRIBUTION, ImagePreprocessing.NONE);
        List<Example<Event>> examples = examples(source);
        assertEquals(3, examples.size());
        assertEquals(new ImageShape(32, 32, 3), source.imageShape());
        assertEquals(3072, examples.get(0).size());
        assertEquals((2 * 50 + 5 + 7 + 1) % 256, value(examples.get(1), 5, 7, 2)); // blue at (5, 7), record 1
        assertEquals(0.0, value(examples.get(2), 0, 0, 0));
        assertEquals(50 + 31 + 31, value(examples.get(0), 31, 31, 1));
    }

    @Test
    void filtersOnTheLastLabelByteAndConvertsToGrey() throws IOException {
        Path file = writeRecords(dir.resolve("train.bin"), 2, new int[]{1, 2, 1});
        CifarBinarySource source = new CifarBinarySource(List.of(file), 2, List.of(1),
                DatasetRole.OUT_OF_DISTRIBUTION, ImagePreprocessing.NONE.withGrey(true));
        List<Example<Event>> examples = examples(source);
        assertEquals(2, examples.size());
        assertEquals(1024, examples.get(0).size());
        // record 2 at (0, 0): RGB (2, 52, 102) -> 0.5978 + 30.524 + 11.628 = 42.75 -> 43
        assertEquals(43.0, examples.get(1).lookup(PixelFeatures.name(0)).getValue());
        assertEquals(Event.EventType.ANOMALOUS, examples.get(0).getOutput().getType());
    }

    @Test
    void rejectsALengthThatIsNotAMultipleOfTheRecord() throws IOException {
        Path file = dir.resolve("bad.bin");
        Files.write(file, new byte[3073 + 100]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CifarBinarySource(
                List.of(file), 1, List.of(), DatasetRole.IN_DISTRIBUTION, ImagePreprocessing.NONE));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("multiple of the 3073-byte")
                && e.getMessage().contains("found 3173 bytes"), e.getMessage());
    }
}
