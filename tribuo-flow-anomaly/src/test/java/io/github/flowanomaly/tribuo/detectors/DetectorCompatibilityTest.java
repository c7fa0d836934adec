package io.github.flowanomaly.tribuo.detectors;

import io.github.flowanomaly.tf.ExecutionOptions;
import io.github.flowanomaly.tf.Precision;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.OutlierLoss;
import io.github.flowanomaly.tf.TrainingOptions;
import io.github.flowanomaly.tribuo.data.DatasetRole;
import io.github.flowanomaly.tribuo.glow.Augmentation;
import io.github.flowanomaly.tribuo.glow.BatchAugmentation;
import io.github.flowanomaly.tribuo.glow.CalibrationSettings;
import io.github.flowanomaly.tribuo.glow.Checkpointing;
import io.github.flowanomaly.tribuo.glow.FitSettings;
import io.github.flowanomaly.tribuo.glow.FlowAnomalyModel;
import io.github.flowanomaly.tribuo.glow.FlowScore;
import io.github.flowanomaly.tribuo.glow.GlowModel;
import io.github.flowanomaly.tribuo.glow.GlowTrainer;
import io.github.flowanomaly.tribuo.glow.SyntheticData;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.anomaly.Event;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Back-compatibility: the committed version-0 files of the likelihood-ratio, background-ratio and
 * complexity-corrected models load and score as recorded when they were written. {@code
 * -Dregenerate.fixtures=<module dir>} writes missing fixtures (delete one to regenerate it, only when its format
 * version changes): the likelihood-ratio file alone, the background-ratio and complexity files together (the second
 * wraps the first's Glow).
 */
class DetectorCompatibilityTest {

    private static final String BACKGROUND = "background-ratio-model-v0";
    private static final String COMPLEXITY = "complexity-corrected-model-v0";
    private static final String RATIO = "likelihood-ratio-model-v0";

    @Test
    void versionZeroFixturesLoadAndScoreAsRecorded() throws IOException {
        String regenerate = System.getProperty("regenerate.fixtures");
        if (regenerate != null) {
            writeFixtures(Path.of(regenerate, "src/test/resources/io/github/flowanomaly/tribuo/detectors"));
        }
        check(BACKGROUND, BackgroundRatioModel.class);
        check(COMPLEXITY, ComplexityCorrectedModel.class);
        check(RATIO, LikelihoodRatioModel.class);
    }

    private void check(String name, Class<?> type) throws IOException {
        Model<?> loaded;
        try (InputStream in = getClass().getResourceAsStream(name + ".tribuo")) {
            assertNotNull(in, name + ".tribuo missing from test resources");
            loaded = Model.deserializeFromStream(in);
        }
        assertTrue(type.isInstance(loaded), name + " loads as " + loaded.getClass().getName());
        double[] expected;
        try (InputStream in = getClass().getResourceAsStream(name + "-scores.txt")) {
            assertNotNull(in, name + "-scores.txt missing from test resources");
            expected = Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+"))
                    .mapToDouble(Double::parseDouble).toArray();
        }
        @SuppressWarnings("unchecked")
        Model<Event> model = (Model<Event>) loaded;
        double[] actual = LikelihoodRatioTest.scores(model, inputs());
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            // other CPUs may round differently in the last float digits
            assertEquals(expected[i], actual[i], 1e-3 * Math.max(1, Math.abs(expected[i])), name + " image " + i);
        }
        ((FlowAnomalyModel) loaded).close();
    }

    private static MutableDataset<Event> inputs() {
        return SyntheticData.dataset(SyntheticData.blobs(12, 99), DatasetRole.IN_DISTRIBUTION, "fixture inputs");
    }

    private static GlowTrainer trainer(double perturbationRate, long seed) {
        return new GlowTrainer(new GlowSpec(16, 16, 1, 2, 1, 4, 0), new FitSettings(1, 5, 0, 16, 32, 0.05, 10),
                new TrainingOptions(1e-3, 5e-5, 0, 0, 0, 0.9, 0.999, 1e-8, OutlierLoss.none()),
                new BatchAugmentation(Augmentation.NONE, 0.1, perturbationRate), new ExecutionOptions(1, 1, false, Precision.FP32),
                CalibrationSettings.DEFAULT, FlowScore.NEGATIVE_LOG_LIKELIHOOD, null, Checkpointing.NONE, seed);
    }

    private static void writeFixtures(Path dir) throws IOException {
        MutableDataset<Event> train = SyntheticData.dataset(SyntheticData.blobs(100, 98), DatasetRole.IN_DISTRIBUTION,
                "fixture training images");
        Files.createDirectories(dir);
        writeRatioFixture(dir, train);
        if (Files.exists(dir.resolve(BACKGROUND + ".tribuo")) && Files.exists(dir.resolve(COMPLEXITY + ".tribuo"))) {
            return;
        }
        try (BackgroundRatioModel pair = new BackgroundRatioTrainer(trainer(0, 1), trainer(0.2, 2), 5,
                RatioScore.LIKELIHOOD_RATIO, 1).train(train)) {
            write(pair, dir, BACKGROUND);
            try (GlowModel in = pair.inDistributionModel(FlowScore.NEGATIVE_LOG_LIKELIHOOD);
                 ComplexityCorrectedModel complexity = ComplexityCorrectedModel.of(in, PngComplexity.DEFAULT,
                         SyntheticData.dataset(SyntheticData.blobs(20, 97), DatasetRole.IN_DISTRIBUTION, "held out"),
                         0.99)) {
                write(complexity, dir, COMPLEXITY);
            }
        }
    }

    private static void writeRatioFixture(Path dir, MutableDataset<Event> train) throws IOException {
        if (Files.exists(dir.resolve(RATIO + ".tribuo"))) {
            return;
        }
        try (GlowModel in = trainer(0, 3).withHeldOutSeed(5).train(train);
             GlowModel general = trainer(0, 4).withHeldOutSeed(5).train(train);
             LikelihoodRatioModel ratio = LikelihoodRatioModel.of(in, general,
                     SyntheticData.dataset(SyntheticData.blobs(20, 96), DatasetRole.IN_DISTRIBUTION, "held out"),
                     0.99, RatioScore.LIKELIHOOD_RATIO)) {
            write(ratio, dir, RATIO);
        }
    }

    private static void write(Model<Event> model, Path dir, String name) throws IOException {
        model.serializeToFile(dir.resolve(name + ".tribuo"));
        List<String> lines = new ArrayList<>();
        for (double s : LikelihoodRatioTest.scores(model, inputs())) {
            lines.add(Double.toString(s));
        }
        Files.write(dir.resolve(name + "-scores.txt"), lines);
    }
}
