package io.github.flowanomaly.tribuo.glow;

import io.github.flowanomaly.tf.ExecutionOptions;
import io.github.flowanomaly.tf.Precision;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.TrainingOptions;
import io.github.flowanomaly.tribuo.files.SavedModels;
import io.github.flowanomaly.tribuo.data.DatasetRole;

import java.nio.file.Path;

/**
 * Test helper run in a child JVM: trains a small Glow with checkpoints (resuming from an existing one) and writes the
 * model. Arguments: checkpoint file, model file.
 */
public final class CheckpointedTrainingMain {

    /** Total training steps. */
    static final int STEPS = 150;

    private CheckpointedTrainingMain() {}

    /**
     * Trains and writes the model.
     *
     * @param args checkpoint path, model path.
     * @throws Exception if training or writing fails.
     */
    public static void main(String[] args) throws Exception {
        GlowTrainer trainer = new GlowTrainer(new GlowSpec(16, 16, 1, 2, 2, 16, 0),
                new FitSettings(1000, STEPS, 0, 32, 64, 0.05, 10), TrainingOptions.paperDefaults(),
                BatchAugmentation.NONE, new ExecutionOptions(1, 1, false, Precision.FP32), CalibrationSettings.DEFAULT, FlowScore.NEGATIVE_LOG_LIKELIHOOD,
                null, new Checkpointing(Path.of(args[0]), 10), 5);
        try (GlowModel model = trainer.train(SyntheticData.dataset(SyntheticData.blobs(300, 1),
                DatasetRole.IN_DISTRIBUTION, "blobs"))) {
            SavedModels.write(model, Path.of(args[1]));
        }
    }
}
