package io.github.flowanomaly.tribuo.glow;

import io.github.flowanomaly.tf.ExecutionOptions;
import io.github.flowanomaly.tf.Precision;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.ImageBatch;
import io.github.flowanomaly.tf.OutlierLoss;
import io.github.flowanomaly.tf.TrainingOptions;
import io.github.flowanomaly.tribuo.data.DatasetRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.MutableDataset;
import org.tribuo.anomaly.Event;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Translation, flip and pixel perturbation of training batches; exact resume of an augmented training. */
class BatchAugmentationTest {

    private static final GlowSpec SHAPE = new GlowSpec(16, 16, 1, 2, 2, 16, 0);

    private static float[] ramp(int images) {
        float[] pixels = new float[images * 256];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = 1 + (i * 7) % 250;
        }
        return pixels;
    }

    /** The image moved by (dy, dx) with zero fill, optionally mirrored, written out pixel by pixel. */
    private static float[] shifted(float[] image, int dy, int dx, boolean flip) {
        float[] out = new float[256];
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                int sx = (flip ? 15 - x : x) - dx;
                int sy = y - dy;
                out[y * 16 + x] = sy < 0 || sy >= 16 || sx < 0 || sx >= 16 ? 0 : image[sy * 16 + sx];
            }
        }
        return out;
    }

    @Test
    void translationMovesTheContentAndFillsZeros() {
        float[] image = ramp(1);
        float[] pixels = image.clone();
        BatchAugmentation.translate(pixels, 0, new float[256], 16, 16, 1, 2, -3, false);
        assertArrayEquals(shifted(image, 2, -3, false), pixels);
        assertEquals(0, pixels[0], "row 0 came from outside the image");
        assertEquals(image[0 * 16 + 3], pixels[2 * 16], "content at (0, 3) moved to (2, 0)");
    }

    @Test
    void everyAugmentedImageIsAShiftOfItsInputWithinTheMaximum() {
        float[] input = ramp(64);
        for (Augmentation kind : new Augmentation[]{Augmentation.TRANSLATE, Augmentation.TRANSLATE_FLIP}) {
            ImageBatch batch = new ImageBatch(input.clone(), 64);
            new BatchAugmentation(kind, 0.1, 0).apply(batch, SHAPE, 11, 3);
            int flipped = 0;
            int moved = 0;
            for (int i = 0; i < 64; i++) {
                float[] in = Arrays.copyOfRange(input, i * 256, (i + 1) * 256);
                float[] out = Arrays.copyOfRange(batch.pixels(), i * 256, (i + 1) * 256);
                boolean found = false;
                // 0.1 of 16 is 1.6: shifts round to -2..2
                for (int dy = -2; dy <= 2 && !found; dy++) {
                    for (int dx = -2; dx <= 2 && !found; dx++) {
                        for (boolean flip : new boolean[]{false, true}) {
                            if (Arrays.equals(shifted(in, dy, dx, flip), out)) {
                                found = true;
                                flipped += flip ? 1 : 0;
                                moved += dy != 0 || dx != 0 ? 1 : 0;
                                break;
                            }
                        }
                    }
                }
                assertTrue(found, kind + ": image " + i + " is not a shift of at most 2 pixels of its input");
            }
            assertTrue(moved > 32, kind + ": most images move, " + moved + " of 64 did");
            if (kind == Augmentation.TRANSLATE) {
                assertEquals(0, flipped, "TRANSLATE never flips");
            } else {
                assertTrue(flipped > 16 && flipped < 48, "about half are flipped, found " + flipped);
            }
        }
    }

    @Test
    void shiftsAreTorchvisionsRoundedUniformDraws() {
        SplittableRandom rng = new SplittableRandom(5);
        int[] counts = new int[7];
        for (int i = 0; i < 70_000; i++) {
            int s = BatchAugmentation.shift(rng, 3.2);
            assertTrue(s >= -3 && s <= 3, "shift " + s);
            counts[s + 3]++;
        }
        // round(U(-3.2, 3.2)): +-3 has probability 0.7/6.4, the others 1/6.4
        assertEquals(70_000 * 0.7 / 6.4, counts[0], 400);
        assertEquals(70_000 / 6.4, counts[3], 400);
    }

    @Test
    void perturbationReplacesTheGivenFractionOfPixelsWithGreyLevels() {
        int images = 64;
        float[] pixels = new float[images * 256];
        Arrays.fill(pixels, 0.5f); // never a grey level, so every replaced pixel differs
        new BatchAugmentation(Augmentation.NONE, 0.1, 0.2).apply(new ImageBatch(pixels, images), SHAPE, 3, 0);
        int replaced = 0;
        for (float v : pixels) {
            if (v != 0.5f) {
                replaced++;
                assertTrue(v >= 0 && v <= 255 && v == Math.rint(v), "a replacement is a grey level, found " + v);
            }
        }
        assertEquals(0.2, replaced / (double) pixels.length, 0.01);
    }

    @Test
    void drawsDependOnlyOnSeedAndCounter() {
        BatchAugmentation augmentation = new BatchAugmentation(Augmentation.TRANSLATE_FLIP, 0.1, 0.1);
        float[] a = ramp(8);
        float[] b = ramp(8);
        float[] c = ramp(8);
        augmentation.apply(new ImageBatch(a, 8), SHAPE, 7, 42);
        augmentation.apply(new ImageBatch(b, 8), SHAPE, 7, 42);
        augmentation.apply(new ImageBatch(c, 8), SHAPE, 7, 43);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c), "another step draws other changes");
    }

    @Test
    void noAugmentationLeavesTheBatchAlone() {
        float[] pixels = ramp(4);
        BatchAugmentation.NONE.apply(new ImageBatch(pixels, 4), SHAPE, 1, 1);
        assertArrayEquals(ramp(4), pixels);
        assertTrue(BatchAugmentation.NONE.isIdentity());
    }

    @Test
    void invalidSettingsNameTheirField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BatchAugmentation(Augmentation.TRANSLATE, 1.5, 0));
        assertTrue(e.getMessage().startsWith("maxShiftFraction"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BatchAugmentation(Augmentation.NONE, 0.1, -0.1));
        assertTrue(e.getMessage().startsWith("perturbationRate"), e.getMessage());
    }

    private static GlowTrainer trainer(Path checkpoint) {
        return new GlowTrainer(SHAPE, new FitSettings(100, 24, 0, 32, 64, 0.05, 1),
                new TrainingOptions(1e-3, 5e-5, 0, 0, 0, 0.9, 0.999, 1e-8, OutlierLoss.none()),
                new BatchAugmentation(Augmentation.TRANSLATE_FLIP, 0.1, 0.1), new ExecutionOptions(1, 1, false, Precision.FP32),
                CalibrationSettings.DEFAULT, FlowScore.NEGATIVE_LOG_LIKELIHOOD, null,
                checkpoint == null ? Checkpointing.NONE : new Checkpointing(checkpoint, 5), 4);
    }

    @Test
    void anInterruptedAugmentedTrainingResumesToTheUninterruptedModel(@TempDir Path dir) {
        MutableDataset<Event> data = SyntheticData.dataset(SyntheticData.blobs(200, 3), DatasetRole.IN_DISTRIBUTION,
                "blobs");
        MutableDataset<Event> test = SyntheticData.dataset(SyntheticData.blobs(20, 4), DatasetRole.IN_DISTRIBUTION,
                "test");
        double[] uninterrupted;
        try (GlowModel model = trainer(null).train(data)) {
            uninterrupted = GlowTrainerTest.scores(model, test);
        }
        Path checkpoint = dir.resolve("glow.ckpt");
        GlowTrainer first = trainer(checkpoint);
        first.setProgressListener(p -> {
            if (p.step() == 13) {
                throw new IllegalStateException("simulated crash at step 13");
            }
        });
        assertThrows(IllegalStateException.class, () -> first.train(data));
        try (GlowModel resumed = trainer(checkpoint).train(data)) {
            double[] scores = GlowTrainerTest.scores(resumed, test);
            for (int i = 0; i < scores.length; i++) {
                assertEquals(uninterrupted[i], scores[i], 1e-4, "image " + i);
            }
        }
    }

    @Test
    void augmentationIsRecordedInTheTrainerProvenance() {
        String provenance = trainer(null).getProvenance().toString();
        assertTrue(provenance.contains("TRANSLATE_FLIP") && provenance.contains("perturbationRate"), provenance);
    }
}
