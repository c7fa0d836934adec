package io.github.flowanomaly.tribuo.glow;

import io.github.flowanomaly.tf.ExecutionOptions;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.OutlierLoss;
import io.github.flowanomaly.tf.Precision;
import io.github.flowanomaly.tf.TrainingOptions;
import io.github.flowanomaly.tribuo.data.DatasetRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.MutableDataset;
import org.tribuo.anomaly.Event;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A decaying learning rate survives checkpoint/resume, changes the model and appears in the provenance. */
class LearningRateScheduleTest {

    private static final GlowSpec SHAPE = new GlowSpec(16, 16, 1, 2, 2, 16, 0);

    private static final MutableDataset<Event> DATA = SyntheticData.dataset(SyntheticData.blobs(200, 3),
            DatasetRole.IN_DISTRIBUTION, "blobs");

    private static final MutableDataset<Event> TEST = SyntheticData.dataset(SyntheticData.blobs(20, 4),
            DatasetRole.IN_DISTRIBUTION, "test");

    private static GlowTrainer trainer(int decaySteps, Path checkpoint) {
        return new GlowTrainer(SHAPE, new FitSettings(100, 24, 0, 32, 64, 0.05, 1),
                new TrainingOptions(2e-3, 5e-5, 4, decaySteps, 0.05, 0.9, 0.999, 1e-8, OutlierLoss.none()),
                BatchAugmentation.NONE, new ExecutionOptions(1, 1, false, Precision.FP32), CalibrationSettings.DEFAULT,
                FlowScore.NEGATIVE_LOG_LIKELIHOOD, null,
                checkpoint == null ? Checkpointing.NONE : new Checkpointing(checkpoint, 5), 4);
    }

    @Test
    void anInterruptedDecayingTrainingResumesToTheUninterruptedModel(@TempDir Path dir) {
        double[] uninterrupted;
        try (GlowModel model = trainer(16, null).train(DATA)) {
            uninterrupted = GlowTrainerTest.scores(model, TEST);
        }
        double[] constant;
        try (GlowModel model = trainer(0, null).train(DATA)) {
            constant = GlowTrainerTest.scores(model, TEST);
        }
        double largestChange = 0;
        for (int i = 0; i < constant.length; i++) {
            largestChange = Math.max(largestChange, Math.abs(constant[i] - uninterrupted[i]));
        }
        assertTrue(largestChange > 1e-3, "the decay changes the model, largest score change " + largestChange);

        Path checkpoint = dir.resolve("glow.ckpt");
        GlowTrainer first = trainer(16, checkpoint);
        first.setProgressListener(p -> {
            if (p.step() == 13) {
                throw new IllegalStateException("simulated crash at step 13");
            }
        });
        assertThrows(IllegalStateException.class, () -> first.train(DATA));
        try (GlowModel resumed = trainer(16, checkpoint).train(DATA)) {
            double[] scores = GlowTrainerTest.scores(resumed, TEST);
            for (int i = 0; i < scores.length; i++) {
                assertEquals(uninterrupted[i], scores[i], 1e-4, "image " + i);
            }
        }
    }

    @Test
    void theScheduleIsRecordedInTheTrainerProvenance() {
        String provenance = trainer(16, null).getProvenance().toString();
        assertTrue(provenance.contains("decaySteps") && provenance.contains("finalLearningRateFraction")
                && provenance.contains("0.05"), provenance);
    }
}
