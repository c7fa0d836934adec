package io.github.flowanomaly.tribuo.glow;

import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import io.github.flowanomaly.tf.ExecutionOptions;
import io.github.flowanomaly.tf.Precision;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.TrainingOptions;
import io.github.flowanomaly.tribuo.data.DatasetRole;
import io.github.flowanomaly.tribuo.evaluation.OodMetrics;
import io.github.flowanomaly.tribuo.provenance.ProvenanceJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.anomaly.Event;
import org.tribuo.protos.core.ModelProto;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GlowTrainer / GlowModel on small generated images through Tribuo's API. */
class GlowTrainerTest {

    static final GlowSpec SPEC = new GlowSpec(16, 16, 1, 2, 2, 16, 0);

    private static GlowTrainer trainer;
    private static GlowModel model;
    private static MutableDataset<Event> test;

    static GlowTrainer smallTrainer(int epochs) {
        return new GlowTrainer(SPEC, new FitSettings(epochs, 0, 0, 64, 256, 0.05, 10),
                new TrainingOptions(2e-3, 5e-5, 10, 0, 0, 0.9, 0.999, 1e-8, io.github.flowanomaly.tf.OutlierLoss.none()),
                BatchAugmentation.NONE, new ExecutionOptions(0, 1, false, Precision.FP32), CalibrationSettings.DEFAULT, FlowScore.NEGATIVE_LOG_LIKELIHOOD,
                null, Checkpointing.NONE, 7);
    }

    @BeforeAll
    static void train() {
        trainer = smallTrainer(6);
        model = trainer.train(SyntheticData.dataset(SyntheticData.blobs(600, 1), DatasetRole.IN_DISTRIBUTION,
                "blobs"));
        test = SyntheticData.dataset(SyntheticData.blobs(200, 2), DatasetRole.IN_DISTRIBUTION, "test blobs");
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void detectsUniformNoiseAndPastedPatches() {
        double[] in = scores(model, test);
        double[] noise = scores(model, SyntheticData.dataset(SyntheticData.noise(200, 3),
                DatasetRole.OUT_OF_DISTRIBUTION, "noise"));
        double[] patched = scores(model, SyntheticData.dataset(SyntheticData.patched(200, 4),
                DatasetRole.OUT_OF_DISTRIBUTION, "patched"));
        double aurocNoise = OodMetrics.auroc(in, noise);
        double aurocPatched = OodMetrics.auroc(in, patched);
        assertTrue(aurocNoise >= 0.95, "AUROC vs noise " + aurocNoise);
        assertTrue(aurocPatched >= 0.95, "AUROC vs patched " + aurocPatched);
    }

    @Test
    void thresholdFlagsAboutOnePercentOfHeldOutInliers() {
        long flagged = model.predict(test).stream()
                .filter(p -> p.getOutput().getType() == Event.EventType.ANOMALOUS).count();
        assertTrue(flagged <= 20, "flagged " + flagged + " of 200 in-distribution test images");
        assertEquals(0.99, model.calibration().quantile());
    }

    @Test
    void protobufRoundTripAndCopyGiveIdenticalScores() throws Exception {
        double[] expected = scores(model, test);
        ModelProto proto = ModelProto.parseFrom(model.serialize().toByteArray());
        try (GlowModel loaded = (GlowModel) Model.deserialize(proto)) {
            assertArrayEquals(expected, scores(loaded, test));
            assertEquals(model.getProvenance(), loaded.getProvenance());
            assertEquals(model.threshold(), loaded.threshold());
        }
        try (GlowModel copy = (GlowModel) model.copy()) {
            assertArrayEquals(expected, scores(copy, test));
        }
    }

    @Test
    void provenanceRecreatesTheTrainerConfiguration() {
        ConfigurationManager cm = new ConfigurationManager();
        cm.addConfiguration(ProvenanceUtil.extractConfiguration(model.getProvenance()));
        String trainerName = cm.getComponentNames().stream().filter(n -> n.startsWith("glowtrainer")).findFirst()
                .orElseThrow();
        GlowTrainer rebuilt = (GlowTrainer) cm.lookup(trainerName);
        assertEquals(trainer.toString(), rebuilt.toString());
        assertEquals(model.getProvenance().getTrainerProvenance().getConfiguredParameters(),
                rebuilt.getProvenance().getConfiguredParameters());
        rebuilt.setInvocationCount(0);
        try (GlowModel retrained = rebuilt.train(SyntheticData.dataset(SyntheticData.blobs(100, 1),
                DatasetRole.IN_DISTRIBUTION, "blobs"))) {
            assertEquals(model.getProvenance().getTrainerProvenance().getConfiguredParameters(),
                    retrained.getProvenance().getTrainerProvenance().getConfiguredParameters());
        }
        assertTrue(model.getProvenance().getInstanceProvenance().getMap().containsKey("tensorflow-version"));
        String json = ProvenanceJson.toJson(model.getProvenance());
        assertTrue(json.contains("stepsPerLevel"), json);
    }

    @Test
    void levelBreakdownHasOneColumnPerLevel() {
        double[][] bpd = model.levelBitsPerDim(test.getData().subList(0, 5));
        assertEquals(5, bpd.length);
        assertEquals(SPEC.levels(), bpd[0].length);
        GlowModel lastScale = model.withScore(FlowScore.LAST_SCALE);
        Prediction<Event> p = lastScale.predict(test.getExample(0));
        assertEquals(-lastScale.logLikelihoods(List.of(test.getExample(0))).levelLogLikelihood(0, 1),
                p.getOutput().getScore(), 1e-3);
    }

    @Test
    void rejectsAnomalousTrainingExamplesAndEmptyData() {
        MutableDataset<Event> bad = SyntheticData.dataset(SyntheticData.blobs(10, 5),
                DatasetRole.OUT_OF_DISTRIBUTION, "bad");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> smallTrainer(1).train(bad));
        assertTrue(e.getMessage().contains("ANOMALOUS"), e.getMessage());
        MutableDataset<Event> empty = SyntheticData.dataset(new byte[0][], DatasetRole.IN_DISTRIBUTION, "empty");
        e = assertThrows(IllegalArgumentException.class, () -> smallTrainer(1).train(empty));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void badImagesAreRejectedNamingWhatWasExpected() {
        org.tribuo.Example<Event> good = test.getExample(0);
        assertBadExample(withFeature(good, "px-000300", 10), "16x16x1");          // beyond a 16x16 grey image
        assertBadExample(withFeature(good, "px-000003", Double.NaN), "[0, 255]");
        assertBadExample(withFeature(good, "px-000003", 300), "[0, 255]");
        assertBadExample(withFeature(good, "brightness", 10), "pixel features named px-");
        org.tribuo.impl.ListExample<Event> smaller = new org.tribuo.impl.ListExample<>(good.getOutput());
        for (int i = 0; i < 64; i++) { // an 8x8 image: every name exists in a 16x16 one
            smaller.add(new org.tribuo.Feature(String.format("px-%06d", i), 100));
        }
        assertBadExample(smaller, "has 64 pixel features, expected all 256 pixels of a 16x16x1 image");
        org.tribuo.impl.ListExample<Event> duplicated = new org.tribuo.impl.ListExample<>(good.getOutput());
        for (int i = 0; i < 256; i++) { // 256 features, but pixel 7 twice and pixel 8 missing
            duplicated.add(new org.tribuo.Feature(String.format("px-%06d", i == 8 ? 7 : i), 100));
        }
        assertBadExample(duplicated, "px-000007 twice");
    }

    private static void assertBadExample(org.tribuo.Example<Event> example, String expectedInMessage) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.predict(example));
        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
    }

    private static org.tribuo.Example<Event> withFeature(org.tribuo.Example<Event> base, String name, double value) {
        org.tribuo.impl.ListExample<Event> copy = new org.tribuo.impl.ListExample<>(base.getOutput());
        for (org.tribuo.Feature f : base) {
            if (!f.getName().equals(name)) {
                copy.add(new org.tribuo.Feature(f.getName(), f.getValue()));
            }
        }
        copy.add(new org.tribuo.Feature(name, value));
        return copy;
    }

    static double[] scores(Model<Event> m, Dataset<Event> data) {
        return m.predict(data).stream().mapToDouble(p -> p.getOutput().getScore()).toArray();
    }
}
