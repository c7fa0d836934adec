package io.github.flowanomaly.tribuo.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.anomaly.AnomalyFactory;
import org.tribuo.anomaly.Event;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxImageSourceTest {

    @TempDir
    Path dir;

    private static List<Example<Event>> examples(AbstractImageSource source) {
        List<Example<Event>> list = new ArrayList<>();
        source.forEach(list::add);
        return list;
    }

    private static double value(Example<Event> example, int index) {
        return example.lookup(PixelFeatures.name(index)).getValue();
    }

    private IdxImageSource source(Path images, Path labels, List<Integer> filter, ImagePreprocessing p) {
        return new IdxImageSource(images, labels, filter, DatasetRole.IN_DISTRIBUTION, p, ImageRange.ALL);
    }

    @Test
    void readsGreyImagesPlainAndGzipWithAllPixelsNamedInOrder() throws IOException {
        for (boolean gzip : new boolean[]{false, true}) {
            Path file = IdxFiles.write(dir.resolve("grey" + gzip), gzip, new int[]{3, 4, 5},
                    IdxFiles.pattern(3, 4, 5, 1));
            IdxImageSource source = source(file, null, List.of(), ImagePreprocessing.NONE);
            List<Example<Event>> examples = examples(source);
            assertEquals(3, examples.size());
            assertEquals(new ImageShape(4, 5, 1), source.imageShape());
            Example<Event> second = examples.get(1);
            assertEquals(20, second.size());
            int position = 0;
            for (Feature feature : second) {
                assertEquals(PixelFeatures.name(position), feature.getName());
                assertEquals((7 + position) % 256, feature.getValue());
                position++;
            }
            assertEquals(Event.EventType.EXPECTED, second.getOutput().getType());
        }
    }

    @Test
    void readsColourImagesInHwcOrderAndKeepsZeros() throws IOException {
        byte[] data = new byte[2 * 2 * 3 * 3];
        data[2 * 18 / 2 + (1 * 3 + 2) * 3 + 1] = (byte) 250; // image 1, h=1, w=2, c=1
        Path file = IdxFiles.write(dir.resolve("rgb.gz"), true, new int[]{2, 2, 3, 3}, data);
        IdxImageSource source = new IdxImageSource(file, null, List.of(), DatasetRole.OUT_OF_DISTRIBUTION,
                ImagePreprocessing.NONE, ImageRange.ALL);
        Example<Event> second = examples(source).get(1);
        assertEquals(18, second.size());
        assertEquals(250.0, value(second, (1 * 3 + 2) * 3 + 1));
        assertEquals(0.0, value(second, 0));
        assertEquals(Event.EventType.ANOMALOUS, second.getOutput().getType());
        assertInstanceOf(AnomalyFactory.class, source.getOutputFactory());
    }

    @Test
    void labelFilterKeepsTheImagesWithThoseLabels() throws IOException {
        Path images = IdxFiles.write(dir.resolve("img"), false, new int[]{6, 2, 2}, IdxFiles.pattern(6, 2, 2, 1));
        Path labels = IdxFiles.write(dir.resolve("lab"), false, new int[]{6}, new byte[]{3, 1, 3, 0, 1, 3});
        IdxImageSource source = source(images, labels, List.of(3), ImagePreprocessing.NONE);
        List<Example<Event>> examples = examples(source);
        assertEquals(3, examples.size());
        assertEquals(0.0, value(examples.get(0), 0));   // image 0: 7*0
        assertEquals(14.0, value(examples.get(1), 0));  // image 2: 7*2
        assertEquals(35.0, value(examples.get(2), 0));  // image 5: 7*5
        assertEquals(6, source(images, labels, List.of(), ImagePreprocessing.NONE).size());
    }

    @Test
    void resizesAndConvertsToGrey() throws IOException {
        byte[] constant = new byte[2 * 28 * 28];
        java.util.Arrays.fill(constant, (byte) 77);
        Path grey = IdxFiles.write(dir.resolve("c.gz"), true, new int[]{2, 28, 28}, constant);
        IdxImageSource resized = source(grey, null, List.of(), ImagePreprocessing.NONE.withResize(32, 32));
        assertEquals(new ImageShape(32, 32, 1), resized.imageShape());
        for (Example<Event> example : resized) {
            assertEquals(1024, example.size());
            for (Feature feature : example) {
                assertEquals(77.0, feature.getValue());
            }
        }
        Path rgb = IdxFiles.write(dir.resolve("rgb"), false, new int[]{1, 1, 2, 3},
                new byte[]{(byte) 255, 0, 0, 100, 120, (byte) 150});
        IdxImageSource converted = source(rgb, null, List.of(), ImagePreprocessing.NONE.withGrey(true));
        Example<Event> example = examples(converted).get(0);
        assertEquals(2, example.size());
        assertEquals(76.0, value(example, 0));
        assertEquals(117.0, value(example, 1));
    }

    @Test
    void limitWithSeedIsDeterministicAndSeedDependent() throws IOException {
        Path images = IdxFiles.write(dir.resolve("many"), false, new int[]{30, 1, 1}, IdxFiles.pattern(30, 1, 1, 1));
        Set<Double> first = firstPixels(source(images, null, List.of(), ImagePreprocessing.NONE.withLimit(8, 1)));
        assertEquals(8, first.size());
        assertEquals(first, firstPixels(source(images, null, List.of(), ImagePreprocessing.NONE.withLimit(8, 1))));
        assertNotEquals(first, firstPixels(source(images, null, List.of(), ImagePreprocessing.NONE.withLimit(8, 2))));
    }

    private static Set<Double> firstPixels(AbstractImageSource source) {
        Set<Double> values = new TreeSet<>();
        source.forEach(e -> values.add(value(e, 0)));
        return values;
    }

    private void assertRejected(Path images, Path labels, List<Integer> filter, String... expectedParts) {
        long start = System.nanoTime();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> source(images, labels, filter, ImagePreprocessing.NONE));
        assertTrue((System.nanoTime() - start) < 5_000_000_000L, "took too long");
        for (String part : expectedParts) {
            assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' should mention '" + part + "'");
        }
    }

    @Test
    void rejectsWrongMagicAndType() throws IOException {
        Path magic = dir.resolve("magic");
        Files.write(magic, new byte[]{1, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 5});
        assertRejected(magic, null, List.of(), magic.toString(), "expected magic bytes 0x00 0x00", "0x01");
        Path type = IdxFiles.writeRaw(dir.resolve("type"), false, 0x0D, new int[]{1, 1, 1}, new byte[4]);
        assertRejected(type, null, List.of(), type.toString(), "expected data type 0x08", "found 0x0d");
        Path dims = IdxFiles.write(dir.resolve("dims"), false, new int[]{2, 2}, new byte[4]);
        assertRejected(dims, null, List.of(), "expected 3 or 4 dimensions, found 2");
    }

    @Test
    void rejectsTruncatedPayloadPlainAndGzip() throws IOException {
        Path plain = IdxFiles.write(dir.resolve("short"), false, new int[]{2, 2, 2}, new byte[7]);
        assertRejected(plain, null, List.of(), plain.toString(), "expect 8 payload bytes, found 7");
        Path gz = IdxFiles.write(dir.resolve("short.gz"), true, new int[]{2, 2, 2}, new byte[7]);
        assertRejected(gz, null, List.of(), "truncated", "expect 8 payload bytes, found 7");
        Path extra = IdxFiles.write(dir.resolve("long.gz"), true, new int[]{2, 2, 2}, new byte[9]);
        assertRejected(extra, null, List.of(), "expect 8 payload bytes, found more data");
        byte[] whole = Files.readAllBytes(IdxFiles.write(dir.resolve("ok.gz"), true, new int[]{50, 20, 20},
                IdxFiles.pattern(50, 20, 20, 1)));
        Path cut = dir.resolve("cut.gz");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertRejected(cut, null, List.of(), cut.toString(), "truncated", "expect 20000 payload bytes");
    }

    @Test
    void readsImageByImageTheSameImagesAsAWholeReadAndAConcatenatedGzipFile() throws IOException {
        byte[] payload = IdxFiles.pattern(40, 6, 5, 1);
        Path plain = IdxFiles.write(dir.resolve("all"), false, new int[]{40, 6, 5}, payload);
        Path gz = IdxFiles.write(dir.resolve("all.gz"), true, new int[]{40, 6, 5}, payload);
        // two gzip members: the trailer of the last one does not record the whole length, so the file is read whole
        Path header = IdxFiles.write(dir.resolve("header"), false, new int[]{40, 6, 5}, new byte[0]);
        ByteArrayOutputStream twoMembers = new ByteArrayOutputStream();
        for (byte[] part : List.of(Files.readAllBytes(header), java.util.Arrays.copyOf(payload, 500),
                java.util.Arrays.copyOfRange(payload, 500, payload.length))) {
            try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(twoMembers, true)) {
                out.write(part);
            }
        }
        Path multi = dir.resolve("multi.gz");
        Files.write(multi, twoMembers.toByteArray());
        ImagePreprocessing subset = new ImagePreprocessing(0, 0, false, 7, 3L);
        for (Path file : List.of(plain, gz, multi)) {
            IdxImageSource all = new IdxImageSource(file, null, List.of(), DatasetRole.IN_DISTRIBUTION,
                    ImagePreprocessing.NONE, new ImageRange(5, 30));
            assertEquals(30, all.size(), file.toString());
            for (int i = 0; i < 30; i++) {
                assertArrayEquals(java.util.Arrays.copyOfRange(payload, (5 + i) * 30, (6 + i) * 30),
                        all.imageStore().image(i), file + " image " + i);
            }
            IdxImageSource some = new IdxImageSource(file, null, List.of(), DatasetRole.IN_DISTRIBUTION, subset,
                    ImageRange.ALL);
            IdxImageSource reference = new IdxImageSource(plain, null, List.of(), DatasetRole.IN_DISTRIBUTION,
                    subset, ImageRange.ALL);
            assertEquals(7, some.size());
            for (int i = 0; i < 7; i++) {
                assertArrayEquals(reference.imageStore().image(i), some.imageStore().image(i), file.toString());
            }
        }
        // a truncated or overlong file is still reported when the kept images end before the file does
        Path extra = IdxFiles.write(dir.resolve("extra.gz"), true, new int[]{40, 6, 5},
                java.util.Arrays.copyOf(payload, payload.length + 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new IdxImageSource(extra,
                null, List.of(), DatasetRole.IN_DISTRIBUTION, ImagePreprocessing.NONE, new ImageRange(0, 3)));
        assertTrue(e.getMessage().contains("found more data"), e.getMessage());
    }

    @Test
    void rejectsHugeHeaderInTinyFileWithoutAllocating() throws IOException {
        int[] huge = {Integer.MAX_VALUE, 28, 28};
        Path plain = IdxFiles.write(dir.resolve("huge"), false, huge, new byte[10]);
        assertRejected(plain, null, List.of(), plain.toString(), "[2147483647, 28, 28]", "cannot be loaded");
        Path gz = IdxFiles.write(dir.resolve("huge.gz"), true, new int[]{1 << 20, 28, 28}, new byte[10]);
        assertRejected(gz, null, List.of(), "cannot hold more than");
        Path negative = IdxFiles.write(dir.resolve("neg"), false, new int[]{1 << 31, 28, 28}, new byte[10]);
        assertRejected(negative, null, List.of(), "expected positive dimension sizes");
    }

    @Test
    void rejectsLabelCountMismatchAndEmptyFilter() throws IOException {
        Path images = IdxFiles.write(dir.resolve("img"), false, new int[]{3, 2, 2}, IdxFiles.pattern(3, 2, 2, 1));
        Path labels = IdxFiles.write(dir.resolve("lab"), false, new int[]{2}, new byte[]{1, 2});
        assertRejected(images, labels, List.of(), labels.toString(), "expected 3 labels", "found 2");
        Path labels3 = IdxFiles.write(dir.resolve("lab3"), false, new int[]{3}, new byte[]{1, 2, 2});
        assertRejected(images, labels3, List.of(7), labels3.toString(), "labelFilter [7]", "labels present: [1, 2]");
    }

    @Test
    void rejectsMissingFileAndFilterWithoutLabels() {
        Path missing = dir.resolve("absent.gz");
        assertRejected(missing, null, List.of(), missing.toString(), "does not exist");
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> source(missing, null, List.of(1), ImagePreprocessing.NONE));
        assertTrue(e.getMessage().contains("labelsPath"), e.getMessage());
    }
}
