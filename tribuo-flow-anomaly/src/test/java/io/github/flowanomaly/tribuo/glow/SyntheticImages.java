package io.github.flowanomaly.tribuo.glow;

import io.github.flowanomaly.tribuo.data.DatasetRole;
import io.github.flowanomaly.tribuo.data.ImageExamples;
import io.github.flowanomaly.tribuo.data.ImageShape;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.anomaly.AnomalyFactory;
import org.tribuo.anomaly.Event;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test helper: small generated image data sets as Tribuo datasets. */
final class SyntheticImages {

    static final ImageShape SHAPE = new ImageShape(16, 16, 1);

    private SyntheticImages() {}

    /** Smooth bright blobs on a dark background. */
    static byte[][] blobs(int count, long seed) {
        Random random = new Random(seed);
        byte[][] images = new byte[count][];
        for (int n = 0; n < count; n++) {
            images[n] = blob(random);
        }
        return images;
    }

    private static byte[] blob(Random random) {
        int h = SHAPE.height(), w = SHAPE.width();
        byte[] image = new byte[h * w];
        double cy = h * (0.3 + 0.4 * random.nextDouble());
        double cx = w * (0.3 + 0.4 * random.nextDouble());
        double sigma = h * (0.12 + 0.1 * random.nextDouble());
        double brightness = 150 + 100 * random.nextDouble();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double d2 = (y - cy) * (y - cy) + (x - cx) * (x - cx);
                double v = 20 + brightness * Math.exp(-d2 / (2 * sigma * sigma)) + 4 * random.nextGaussian();
                image[y * w + x] = (byte) Math.max(0, Math.min(255, Math.round(v)));
            }
        }
        return image;
    }

    /** Uniform noise images. */
    static byte[][] noise(int count, long seed) {
        Random random = new Random(seed);
        byte[][] images = new byte[count][SHAPE.pixels()];
        for (byte[] image : images) {
            random.nextBytes(image);
        }
        return images;
    }

    /** Blobs with a bright 4x4 patch pasted at a random position. */
    static byte[][] patched(int count, long seed) {
        Random random = new Random(seed);
        byte[][] images = blobs(count, seed + 1);
        for (byte[] image : images) {
            int py = random.nextInt(SHAPE.height() - 4);
            int px = random.nextInt(SHAPE.width() - 4);
            for (int y = py; y < py + 4; y++) {
                for (int x = px; x < px + 4; x++) {
                    image[y * SHAPE.width() + x] = (byte) 250;
                }
            }
        }
        return images;
    }

    static MutableDataset<Event> dataset(byte[][] images, DatasetRole role, String description) {
        String[] names = ImageExamples.featureNames(SHAPE);
        List<Example<Event>> examples = new ArrayList<>();
        for (byte[] image : images) {
            examples.add(ImageExamples.toExample(image, names, role));
        }
        return new MutableDataset<>(examples, new SimpleDataSourceProvenance(description, new AnomalyFactory()),
                new AnomalyFactory());
    }
}
