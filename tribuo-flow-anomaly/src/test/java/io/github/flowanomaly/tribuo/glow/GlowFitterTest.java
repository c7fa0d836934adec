package io.github.flowanomaly.tribuo.glow;

import io.github.flowanomaly.tribuo.impl.FitResult;
import io.github.flowanomaly.tribuo.impl.GlowFitter;
import io.github.flowanomaly.tribuo.impl.TrainingPixels;
import io.github.flowanomaly.tf.ExecutionOptions;
import io.github.flowanomaly.tf.GlowScoringSession;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.GlowTrainingSession;
import io.github.flowanomaly.tf.GlowWeights;
import io.github.flowanomaly.tf.ImageBatch;
import io.github.flowanomaly.tf.TrainingOptions;
import io.github.flowanomaly.tf.WeightTensor;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared training loop: step budget and the skipped-step limit. */
class GlowFitterTest {

    private static final GlowSpec SPEC = new GlowSpec(8, 8, 1, 2, 1, 4, 3);

    @Test
    void stopsAtTheStepBudget() {
        FitResult result = fitter(new FitSettings(100, 7, 0, 16, 32, 0.05, 5))
                .fit(TrainingPixels.of(images(64), SPEC.dimensions()), null, null, new SplittableRandom(1));
        assertEquals(7, result.appliedSteps());
        assertEquals(0, result.skippedSteps());
        try (GlowScoringSession s = new GlowScoringSession(SPEC, result.weights(), ExecutionOptions.defaults(), 64)) {
            assertTrue(Double.isFinite(s.score(images(4)).meanBitsPerDim()));
        }
    }

    @Test
    void failsWhenTooManyStepsHaveNonFiniteValues() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> fitter(new FitSettings(100, 50, 0, 16, 32, 0.05, 5))
                        .fit(TrainingPixels.of(images(64), SPEC.dimensions()), brokenWeights(), null, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
    }

    private static GlowFitter fitter(FitSettings settings) {
        return new GlowFitter("test", SPEC, TrainingOptions.paperDefaults(), ExecutionOptions.defaults(), settings,
                Checkpointing.NONE, BatchAugmentation.NONE, ProgressListener.NONE);
    }

    /** Weights whose prior scale overflows float32, so every loss is infinite. */
    private static GlowWeights brokenWeights() {
        try (GlowTrainingSession s = new GlowTrainingSession(SPEC, TrainingOptions.paperDefaults(),
                ExecutionOptions.defaults(), null)) {
            Map<String, WeightTensor> w = new LinkedHashMap<>(s.exportWeights().tensors());
            WeightTensor scale = w.get("level1.prior.log_scale");
            float[] values = scale.values();
            values[0] = 1000f;
            w.put("level1.prior.log_scale", new WeightTensor(scale.shape(), values));
            return new GlowWeights(w);
        }
    }

    private static ImageBatch images(int count) {
        Random random = new Random(count);
        float[] pixels = new float[count * SPEC.dimensions()];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(256);
        }
        return new ImageBatch(pixels, count);
    }
}
