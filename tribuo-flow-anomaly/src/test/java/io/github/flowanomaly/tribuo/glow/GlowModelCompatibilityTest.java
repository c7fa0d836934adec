package io.github.flowanomaly.tribuo.glow;

import io.github.flowanomaly.tf.ExecutionOptions;
import io.github.flowanomaly.tf.Precision;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.OutlierLoss;
import io.github.flowanomaly.tf.TrainingOptions;
import io.github.flowanomaly.tribuo.data.DatasetRole;
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

/**
 * Back-compatibility: the committed version-0 GlowModel file loads and scores as recorded when it was written.
 * Regenerate (only when the format version changes) with {@code -Dregenerate.fixtures=<module dir>}.
 */
class GlowModelCompatibilityTest {

    private static final String MODEL = "glow-model-v0.tribuo";
    private static final String SCORES = "glow-model-v0-scores.txt";

    @Test
    void versionZeroFixtureLoadsAndScoresAsRecorded() throws IOException {
        String regenerate = System.getProperty("regenerate.fixtures");
        if (regenerate != null) {
            writeFixture(Path.of(regenerate, "src/test/resources/io/github/flowanomaly/tribuo/glow"));
        }
        Model<?> loaded;
        try (InputStream in = getClass().getResourceAsStream(MODEL)) {
            assertNotNull(in, MODEL + " missing from test resources");
            loaded = Model.deserializeFromStream(in);
        }
        double[] expected;
        try (InputStream in = getClass().getResourceAsStream(SCORES)) {
            assertNotNull(in, SCORES + " missing from test resources");
            expected = Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+"))
                    .mapToDouble(Double::parseDouble).toArray();
        }
        try (GlowModel model = (GlowModel) loaded) {
            double[] actual = GlowTrainerTest.scores(model, inputs());
            assertEquals(expected.length, actual.length);
            for (int i = 0; i < expected.length; i++) {
                // bits/dim; other CPUs may round differently in the last float digits
                assertEquals(expected[i], actual[i], 1e-4, "image " + i);
            }
        }
    }

    private static MutableDataset<Event> inputs() {
        return SyntheticData.dataset(SyntheticData.blobs(12, 99), DatasetRole.IN_DISTRIBUTION, "fixture inputs");
    }

    private static void writeFixture(Path dir) throws IOException {
        GlowTrainer trainer = new GlowTrainer(new GlowSpec(16, 16, 1, 2, 1, 4, 0),
                new FitSettings(1, 5, 0, 16, 32, 0.05, 10),
                new TrainingOptions(1e-3, 5e-5, 0, 0, 0, 0.9, 0.999, 1e-8, OutlierLoss.none()),
                BatchAugmentation.NONE, new ExecutionOptions(1, 1, false, Precision.FP32), CalibrationSettings.DEFAULT, FlowScore.NEGATIVE_LOG_LIKELIHOOD,
                null, Checkpointing.NONE, 1);
        try (GlowModel model = trainer.train(SyntheticData.dataset(SyntheticData.blobs(100, 98),
                DatasetRole.IN_DISTRIBUTION, "fixture training images"))) {
            Files.createDirectories(dir);
            model.serializeToFile(dir.resolve(MODEL));
            List<String> lines = new ArrayList<>();
            for (double s : GlowTrainerTest.scores(model, inputs())) {
                lines.add(Double.toString(s));
            }
            Files.write(dir.resolve(SCORES), lines);
        }
    }
}
