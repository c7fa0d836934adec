package io.github.flowanomaly.examples;

import io.github.flowanomaly.tf.ExecutionOptions;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.TrainingOptions;
import io.github.flowanomaly.tribuo.data.DatasetRole;
import io.github.flowanomaly.tribuo.data.IdxImageSource;
import io.github.flowanomaly.tribuo.data.ImageRange;
import io.github.flowanomaly.tribuo.data.ImagePreprocessing;
import io.github.flowanomaly.tribuo.evaluation.OodEvaluator;
import io.github.flowanomaly.tribuo.evaluation.ScoreOrientation;
import io.github.flowanomaly.tribuo.glow.BatchAugmentation;
import io.github.flowanomaly.tribuo.glow.CalibrationSettings;
import io.github.flowanomaly.tribuo.glow.Checkpointing;
import io.github.flowanomaly.tribuo.glow.FitSettings;
import io.github.flowanomaly.tribuo.glow.FlowScore;
import io.github.flowanomaly.tribuo.glow.GlowModel;
import io.github.flowanomaly.tribuo.glow.GlowTrainer;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.anomaly.Event;
import org.tribuo.anomaly.libsvm.LibSVMAnomalyTrainer;
import org.tribuo.anomaly.libsvm.SVMAnomalyType;
import org.tribuo.common.libsvm.KernelType;
import org.tribuo.common.libsvm.SVMParameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Trains a Glow on in-distribution images and compares its raw-likelihood and last-scale detectors with Tribuo's
 * one-class SVM on an OOD set, all through Tribuo's API.
 * <pre>
 *   CompareDetectors &lt;in-train.idx.gz&gt; &lt;in-test.idx.gz&gt; &lt;ood-test.idx.gz&gt; [size] [trainSeconds]
 * </pre>
 * For example Fashion-MNIST's {@code train-images-idx3-ubyte.gz} and {@code t10k-images-idx3-ubyte.gz} against
 * MNIST's test images, resized to 32x32.
 */
public final class CompareDetectors {

    private CompareDetectors() {}

    /**
     * Runs the comparison and prints one evaluation table per detector.
     *
     * @param args in-distribution train and test IDX files, OOD test IDX file, optional image size (default 32) and
     *             training seconds (default 60).
     */
    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("Usage: CompareDetectors <in-train.idx> <in-test.idx> <ood-test.idx> [size] [seconds]");
            System.exit(2);
        }
        int size = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        double seconds = args.length > 4 ? Double.parseDouble(args[4]) : 60;
        ImagePreprocessing testSubset = new ImagePreprocessing(size, size, false, 1000,
                ImagePreprocessing.DEFAULT_SEED);
        MutableDataset<Event> train = new MutableDataset<>(new IdxImageSource(Path.of(args[0]), null, List.of(),
                DatasetRole.IN_DISTRIBUTION, new ImagePreprocessing(size, size, false, 10000,
                ImagePreprocessing.DEFAULT_SEED), ImageRange.ALL));
        MutableDataset<Event> test = new MutableDataset<>(new IdxImageSource(Path.of(args[1]), null, List.of(),
                DatasetRole.IN_DISTRIBUTION, testSubset, ImageRange.ALL));
        MutableDataset<Event> ood = new MutableDataset<>(new IdxImageSource(Path.of(args[2]), null, List.of(),
                DatasetRole.OUT_OF_DISTRIBUTION, testSubset, ImageRange.ALL));

        int levels = size >= 32 ? 3 : 2;
        GlowTrainer glowTrainer = new GlowTrainer(new GlowSpec(size, size, 1, levels, 4, 32, 0),
                new FitSettings(100, 0, seconds, 64, 256, 0.05, 20), TrainingOptions.paperDefaults(),
                BatchAugmentation.NONE, ExecutionOptions.defaults(), CalibrationSettings.DEFAULT,
                FlowScore.NEGATIVE_LOG_LIKELIHOOD, null, Checkpointing.NONE, 1);
        SVMParameters<Event> svm = new SVMParameters<>(new SVMAnomalyType(SVMAnomalyType.SVMMode.ONE_CLASS),
                KernelType.RBF);
        svm.setGamma(1e-7);
        svm.setNu(0.1);

        try (GlowModel glow = glowTrainer.train(train)) {
            Map<String, MutableDataset<Event>> oodSets = Map.of("OOD", ood);
            OodEvaluator flowEvaluator = new OodEvaluator(ScoreOrientation.HIGHER_IS_ANOMALOUS);
            System.out.println("Raw likelihood\n" + flowEvaluator.evaluate(glow, "in-distribution", test, oodSets));
            System.out.println("Last scale\n" + flowEvaluator.evaluate(glow.withScore(FlowScore.LAST_SCALE),
                    "in-distribution", test, oodSets));
            Model<Event> oneClass = new LibSVMAnomalyTrainer(svm).train(new MutableDataset<>(
                    train.getData().subList(0, Math.min(2000, train.size())), train.getProvenance(),
                    train.getOutputFactory()));
            System.out.println("One-class SVM\n" + new OodEvaluator(ScoreOrientation.HIGHER_IS_NORMAL)
                    .evaluate(oneClass, "in-distribution", test, oodSets));
        }
    }
}
