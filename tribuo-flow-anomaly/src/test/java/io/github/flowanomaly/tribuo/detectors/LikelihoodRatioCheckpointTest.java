package io.github.flowanomaly.tribuo.detectors;

import io.github.flowanomaly.tf.ExecutionOptions;
import io.github.flowanomaly.tf.Precision;
import io.github.flowanomaly.tf.OutlierLoss;
import io.github.flowanomaly.tf.TrainingOptions;
import io.github.flowanomaly.tribuo.data.DatasetRole;
import io.github.flowanomaly.tribuo.glow.Augmentation;
import io.github.flowanomaly.tribuo.glow.BatchAugmentation;
import io.github.flowanomaly.tribuo.glow.CalibrationSettings;
import io.github.flowanomaly.tribuo.glow.Checkpointing;
import io.github.flowanomaly.tribuo.glow.FitSettings;
import io.github.flowanomaly.tribuo.glow.ProgressListener;
import io.github.flowanomaly.tribuo.glow.SyntheticData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.MutableDataset;
import org.tribuo.anomaly.Event;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checkpointed likelihood-ratio fine-tuning (with the class outlier loss and a general model trained in the same run):
 * an interrupted run resumes from its checkpoint and the saved general model, and finishes with the same model as an
 * uninterrupted run; the margin loss trains without scoring outliers with the general model.
 */
class LikelihoodRatioCheckpointTest {

    private static final int STEPS = 12;

    private static final MutableDataset<Event> GENERAL = SyntheticData.dataset(
            SyntheticData.generalMixture(400, 1), DatasetRole.IN_DISTRIBUTION, "general");
    private static final MutableDataset<Event> IN = SyntheticData.dataset(SyntheticData.shapes(200, 0, 25, 2),
            DatasetRole.IN_DISTRIBUTION, "in");
    private static final MutableDataset<Event> TEST = SyntheticData.dataset(SyntheticData.shapes(40, 1, 3, 4),
            DatasetRole.OUT_OF_DISTRIBUTION, "test");

    private static LikelihoodRatioTrainer trainer(Path checkpoint, OutlierLoss loss) {
        return trainer(checkpoint, loss, 5, 1e-3);
    }

    private static LikelihoodRatioTrainer trainer(Path checkpoint, OutlierLoss loss, long generalSeed,
                                                  double learningRate) {
        return new LikelihoodRatioTrainer(LikelihoodRatioTest.glowTrainer(1, generalSeed),
                SyntheticData.source(GENERAL), null, new FitSettings(10, STEPS, 0, 32, 2, 0.05, 1),
                new TrainingOptions(learningRate, 5e-5, 0, 0, 0, 0.9, 0.999, 1e-8, loss), BatchAugmentation.NONE,
                Augmentation.NONE, new ExecutionOptions(0, 1, false, Precision.FP32),
                CalibrationSettings.DEFAULT, RatioScore.LIKELIHOOD_RATIO,
                checkpoint == null ? Checkpointing.NONE : new Checkpointing(checkpoint, 4), 3);
    }

    /** A progress listener that fails the fine-tuning (not the general model's training) at a step. */
    private static ProgressListener crashAtFineTuningStep(long step) {
        return p -> {
            if (p.model().equals("in-distribution") && p.step() == step) {
                throw new IllegalStateException("simulated crash at step " + step);
            }
        };
    }

    @Test
    void interruptedFineTuningResumesToTheUninterruptedModel(@TempDir Path dir) {
        double[] uninterrupted;
        try (LikelihoodRatioModel model = trainer(null, OutlierLoss.paperClassLoss()).train(IN)) {
            uninterrupted = LikelihoodRatioTest.scores(model, TEST);
        }
        Path checkpoint = dir.resolve("fine-tune.ckpt");
        Path savedGeneral = dir.resolve("fine-tune.ckpt.general.tribuo");
        LikelihoodRatioTrainer first = trainer(checkpoint, OutlierLoss.paperClassLoss());
        first.setProgressListener(crashAtFineTuningStep(9));
        assertThrows(IllegalStateException.class, () -> first.train(IN));
        assertTrue(Files.exists(checkpoint), "checkpoint written at step 8");
        assertTrue(Files.exists(savedGeneral), "general model saved beside the checkpoint");

        // another general seed: had the resumed run retrained the general model instead of reading the saved one,
        // the checkpoint's fingerprint (which covers the starting weights) would refuse it
        try (LikelihoodRatioModel resumed = trainer(checkpoint, OutlierLoss.paperClassLoss(), 6, 1e-3).train(IN)) {
            double[] scores = LikelihoodRatioTest.scores(resumed, TEST);
            for (int i = 0; i < scores.length; i++) {
                assertEquals(uninterrupted[i], scores[i], 1e-4 * Math.max(1, Math.abs(uninterrupted[i])),
                        "image " + i);
            }
        }
        assertFalse(Files.exists(checkpoint), "a finished run deletes its checkpoint");
        assertFalse(Files.exists(savedGeneral), "a finished run deletes the saved general model");
    }

    @Test
    void aCheckpointOfARunWithOtherSettingsIsRefused(@TempDir Path dir) {
        Path checkpoint = dir.resolve("fine-tune.ckpt");
        LikelihoodRatioTrainer first = trainer(checkpoint, OutlierLoss.none());
        first.setProgressListener(crashAtFineTuningStep(5));
        assertThrows(IllegalStateException.class, () -> first.train(IN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer(checkpoint, OutlierLoss.none(), 5, 2e-3).train(IN));
        assertTrue(e.getMessage().contains("other settings") && e.getMessage().contains(checkpoint.toString()),
                e.getMessage());
        assertTrue(Files.exists(checkpoint), "the refused checkpoint is kept");
    }

    @Test
    void marginLossFineTunesToAUsableModel() {
        try (LikelihoodRatioModel model = trainer(null, OutlierLoss.margin()).train(IN)) {
            for (double s : LikelihoodRatioTest.scores(model, TEST)) {
                assertTrue(Double.isFinite(s), "score " + s);
            }
            assertTrue(model.getProvenance().getTrainerProvenance().toString().contains("MARGIN"));
        }
    }
}
