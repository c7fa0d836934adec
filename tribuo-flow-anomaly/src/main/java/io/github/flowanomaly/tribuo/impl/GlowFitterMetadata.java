package io.github.flowanomaly.tribuo.impl;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.DoubleProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.LongProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import io.github.flowanomaly.tf.TensorFlowRuntime;

import java.util.HashMap;
import java.util.Map;

/**
 * The run metadata a trained model's provenance records: TensorFlow version and settings, the precision training
 * computed in, steps applied and skipped,
 * time, final training bits/dim, image counts.
 */
public final class GlowFitterMetadata {

    private GlowFitterMetadata() {}

    /**
     * Builds the metadata of a training run.
     *
     * @param fit    the training outcome.
     * @param images the training and calibration images.
     * @return provenance entries by key.
     */
    public static Map<String, Provenance> of(FitResult fit, TrainingImages images) {
        Map<String, Provenance> run = new HashMap<>();
        run.put("tensorflow-version", new StringProvenance("tensorflow-version", TensorFlowRuntime.version()));
        run.put("onednn", new StringProvenance("onednn", TensorFlowRuntime.oneDnnSetting()));
        run.put("precision", new StringProvenance("precision", fit.precision().name()));
        run.put("applied-steps", new LongProvenance("applied-steps", fit.appliedSteps()));
        run.put("skipped-steps", new LongProvenance("skipped-steps", fit.skippedSteps()));
        run.put("epochs-started", new LongProvenance("epochs-started", fit.epochs()));
        run.put("training-seconds", new DoubleProvenance("training-seconds", fit.trainingSeconds()));
        run.put("final-train-bits-per-dim", new DoubleProvenance("final-train-bits-per-dim",
                fit.finalBitsPerDim()));
        run.put("training-images", new LongProvenance("training-images", images.training().count()));
        run.put("calibration-images", new LongProvenance("calibration-images", images.calibration().count()));
        return run;
    }
}
