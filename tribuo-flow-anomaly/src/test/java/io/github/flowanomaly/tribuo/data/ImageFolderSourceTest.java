package io.github.flowanomaly.tribuo.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.anomaly.Event;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageFolderSourceTest {

    @TempDir
    Path dir;

    private static void writeGrey(Path file, int height, int width, int base) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, base + 10 * y + x);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    private static void writeRgb(Path file, int height, int width) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (100 << 16) | (120 << 8) | (10 * y + x));
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    private static List<Example<Event>> examples(AbstractImageSource source) {
        List<Example<Event>> list = new ArrayList<>();
        source.forEach(list::add);
        return list;
    }

    private static double value(Example<Event> example, int index) {
        return example.lookup(PixelFeatures.name(index)).getValue();
    }

    @Test
    void readsGreyPngsRecursivelyInRelativePathOrder() throws IOException {
        writeGrey(dir.resolve("b/second.PNG"), 2, 3, 100);
        writeGrey(dir.resolve("a.png"), 2, 3, 0);
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        ImageFolderSource source = new ImageFolderSource(dir, 1, DatasetRole.IN_DISTRIBUTION, ImagePreprocessing.NONE);
        List<Example<Event>> examples = examples(source);
        assertEquals(2, examples.size());
        assertEquals(new ImageShape(2, 3, 1), source.imageShape());
        assertEquals(12.0, value(examples.get(0), 1 * 3 + 2));   // a.png (y=1, x=2)
        assertEquals(100.0, value(examples.get(1), 0));          // b/second.PNG
    }

    @Test
    void readsRgbAndConvertsToGreyOrReplicatesGrey() throws IOException {
        writeRgb(dir.resolve("rgb.png"), 2, 2);
        Example<Event> rgb = examples(new ImageFolderSource(dir, 3, DatasetRole.IN_DISTRIBUTION,
                ImagePreprocessing.NONE)).get(0);
        assertEquals(12, rgb.size());
        assertEquals(100.0, value(rgb, (1 * 2 + 1) * 3));
        assertEquals(120.0, value(rgb, (1 * 2 + 1) * 3 + 1));
        assertEquals(11.0, value(rgb, (1 * 2 + 1) * 3 + 2));
        Example<Event> grey = examples(new ImageFolderSource(dir, 1, DatasetRole.IN_DISTRIBUTION,
                ImagePreprocessing.NONE)).get(0);
        assertEquals(GreyConversion.luma(100, 120, 11), value(grey, 3));
        Files.delete(dir.resolve("rgb.png"));
        writeGrey(dir.resolve("g.png"), 1, 1, 42);
        Example<Event> replicated = examples(new ImageFolderSource(dir, 3, DatasetRole.IN_DISTRIBUTION,
                ImagePreprocessing.NONE)).get(0);
        assertEquals(42.0, value(replicated, 0));
        assertEquals(42.0, value(replicated, 2));
    }

    @Test
    void differentSizesNeedResizing() throws IOException {
        writeGrey(dir.resolve("small.png"), 2, 2, 50);
        writeGrey(dir.resolve("tall.png"), 4, 2, 50);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ImageFolderSource(dir,
                1, DatasetRole.IN_DISTRIBUTION, ImagePreprocessing.NONE));
        assertTrue(e.getMessage().contains("tall.png") && e.getMessage().contains("resizeHeight"), e.getMessage());
        ImageFolderSource resized = new ImageFolderSource(dir, 1, DatasetRole.IN_DISTRIBUTION,
                ImagePreprocessing.NONE.withResize(3, 3));
        assertEquals(2, resized.size());
        assertEquals(new ImageShape(3, 3, 1), resized.imageShape());
    }

    @Test
    void rejectsAFileThatIsNotAnImage() throws IOException {
        writeGrey(dir.resolve("good.png"), 1, 1, 0);
        Path bad = dir.resolve("broken.png");
        Files.writeString(bad, "this is text, not a PNG");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ImageFolderSource(dir,
                1, DatasetRole.IN_DISTRIBUTION, ImagePreprocessing.NONE));
        assertTrue(e.getMessage().contains(bad.toString()) && e.getMessage().contains("cannot be decoded"),
                e.getMessage());
    }

    @Test
    void limitKeepsASeededSubset() throws IOException {
        for (int i = 0; i < 6; i++) {
            writeGrey(dir.resolve("img" + i + ".png"), 1, 1, 10 * i);
        }
        ImageFolderSource source = new ImageFolderSource(dir, 1, DatasetRole.IN_DISTRIBUTION,
                ImagePreprocessing.NONE.withLimit(3, 5));
        assertEquals(3, source.size());
        assertEquals(examples(source), examples(new ImageFolderSource(dir, 1, DatasetRole.IN_DISTRIBUTION,
                ImagePreprocessing.NONE.withLimit(3, 5))));
    }
}
