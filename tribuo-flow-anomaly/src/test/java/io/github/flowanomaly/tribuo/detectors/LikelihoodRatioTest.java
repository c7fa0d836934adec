package io.github.flowanomaly.tribuo.detectors;

import io.github.flowanomaly.tf.ExecutionOptions;
import io.github.flowanomaly.tf.Precision;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.OutlierLoss;
import io.github.flowanomaly.tf.TrainingOptions;
import io.github.flowanomaly.tribuo.data.DatasetRole;
import io.github.flowanomaly.tribuo.evaluation.OodMetrics;
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
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.anomaly.Event;
import org.tribuo.protos.core.ModelProto;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The likelihood-ratio detector on generated data where anomalies (smooth bars) differ from inliers (rough blobs) in
 * global shape while a general distribution covers both shapes and every texture.
 */
class LikelihoodRatioTest {

    static final GlowSpec SPEC = new GlowSpec(16, 16, 1, 2, 2, 16, 0);

    @TempDir
    static Path dir;

    private static GlowModel general;
    private static Path generalPath;
    private static LikelihoodRatioModel ratio;
    private static MutableDataset<Event> inTest;
    private static MutableDataset<Event> oodTest;

    static GlowTrainer glowTrainer(int epochs, long seed) {
        return new GlowTrainer(SPEC, new FitSettings(epochs, 0, 0, 64, 256, 0.05, 20),
                new TrainingOptions(2e-3, 5e-5, 10, 0, 0, 0.9, 0.999, 1e-8, OutlierLoss.none()),
                BatchAugmentation.NONE, new ExecutionOptions(0, 1, false, Precision.FP32), CalibrationSettings.DEFAULT, FlowScore.NEGATIVE_LOG_LIKELIHOOD,
                null, Checkpointing.NONE, seed);
    }

    static LikelihoodRatioTrainer ratioTrainer(OutlierLoss loss, MutableDataset<Event> generalData) {
        return new LikelihoodRatioTrainer(null, generalData == null ? null : SyntheticData.source(generalData),
                generalPath, new FitSettings(4, 0, 0, 64, 2, 0.05, 20),
                new TrainingOptions(1e-3, 5e-5, 0, 0, 0, 0.9, 0.999, 1e-8, loss), BatchAugmentation.NONE,
                Augmentation.NONE, new ExecutionOptions(0, 1, false, Precision.FP32),
                CalibrationSettings.DEFAULT, RatioScore.LIKELIHOOD_RATIO, Checkpointing.NONE, 3);
    }

    @BeforeAll
    static void train() throws Exception {
        MutableDataset<Event> generalData = SyntheticData.dataset(SyntheticData.generalMixture(1500, 1),
                DatasetRole.IN_DISTRIBUTION, "general");
        general = glowTrainer(4, 5).train(generalData);
        generalPath = dir.resolve("general.tribuo");
        general.serializeToFile(generalPath);
        MutableDataset<Event> inTrain = SyntheticData.dataset(SyntheticData.shapes(600, 0, 25, 2),
                DatasetRole.IN_DISTRIBUTION, "rough blobs");
        ratio = ratioTrainer(OutlierLoss.none(), null).train(inTrain);
        inTest = SyntheticData.dataset(SyntheticData.shapes(200, 0, 25, 3), DatasetRole.IN_DISTRIBUTION, "in");
        oodTest = SyntheticData.dataset(SyntheticData.shapes(200, 1, 3, 4), DatasetRole.OUT_OF_DISTRIBUTION, "bars");
    }

    @AfterAll
    static void close() {
        general.close();
        ratio.close();
    }

    @Test
    void likelihoodRatioBeatsTheRawLikelihoodOnGlobalShapeAnomalies() {
        double raw = OodMetrics.auroc(scores(ratio.inDistributionModel(FlowScore.NEGATIVE_LOG_LIKELIHOOD), inTest),
                scores(ratio.inDistributionModel(FlowScore.NEGATIVE_LOG_LIKELIHOOD), oodTest));
        double lr = OodMetrics.auroc(scores(ratio, inTest), scores(ratio, oodTest));
        System.out.printf("synthetic AUROC: raw likelihood %.4f, likelihood ratio %.4f%n", raw, lr);
        // measured: raw likelihood 0.80, likelihood ratio 1.00
        assertTrue(lr >= raw + 0.15, "likelihood ratio " + lr + " should clearly beat raw likelihood " + raw);
        assertTrue(lr >= 0.95, "likelihood ratio AUROC " + lr);
    }

    @Test
    void ratioOfAModelWithItselfIsZero() {
        LikelihoodRatioModel same = LikelihoodRatioModel.of(general, general, inTest, 0.99,
                RatioScore.LIKELIHOOD_RATIO);
        for (double s : scores(same, oodTest)) {
            assertEquals(0.0, s);
        }
        same.close();
    }

    @Test
    void generalModelIsFrozen() throws Exception {
        GlowModel saved = (GlowModel) Model.deserializeFromFile(generalPath);
        assertEquals(saved.weights(), ratio.generalWeights());
    }

    @Test
    void outlierLossTrainsAndIsRecordedInProvenance() {
        MutableDataset<Event> generalData = SyntheticData.dataset(SyntheticData.generalMixture(300, 7),
                DatasetRole.IN_DISTRIBUTION, "general outliers");
        LikelihoodRatioTrainer trainer = new LikelihoodRatioTrainer(null, SyntheticData.source(generalData),
                generalPath, new FitSettings(1, 5, 0, 32, 2, 0.05, 20),
                new TrainingOptions(1e-3, 5e-5, 0, 0, 0, 0.9, 0.999, 1e-8, OutlierLoss.paperClassLoss()),
                BatchAugmentation.NONE, Augmentation.NONE, new ExecutionOptions(0, 1, false, Precision.FP32),
                CalibrationSettings.DEFAULT, RatioScore.LIKELIHOOD_RATIO, Checkpointing.NONE, 3);
        try (LikelihoodRatioModel model = trainer.train(SyntheticData.dataset(SyntheticData.shapes(100, 0, 25, 8),
                DatasetRole.IN_DISTRIBUTION, "in"))) {
            String config = model.getProvenance().getTrainerProvenance().toString();
            assertTrue(config.contains("CLASS"), config);
            assertTrue(config.contains("6000"), config);
        }
    }

    @Test
    void protobufRoundTripGivesIdenticalScores() throws Exception {
        double[] expected = scores(ratio, oodTest);
        try (LikelihoodRatioModel loaded = (LikelihoodRatioModel) Model.deserialize(
                ModelProto.parseFrom(ratio.serialize().toByteArray()))) {
            assertArrayEquals(expected, scores(loaded, oodTest));
            assertEquals(ratio.threshold(), loaded.threshold());
        }
    }

    @Test
    void fourThreadsGiveExactlyTheSerialScores() throws Exception {
        double[] serial = scores(ratio, oodTest);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<double[]>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> scores(ratio, oodTest)));
            }
            for (java.util.concurrent.Future<double[]> f : futures) {
                assertArrayEquals(serial, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closingWhileOtherThreadsPredictFailsNoPrediction() throws Exception {
        double[] serial = scores(ratio, oodTest);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            java.util.List<java.util.concurrent.Future<double[]>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < 3; t++) {
                futures.add(pool.submit(() -> scores(ratio, oodTest)));
            }
            // keep closing until every prediction has finished, so closes overlap predictions
            while (futures.stream().anyMatch(f -> !f.isDone())) {
                ratio.close();
                Thread.sleep(2);
            }
            for (java.util.concurrent.Future<double[]> f : futures) {
                assertArrayEquals(serial, f.get(), "a prediction overlapping close() must still give the scores");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void pairsOfDifferentArchitecturesAreRejected() {
        GlowModel other = glowTrainer(1, 9).train(inTest);
        GlowModel wider = GlowModel.of("x", other.getProvenance(), other.getFeatureIDMap(), other.getOutputIDInfo(),
                new GlowSpec(16, 16, 1, 2, 3, 16, 0), other.weights(), FlowScore.NEGATIVE_LOG_LIKELIHOOD,
                other.calibration());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LikelihoodRatioModel.of(wider, general, inTest, 0.99, RatioScore.LIKELIHOOD_RATIO));
        assertTrue(e.getMessage().contains("architecture"), e.getMessage());
    }

    static double[] scores(Model<Event> m, Dataset<Event> data) {
        return m.predict(data).stream().mapToDouble(p -> p.getOutput().getScore()).toArray();
    }

    @Test
    void javaSerializationOfTheRatioAndOfAGlowGivesIdenticalScores() throws Exception {
        try (LikelihoodRatioModel copy = JavaSerialization.copy(ratio, LikelihoodRatioModel.class)) {
            assertArrayEquals(scores(ratio, inTest), scores(copy, inTest));
            assertEquals(ratio.threshold(), copy.threshold());
        }
        try (GlowModel copy = JavaSerialization.copy(general, GlowModel.class)) {
            assertArrayEquals(scores(general, oodTest), scores(copy, oodTest));
            assertEquals(general.threshold(), copy.threshold());
        }
    }

    @Test
    void runProvenanceCarriesTheHashOfTheGeneralModelFile() throws Exception {
        var hash = ratio.getProvenance().getInstanceProvenance().getMap()
                .get(io.github.flowanomaly.tribuo.glow.FlowTrainer.GENERAL_MODEL_HASH);
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(java.nio.file.Files.readAllBytes(generalPath));
        assertEquals(java.util.HexFormat.of().formatHex(digest), ((com.oracle.labs.mlrg.olcut.provenance.primitives
                .HashProvenance) hash).getValue());
    }

    @Test
    void aTrainerWithoutAGeneralModelIsATemplateThatCannotTrainByItself() {
        LikelihoodRatioTrainer template = new LikelihoodRatioTrainer(null, null, null,
                new FitSettings(1, 2, 0, 64, 2, 0.05, 20),
                new TrainingOptions(1e-3, 5e-5, 0, 0, 0, 0.9, 0.999, 1e-8, OutlierLoss.none()), BatchAugmentation.NONE,
                Augmentation.NONE, new ExecutionOptions(0, 1, false, Precision.FP32), CalibrationSettings.DEFAULT,
                RatioScore.LIKELIHOOD_RATIO, Checkpointing.NONE, 3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> template.train(inTest));
        assertTrue(e.getMessage().contains("fineTuning"), e.getMessage());
        LikelihoodRatioTrainer configured = template.fineTuning(generalPath, null, Checkpointing.NONE);
        assertEquals(template.seed(), configured.seed());
        assertTrue(configured.getProvenance().getConfiguredParameters().get("generalModelPath").toString()
                .contains("general.tribuo"), configured.getProvenance().toString());
    }
}
