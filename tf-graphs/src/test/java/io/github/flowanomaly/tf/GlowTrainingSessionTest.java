package io.github.flowanomaly.tf;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Training a small Glow on generated images, scoring, export/import and step skipping. */
class GlowTrainingSessionTest {

    private static final GlowSpec SPEC = new GlowSpec(16, 16, 1, 2, 2, 16, 42);
    private static final ImageBatch TRAIN = TestData.blobs(512, 16, 16, 1, 1);
    private static final ImageBatch HELD_OUT = TestData.blobs(128, 16, 16, 1, 2);
    private static final ImageBatch NOISE = TestData.uniformNoise(128, 256, 3);

    private static GlowTrainingSession session;
    private static double initialHeldOutBpd;
    private static double finalHeldOutBpd;

    @BeforeAll
    static void train() {
        TrainingOptions options = new TrainingOptions(2e-3, 5e-5, 10, 0, 0, 0.9, 0.999, 1e-8, OutlierLoss.none());
        session = new GlowTrainingSession(SPEC, options, ExecutionOptions.defaults(), null);
        session.initializeFromData(TRAIN.slice(0, 256, SPEC.dimensions()));
        initialHeldOutBpd = session.score(HELD_OUT).meanBitsPerDim();
        int batch = 64;
        for (int epoch = 0; epoch < 6; epoch++) {
            for (int from = 0; from + batch <= TRAIN.count(); from += batch) {
                session.step(TRAIN.slice(from, batch, SPEC.dimensions()));
            }
        }
        finalHeldOutBpd = session.score(HELD_OUT).meanBitsPerDim();
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @Test
    void trainingLowersHeldOutBitsPerDimAndNoiseScoresFarWorse() {
        assertTrue(finalHeldOutBpd < initialHeldOutBpd - 0.5,
                "held-out bpd " + initialHeldOutBpd + " -> " + finalHeldOutBpd);
        double noiseBpd = session.score(NOISE).meanBitsPerDim();
        assertTrue(noiseBpd > finalHeldOutBpd + 2.0, "noise " + noiseBpd + " vs held-out " + finalHeldOutBpd);
        assertEquals(48, session.appliedSteps());
        assertEquals(0, session.skippedSteps());
    }

    @Test
    void levelContributionsSumExactlyToTheTotal() {
        LevelScores scores = session.score(HELD_OUT);
        for (int i = 0; i < scores.count(); i++) {
            float sum = scores.levelLogLikelihood(i, 0);
            for (int level = 1; level < scores.levels(); level++) {
                sum += scores.levelLogLikelihood(i, level);
            }
            assertEquals(scores.logLikelihood(i), sum, 0.0f, "image " + i);
        }
    }

    @Test
    void exportImportGivesBitIdenticalScores() {
        GlowWeights weights = session.exportWeights();
        LevelScores expected = session.score(HELD_OUT);
        try (GlowScoringSession scorer = new GlowScoringSession(SPEC, weights, ExecutionOptions.defaults(), 50)) {
            LevelScores actual = scorer.score(HELD_OUT);
            assertArrayEquals(expected.logLikelihoods(), actual.logLikelihoods());
            assertArrayEquals(expected.levelLogLikelihoods(), actual.levelLogLikelihoods());
        }
        assertEquals(weights, session.exportWeights(), "export is repeatable");
    }

    @Test
    void nonFiniteLossSkipsTheStepAndLeavesWeightsUnchanged() {
        TrainingOptions options = TrainingOptions.paperDefaults();
        try (GlowTrainingSession s = new GlowTrainingSession(SPEC, options, ExecutionOptions.defaults(), null)) {
            Map<String, WeightTensor> broken = new LinkedHashMap<>(s.exportWeights().tensors());
            WeightTensor logScale = broken.get("level1.prior.log_scale");
            float[] values = logScale.values();
            values[0] = 1000f; // exp overflows to +Inf in float32
            broken.put("level1.prior.log_scale", new WeightTensor(logScale.shape(), values));
            s.importWeights(new GlowWeights(broken));
            GlowWeights before = s.exportWeights();
            StepResult result = s.step(TRAIN.slice(0, 8, SPEC.dimensions()));
            assertFalse(result.applied());
            assertEquals(1, s.skippedSteps());
            assertEquals(0, s.appliedSteps());
            assertEquals(before, s.exportWeights());
        }
    }

    @Test
    void fineTuningStartsExactlyAtTheInitialModel() {
        GlowWeights general = session.exportWeights();
        try (GlowTrainingSession fine = new GlowTrainingSession(SPEC, TrainingOptions.paperDefaults(),
                ExecutionOptions.defaults(), general);
             GlowScoringSession frozen = new GlowScoringSession(SPEC, general, ExecutionOptions.defaults(), 256)) {
            assertArrayEquals(frozen.score(HELD_OUT).logLikelihoods(), fine.score(HELD_OUT).logLikelihoods());
        }
    }

    @Test
    void aRestoredStateContinuesTrainingExactly() {
        TrainingOptions options = TrainingOptions.paperDefaults();
        ImageBatch batch = TRAIN.slice(0, 16, SPEC.dimensions());
        try (GlowTrainingSession a = new GlowTrainingSession(SPEC, options, ExecutionOptions.defaults(), null);
             GlowTrainingSession b = new GlowTrainingSession(SPEC, options, ExecutionOptions.defaults(), null)) {
            a.initializeFromData(TRAIN.slice(0, 64, SPEC.dimensions()));
            a.step(batch);
            a.step(batch);
            TrainingState state = a.exportState();
            b.importState(state);
            a.step(batch);
            b.step(batch);
            assertEquals(a.exportState().appliedSteps(), b.exportState().appliedSteps());
            GlowWeights wa = a.exportWeights();
            GlowWeights wb = b.exportWeights();
            for (String name : wa.tensors().keySet()) {
                float[] x = wa.get(name).values();
                float[] y = wb.get(name).values();
                for (int i = 0; i < x.length; i++) {
                    assertEquals(x[i], y[i], 1e-5f, name);
                }
            }
        }
    }

    @Test
    void profiledStepsTrainExactlyLikeStepsAndSplitTheirNodeTimesByPhase() {
        TrainingOptions options = TrainingOptions.paperDefaults();
        ImageBatch batch = TRAIN.slice(0, 16, SPEC.dimensions());
        try (GlowTrainingSession a = new GlowTrainingSession(SPEC, options, ExecutionOptions.defaults(), null);
             GlowTrainingSession b = new GlowTrainingSession(SPEC, options, ExecutionOptions.defaults(), null)) {
            a.initializeFromData(TRAIN.slice(0, 64, SPEC.dimensions()));
            b.initializeFromData(TRAIN.slice(0, 64, SPEC.dimensions()));
            a.step(batch);
            a.step(batch);
            StepProfile plain = b.profileStep(batch, false);
            StepProfile traced = b.profileStep(batch, true);
            assertEquals(2, b.appliedSteps());
            assertEquals(a.exportState().noiseDraws(), b.exportState().noiseDraws());
            GlowWeights wa = a.exportWeights();
            GlowWeights wb = b.exportWeights();
            for (String name : wa.tensors().keySet()) {
                float[] x = wa.get(name).values();
                float[] y = wb.get(name).values();
                for (int i = 0; i < x.length; i++) {
                    assertEquals(x[i], y[i], 1e-5f, name);
                }
            }
            assertFalse(plain.traced());
            assertTrue(plain.kernelMillis().isEmpty() && plain.phaseMillis().isEmpty());
            assertTrue(plain.runMillis() > 0);
            assertTrue(traced.traced());
            assertEquals(List.of("forward", "backward", "update", "other"), List.copyOf(traced.phaseMillis().keySet()));
            assertTrue(traced.phaseMillis().get("forward") > 0 && traced.phaseMillis().get("backward") > 0
                    && traced.phaseMillis().get("update") > 0, traced.phaseMillis().toString());
            double kernels = traced.kernelMillis().values().stream().mapToDouble(Double::doubleValue).sum();
            assertEquals(kernels, traced.nodeMillis(), 1e-9 * Math.max(1, kernels));
        }
    }

    @Test
    void runningTwoOpsAtATimeTrainsTheSameModelAsOne() {
        TrainingOptions options = TrainingOptions.paperDefaults();
        ImageBatch batch = TRAIN.slice(0, 16, SPEC.dimensions());
        try (GlowTrainingSession one = new GlowTrainingSession(SPEC, options,
                new ExecutionOptions(2, 1, false, Precision.FP32), null);
             GlowTrainingSession two = new GlowTrainingSession(SPEC, options,
                     new ExecutionOptions(2, 2, false, Precision.FP32), null)) {
            for (GlowTrainingSession s : List.of(one, two)) {
                s.initializeFromData(TRAIN.slice(0, 64, SPEC.dimensions()));
                for (int i = 0; i < 3; i++) {
                    s.step(batch);
                }
            }
            GlowWeights a = one.exportWeights();
            GlowWeights b = two.exportWeights();
            for (String name : a.tensors().keySet()) {
                assertArrayEquals(a.get(name).values(), b.get(name).values(), name);
            }
        }
    }

    @Test
    void sameSeedGivesIdenticalInitialWeights() {
        TrainingOptions options = TrainingOptions.paperDefaults();
        try (GlowTrainingSession a = new GlowTrainingSession(SPEC, options, ExecutionOptions.defaults(), null);
             GlowTrainingSession b = new GlowTrainingSession(SPEC, options, ExecutionOptions.defaults(), null)) {
            assertEquals(a.exportWeights(), b.exportWeights());
        }
    }

    @Test
    void badBatchesAreRejectedWithClearMessages() {
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> session.score(new ImageBatch(new float[100], 1)));
        assertTrue(size.getMessage().contains("16x16x1"), size.getMessage());
        float[] pixels = new float[256];
        pixels[7] = Float.NaN;
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> session.score(new ImageBatch(pixels, 1)));
        assertTrue(nan.getMessage().contains("[0, 255]"), nan.getMessage());
        pixels[7] = 256f;
        assertThrows(IllegalArgumentException.class, () -> session.score(new ImageBatch(pixels, 1)));
    }

    @Test
    void marginLossTrainsWithFewerOutliersThanInliersAndNoGeneralModel() {
        TrainingOptions options = new TrainingOptions(1e-3, 0, 1, 0, 0, 0.9, 0.999, 1e-8, OutlierLoss.margin());
        try (GlowTrainingSession margin = new GlowTrainingSession(SPEC, options, ExecutionOptions.defaults(), null)) {
            margin.initializeFromData(TRAIN.slice(0, 64, SPEC.dimensions()));
            float[] outliers = margin.dequantizeForTraining(NOISE.slice(0, 16, SPEC.dimensions()));
            StepResult result = margin.step(TRAIN.slice(0, 64, SPEC.dimensions()), outliers, null);
            assertTrue(result.applied(), "step applied");
            assertTrue(Double.isFinite(result.loss()), "loss " + result.loss());
        }
    }

    @Test
    void warmupRampsTheLearningRateLinearly() {
        TrainingOptions options = new TrainingOptions(1e-3, 0, 4, 0, 0, 0.9, 0.999, 1e-8, OutlierLoss.none());
        assertEquals(2.5e-4, options.learningRateAt(1), 1e-12);
        assertEquals(7.5e-4, options.learningRateAt(3), 1e-12);
        assertEquals(1e-3, options.learningRateAt(4), 1e-12);
        assertEquals(1e-3, options.learningRateAt(100), 1e-12);
    }

    @Test
    void cosineDecayFollowsItsFormulaAfterTheWarmup() {
        TrainingOptions options = new TrainingOptions(1e-3, 0, 4, 10, 0.1, 0.9, 0.999, 1e-8, OutlierLoss.none());
        assertEquals(2.5e-4, options.learningRateAt(1), 1e-12);
        assertEquals(1e-3, options.learningRateAt(4), 1e-12);
        for (int step = 4; step <= 14; step++) {
            double t = (step - 4) / 10.0;
            assertEquals(1e-3 * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * t))), options.learningRateAt(step), 1e-12,
                    "step " + step);
        }
        assertEquals(5.5e-4, options.learningRateAt(9), 1e-12);
        assertEquals(1e-4, options.learningRateAt(14), 1e-12);
        assertEquals(1e-4, options.learningRateAt(1000), 1e-12);
    }

    @Test
    void textOfOptionsWithoutDecayKeepsTheEarlierForm() {
        assertEquals("TrainingOptions[learningRate=5.0E-4, weightDecay=5.0E-5, warmupSteps=0, beta1=0.9, beta2=0.999, "
                + "epsilon=1.0E-8, outlierLoss=" + OutlierLoss.none() + "]", TrainingOptions.paperDefaults().toString());
        assertTrue(new TrainingOptions(1e-3, 0, 4, 10, 0.1, 0.9, 0.999, 1e-8, OutlierLoss.none()).toString()
                .contains("decaySteps=10, finalLearningRateFraction=0.1"));
    }

    @Test
    void invalidDecaySettingsNameTheirField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainingOptions(1e-3, 0, 0, -1, 0, 0.9, 0.999, 1e-8, OutlierLoss.none()));
        assertTrue(e.getMessage().startsWith("decaySteps"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new TrainingOptions(1e-3, 0, 0, 10, 1.5, 0.9, 0.999, 1e-8, OutlierLoss.none()));
        assertTrue(e.getMessage().startsWith("finalLearningRateFraction"), e.getMessage());
    }
}
