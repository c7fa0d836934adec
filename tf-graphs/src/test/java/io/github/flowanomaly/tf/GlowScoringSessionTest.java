package io.github.flowanomaly.tf;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inverse pass, sampling and weight validation of the inference-only graph. */
class GlowScoringSessionTest {

    private static final GlowSpec SPEC = new GlowSpec(8, 8, 1, 3, 1, 4, 7);

    @Test
    void inverseReconstructsTheInputWithNonZeroCouplingWeights() {
        GlowWeights weights = perturbed(freshWeights(), new Random(1), 0.2f);
        ImageBatch images = TestData.uniformNoise(16, SPEC.dimensions(), 5);
        float[] x = new float[images.pixels().length];
        Dequantization.binCentre(images.pixels(), x);
        try (GlowScoringSession s = new GlowScoringSession(SPEC, weights, ExecutionOptions.defaults(), 64)) {
            List<float[]> latents = s.encode(x, images.count());
            float[] back = s.decode(latents, images.count());
            double worst = 0;
            for (int i = 0; i < x.length; i++) {
                worst = Math.max(worst, Math.abs(back[i] - x[i]));
            }
            assertTrue(worst < 1e-4, "max |f^-1(f(x)) - x| = " + worst);
            float coupling = weights.get("level0.step0.coupling.conv3.weight").values()[0];
            assertTrue(coupling != 0f, "coupling weights must be non-zero for this test");
        }
    }

    @Test
    void samplesHaveTheImageShapeAndPixelRange() {
        try (GlowScoringSession s = new GlowScoringSession(SPEC, freshWeights(), ExecutionOptions.defaults(), 64)) {
            ImageBatch samples = s.sample(5, 0.7, 3);
            assertEquals(5, samples.count());
            assertEquals(5 * SPEC.dimensions(), samples.pixels().length);
            for (float v : samples.pixels()) {
                assertTrue(v >= 0f && v <= 255f);
            }
            ImageBatch again = s.sample(5, 0.7, 3);
            assertEquals(java.util.Arrays.toString(samples.pixels()), java.util.Arrays.toString(again.pixels()));
        }
    }

    @Test
    void mismatchedWeightsAreRejected() {
        Map<String, WeightTensor> missing = new LinkedHashMap<>(freshWeights().tensors());
        missing.remove("level0.prior.loc");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GlowScoringSession(SPEC, new GlowWeights(missing), ExecutionOptions.defaults(), 64));
        assertTrue(e.getMessage().contains("level0.prior.loc"), e.getMessage());
        Map<String, WeightTensor> wrongShape = new LinkedHashMap<>(freshWeights().tensors());
        wrongShape.put("level0.prior.loc", new WeightTensor(new long[]{2}, new float[2]));
        e = assertThrows(IllegalArgumentException.class,
                () -> new GlowScoringSession(SPEC, new GlowWeights(wrongShape), ExecutionOptions.defaults(), 64));
        assertTrue(e.getMessage().contains("shape"), e.getMessage());
    }

    private static GlowWeights freshWeights() {
        try (GlowTrainingSession s = new GlowTrainingSession(SPEC, TrainingOptions.paperDefaults(),
                ExecutionOptions.defaults(), null)) {
            return s.exportWeights();
        }
    }

    /** Adds noise to every trainable weight (P and sign stay valid). */
    static GlowWeights perturbed(GlowWeights weights, Random random, float scale) {
        Map<String, WeightTensor> out = new LinkedHashMap<>();
        weights.tensors().forEach((name, w) -> {
            if (name.endsWith(".P") || name.endsWith(".sign_s")) {
                out.put(name, w);
            } else {
                float[] v = w.values();
                for (int i = 0; i < v.length; i++) {
                    v[i] += scale * (float) random.nextGaussian();
                }
                out.put(name, new WeightTensor(w.shape(), v));
            }
        });
        return new GlowWeights(out);
    }
}
