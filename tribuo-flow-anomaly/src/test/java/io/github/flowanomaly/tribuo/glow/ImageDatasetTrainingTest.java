package io.github.flowanomaly.tribuo.glow;

import io.github.flowanomaly.tf.ExecutionOptions;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.ImageBatch;
import io.github.flowanomaly.tf.OutlierLoss;
import io.github.flowanomaly.tf.Precision;
import io.github.flowanomaly.tf.TrainingOptions;
import io.github.flowanomaly.tribuo.data.DatasetRole;
import io.github.flowanomaly.tribuo.data.IdxImageSource;
import io.github.flowanomaly.tribuo.data.IdxWriter;
import io.github.flowanomaly.tribuo.data.ImageDataset;
import io.github.flowanomaly.tribuo.data.ImagePreprocessing;
import io.github.flowanomaly.tribuo.data.ImageRange;
import io.github.flowanomaly.tribuo.impl.TrainingImages;
import io.github.flowanomaly.tribuo.impl.TrainingPixels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.MutableDataset;
import org.tribuo.anomaly.Event;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.anomaly.AnomalyFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training from the compact store ({@link ImageDataset}, one byte per pixel value) gives the same batches and the
 * same model as training from the dense Tribuo examples of the same source and seed.
 */
class ImageDatasetTrainingTest {

    private static final GlowSpec SHAPE = new GlowSpec(16, 16, 1, 2, 2, 16, 0);

    @TempDir
    static Path dir;
    static IdxImageSource source;

    @BeforeAll
    static void writeImages() throws IOException {
        Path file = dir.resolve("blobs.idx");
        IdxWriter.writeImages(file, SyntheticData.SHAPE, SyntheticData.blobs(150, 5));
        source = new IdxImageSource(file, null, List.of(), DatasetRole.IN_DISTRIBUTION, ImagePreprocessing.NONE,
                ImageRange.ALL);
    }

    private static GlowTrainer trainer() {
        return new GlowTrainer(SHAPE, new FitSettings(100, 12, 0, 32, 64, 0.05, 1),
                new TrainingOptions(2e-3, 5e-5, 2, 0, 0, 0.9, 0.999, 1e-8, OutlierLoss.none()),
                new BatchAugmentation(Augmentation.TRANSLATE, 0.1, 0.1),
                new ExecutionOptions(1, 1, false, Precision.FP32), CalibrationSettings.DEFAULT,
                FlowScore.NEGATIVE_LOG_LIKELIHOOD, null, Checkpointing.NONE, 9);
    }

    @Test
    void theCompactDatasetHasTheExamplesFeatureMapAndOutputsOfTheDenseOne() {
        ImageDataset compact = new ImageDataset(source);
        MutableDataset<Event> dense = new MutableDataset<>(source);
        assertEquals(dense.size(), compact.size());
        Iterator<Example<Event>> it = compact.iterator();
        for (int i = 0; i < dense.size(); i++) {
            Example<Event> a = dense.getExample(i);
            Example<Event> b = it.next();
            assertEquals(a.getOutput(), b.getOutput());
            assertEquals(a.size(), b.size());
            Iterator<Feature> fb = b.iterator();
            for (Feature f : a) {
                assertEquals(f, fb.next(), "example " + i);
            }
            assertEquals(a.size(), compact.getExample(i).size());
        }
        assertFalse(it.hasNext());
        assertEquals(dense.getFeatureIDMap().toString(), compact.getFeatureIDMap().toString());
        assertEquals(dense.getOutputIDInfo().toString(), compact.getOutputIDInfo().toString());
        assertEquals(dense.getOutputs(), compact.getOutputs());
        assertThrows(UnsupportedOperationException.class, () -> compact.shuffle(true));
    }

    @Test
    void compactAndDenseDatasetsGiveTheSameBatches() {
        TrainingImages fromCompact = TrainingImages.from(new ImageDataset(source), SHAPE, 0.1, new SplittableRandom(3));
        TrainingImages fromDense = TrainingImages.from(new MutableDataset<>(source), SHAPE, 0.1,
                new SplittableRandom(3));
        assertTrue(fromCompact.training().compact() && fromDense.training().compact(),
                "uint8 images are held as bytes either way");
        assertArrayEquals(fromDense.training().toBatch().pixels(), fromCompact.training().toBatch().pixels());
        assertArrayEquals(fromDense.calibration().toBatch().pixels(), fromCompact.calibration().toBatch().pixels());
        int[] order = {5, 0, 17, 3};
        assertArrayEquals(fromDense.training().gather(order, 1, 3).pixels(),
                fromCompact.training().gather(order, 1, 3).pixels());
    }

    @Test
    void trainingOnTheCompactDatasetGivesTheModelOfTheDenseOne() {
        Dataset<Event> test = new MutableDataset<>(source);
        double[] dense;
        try (GlowModel model = trainer().train(new MutableDataset<>(source))) {
            dense = GlowTrainerTest.scores(model, test);
        }
        try (GlowModel model = trainer().train(ImageDataset.of(source))) {
            assertArrayEquals(dense, GlowTrainerTest.scores(model, test));
            assertEquals(new MutableDataset<>(source).getFeatureIDMap().toString(),
                    model.getFeatureIDMap().toString());
        }
    }

    @Test
    void imagesOfAnotherShapeAreRejectedNamingBothShapes() {
        GlowSpec other = new GlowSpec(8, 8, 1, 2, 2, 16, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingImages.from(new ImageDataset(source), other, 0.1, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("16x16x1") && e.getMessage().contains("256")
                && e.getMessage().contains("8x8x1") && e.getMessage().contains("64"), e.getMessage());
    }

    @Test
    void examplesWithFractionalValuesKeepThemAsFloats() {
        List<Example<Event>> examples = new ArrayList<>();
        String[] names = io.github.flowanomaly.tribuo.data.ImageExamples.featureNames(SyntheticData.SHAPE);
        for (int n = 0; n < 3; n++) {
            double[] values = new double[names.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = n == 2 && i == 7 ? 12.5 : (i + n) % 256;
            }
            examples.add(new ArrayExample<>(new Event(Event.EventType.EXPECTED), names, values));
        }
        MutableDataset<Event> data = new MutableDataset<>(examples, new SimpleDataSourceProvenance("fractional",
                new AnomalyFactory()), new AnomalyFactory());
        TrainingPixels pixels = TrainingImages.pixels(data, SHAPE);
        assertFalse(pixels.compact());
        ImageBatch batch = pixels.toBatch();
        assertEquals(12.5f, batch.pixels()[2 * 256 + 7]);
        assertEquals(1f, batch.pixels()[1], "values before the fractional image are kept");
        assertEquals(2f, batch.pixels()[256 + 1]);
    }

    @Test
    void serializingTheCompactDatasetWritesItsExamples() {
        ImageDataset compact = new ImageDataset(source);
        Dataset<?> read = Dataset.deserialize(compact.serialize());
        assertEquals(compact.size(), read.size());
        assertEquals(compact.getExample(4).toString(), read.getExample(4).toString());
    }
}
