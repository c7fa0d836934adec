package io.github.flowanomaly.tribuo.detectors;

import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.util.Pair;
import io.github.flowanomaly.tf.ExecutionOptions;
import io.github.flowanomaly.tf.Precision;
import io.github.flowanomaly.tf.LevelScores;
import io.github.flowanomaly.tf.OutlierLoss;
import io.github.flowanomaly.tf.TrainingOptions;
import io.github.flowanomaly.tribuo.data.DatasetRole;
import io.github.flowanomaly.tribuo.glow.Augmentation;
import io.github.flowanomaly.tribuo.glow.BatchAugmentation;
import io.github.flowanomaly.tribuo.glow.CalibrationSettings;
import io.github.flowanomaly.tribuo.glow.Checkpointing;
import io.github.flowanomaly.tribuo.glow.FitSettings;
import io.github.flowanomaly.tribuo.glow.FlowScore;
import io.github.flowanomaly.tribuo.glow.GlowModel;
import io.github.flowanomaly.tribuo.glow.GlowTrainer;
import io.github.flowanomaly.tribuo.glow.SyntheticData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.anomaly.Event;
import org.tribuo.protos.core.ModelProto;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The background-model likelihood ratio (Ren et al.) on generated images. */
class BackgroundRatioTest {

    private static BackgroundRatioModel model;
    private static MutableDataset<Event> inTest;

    static GlowTrainer glowTrainer(double perturbationRate, long seed) {
        return new GlowTrainer(LikelihoodRatioTest.SPEC, new FitSettings(2, 0, 0, 64, 256, 0.05, 20),
                new TrainingOptions(2e-3, 5e-5, 10, 0, 0, 0.9, 0.999, 1e-8, OutlierLoss.none()),
                new BatchAugmentation(Augmentation.NONE, 0.1, perturbationRate), new ExecutionOptions(0, 1, false, Precision.FP32),
                CalibrationSettings.DEFAULT, FlowScore.NEGATIVE_LOG_LIKELIHOOD, null, Checkpointing.NONE, seed);
    }

    @BeforeAll
    static void train() {
        MutableDataset<Event> inTrain = SyntheticData.dataset(SyntheticData.shapes(400, 0, 25, 2),
                DatasetRole.IN_DISTRIBUTION, "rough blobs");
        model = new BackgroundRatioTrainer(glowTrainer(0, 5), glowTrainer(0.2, 6), 0, RatioScore.LIKELIHOOD_RATIO,
                9).train(inTrain);
        inTest = SyntheticData.dataset(SyntheticData.shapes(40, 0, 25, 3), DatasetRole.IN_DISTRIBUTION, "in");
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void scoreIsTheBackgroundMinusTheInDistributionLogLikelihoodPerLevelToo() {
        Pair<LevelScores, LevelScores> both = model.logLikelihoods(inTest.getData());
        double[] full = LikelihoodRatioTest.scores(model, inTest);
        double[] last = LikelihoodRatioTest.scores(model.withScore(RatioScore.LAST_SCALE_RATIO), inTest);
        LevelScores in = both.getA();
        LevelScores background = both.getB();
        int lastLevel = in.levels() - 1;
        for (int i = 0; i < full.length; i++) {
            assertEquals((double) background.logLikelihood(i) - in.logLikelihood(i), full[i], 1e-9, "image " + i);
            assertEquals((double) background.levelLogLikelihood(i, lastLevel) - in.levelLogLikelihood(i, lastLevel),
                    last[i], 1e-9, "image " + i);
            double sum = 0;
            for (int s = 0; s < in.levels(); s++) {
                sum += RatioScore.levelRatio(in, background, i, s);
            }
            assertEquals(full[i], sum, 1e-2, "the levels' ratios add up to the ratio, image " + i);
        }
    }

    @Test
    void theTwoModelsDifferAndTheBackgroundModelSawNoise() {
        assertTrue(!model.inDistributionWeights().equals(model.backgroundWeights()));
        String provenance = model.getProvenance().toString();
        assertTrue(provenance.contains("background-model") && provenance.contains("0.2"), provenance);
        // noise-trained: the background model gives clean images a lower likelihood than the in-distribution model
        double[] ratio = LikelihoodRatioTest.scores(model, inTest);
        double mean = java.util.Arrays.stream(ratio).average().orElseThrow();
        assertTrue(mean < 0, "mean ln p_bg - ln p_in on clean in-distribution images " + mean);
    }

    @Test
    void protobufAndJavaSerializationGiveIdenticalScores() throws Exception {
        double[] expected = LikelihoodRatioTest.scores(model, inTest);
        Model<?> loaded = Model.deserialize(ModelProto.parseFrom(model.serialize().toByteArray()));
        assertTrue(loaded instanceof BackgroundRatioModel, loaded.getClass().getName());
        try (BackgroundRatioModel pair = (BackgroundRatioModel) loaded) {
            assertArrayEquals(expected, LikelihoodRatioTest.scores(pair, inTest));
            assertEquals(model.threshold(), pair.threshold());
        }
        try (BackgroundRatioModel copy = JavaSerialization.copy(model, BackgroundRatioModel.class)) {
            assertArrayEquals(expected, LikelihoodRatioTest.scores(copy, inTest));
        }
    }

    @Test
    void modelsThatHeldOutOtherImagesAreNotPaired() {
        MutableDataset<Event> data = SyntheticData.dataset(SyntheticData.shapes(120, 0, 25, 5),
                DatasetRole.IN_DISTRIBUTION, "small");
        try (GlowModel in = glowTrainer(0, 1).withHeldOutSeed(3).train(data);
             GlowModel background = glowTrainer(0.2, 2).withHeldOutSeed(4).train(data)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> BackgroundRatioModel.of(in, background, RatioScore.LIKELIHOOD_RATIO));
            assertTrue(e.getMessage().contains("heldOutSeed"), e.getMessage());
        }
    }

    @Test
    void aBackgroundTrainerWithoutPerturbationIsRejectedByName() {
        PropertyException e = assertThrows(PropertyException.class, () -> new BackgroundRatioTrainer(
                glowTrainer(0, 1), glowTrainer(0, 2), 0, RatioScore.LIKELIHOOD_RATIO, 1));
        assertEquals("backgroundTrainer", e.getProperty());
        e = assertThrows(PropertyException.class, () -> new BackgroundRatioTrainer(
                glowTrainer(0.1, 1), glowTrainer(0.2, 2), 0, RatioScore.LIKELIHOOD_RATIO, 1));
        assertEquals("inDistributionTrainer", e.getProperty());
    }
}
