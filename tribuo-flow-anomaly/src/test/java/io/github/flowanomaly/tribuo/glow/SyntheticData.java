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
public final class SyntheticData {

    public static final ImageShape SHAPE = new ImageShape(16, 16, 1);

    private SyntheticData() {}

    /** Smooth bright blobs on a dark background. */
    public static byte[][] blobs(int count, long seed) {
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

    /**
     * Images whose anomalies differ from inliers in global shape but share low-level statistics with a general
     * distribution: one bright shape ({@code 0} blob, {@code 1} bars, {@code 2} rectangle) with per-pixel noise of
     * standard deviation {@code texture}.
     */
    public static byte[] shape(int kind, double texture, Random random) {
        int h = SHAPE.height(), w = SHAPE.width();
        byte[] image = new byte[h * w];
        double brightness = 150 + 90 * random.nextDouble();
        double cy = h * (0.3 + 0.4 * random.nextDouble());
        double cx = w * (0.3 + 0.4 * random.nextDouble());
        double size = h * (0.12 + 0.12 * random.nextDouble());
        boolean horizontal = random.nextBoolean();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double base = switch (kind) {
                    case 0 -> Math.exp(-((y - cy) * (y - cy) + (x - cx) * (x - cx)) / (2 * size * size));
                    case 1 -> (horizontal ? Math.abs(y - cy) : Math.abs(x - cx)) < 1.5 ? 1 : 0;
                    default -> Math.abs(y - cy) < size && Math.abs(x - cx) < size ? 1 : 0;
                };
                double v = 20 + brightness * base + texture * random.nextGaussian();
                image[y * w + x] = (byte) Math.max(0, Math.min(255, Math.round(v)));
            }
        }
        return image;
    }

    /** {@link #shape} images of one kind and texture. */
    public static byte[][] shapes(int count, int kind, double texture, long seed) {
        Random random = new Random(seed);
        byte[][] images = new byte[count][];
        for (int i = 0; i < count; i++) {
            images[i] = shape(kind, texture, random);
        }
        return images;
    }

    /** A general distribution: every kind of shape with textures from smooth to rough. */
    public static byte[][] generalMixture(int count, long seed) {
        Random random = new Random(seed);
        byte[][] images = new byte[count][];
        for (int i = 0; i < count; i++) {
            images[i] = shape(random.nextInt(3), 2 + 28 * random.nextDouble(), random);
        }
        return images;
    }

    /** Uniform noise images. */
    public static byte[][] noise(int count, long seed) {
        Random random = new Random(seed);
        byte[][] images = new byte[count][SHAPE.pixels()];
        for (byte[] image : images) {
            random.nextBytes(image);
        }
        return images;
    }

    /** Blobs with a bright 4x4 patch pasted at a random position. */
    public static byte[][] patched(int count, long seed) {
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

    /** A data source over a dataset's examples (for trainers configured with a data source). */
    public static org.tribuo.ConfigurableDataSource<Event> source(MutableDataset<Event> data) {
        return new ListSource(data);
    }

    public static MutableDataset<Event> dataset(byte[][] images, DatasetRole role, String description) {
        String[] names = ImageExamples.featureNames(SHAPE);
        List<Example<Event>> examples = new ArrayList<>();
        for (byte[] image : images) {
            examples.add(ImageExamples.toExample(image, names, role));
        }
        return new MutableDataset<>(examples, new SimpleDataSourceProvenance(description, new AnomalyFactory()),
                new AnomalyFactory());
    }
}
