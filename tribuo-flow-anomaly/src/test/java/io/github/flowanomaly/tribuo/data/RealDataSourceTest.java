package io.github.flowanomaly.tribuo.data;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.anomaly.Event;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reads the real data sets when they are present, and skips with a message when they are not. */
class RealDataSourceTest {

    private static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    private static Path require(Path file, String hint) {
        Assumptions.assumeTrue(Files.isRegularFile(file), file + " is absent; " + hint);
        return file;
    }

    private static Path sharedData(String relative) {
        Path directory = DataDirectory.resolve().orElse(null);
        Assumptions.assumeTrue(directory != null,
                "set -Dflow.data.dir or FLOW_DATA_DIR to the shared data directory to run this test");
        return require(directory.resolve(relative), "the shared data directory lacks it");
    }

    private static void assertAllExamplesHave(AbstractImageSource source, int features) {
        for (Example<Event> example : source) {
            assertEquals(features, example.size());
        }
    }

    @Test
    void fashionMnistTestClassZeroResizedTo32() {
        String hint = "install the Debian package dataset-fashion-mnist";
        Path images = require(FASHION_MNIST.resolve("t10k-images-idx3-ubyte.gz"), hint);
        Path labels = require(FASHION_MNIST.resolve("t10k-labels-idx1-ubyte.gz"), hint);
        IdxImageSource source = new IdxImageSource(images, labels, List.of(0), DatasetRole.IN_DISTRIBUTION,
                ImagePreprocessing.NONE.withResize(32, 32), ImageRange.ALL);
        assertEquals(1000, source.size());
        assertEquals(new ImageShape(32, 32, 1), source.imageShape());
        assertAllExamplesHave(source, 1024);
    }

    @Test
    void mnistTest3000() {
        Path images = sharedData("mnist/test3000-images-idx3-ubyte.gz");
        IdxImageSource source = new IdxImageSource(images, null, List.of(), DatasetRole.OUT_OF_DISTRIBUTION,
                ImagePreprocessing.NONE, ImageRange.ALL);
        assertEquals(3000, source.size());
        assertEquals(new ImageShape(28, 28, 1), source.imageShape());
    }

    @Test
    void tinyImagenetSubsetGreyAndRgb() {
        Path images = sharedData("tiny-imagenet-32/train-images-idx4-ubyte.gz");
        ImagePreprocessing subset = ImagePreprocessing.NONE.withLimit(500, 20201102L);
        IdxImageSource grey = new IdxImageSource(images, null, List.of(), DatasetRole.IN_DISTRIBUTION,
                subset.withGrey(true), ImageRange.ALL);
        assertEquals(500, grey.size());
        assertAllExamplesHave(grey, 1024);
        IdxImageSource rgb = new IdxImageSource(images, null, List.of(), DatasetRole.IN_DISTRIBUTION, subset, ImageRange.ALL);
        assertEquals(500, rgb.size());
        assertEquals(new ImageShape(32, 32, 3), rgb.imageShape());
        assertAllExamplesHave(rgb, 3072);
    }
}
