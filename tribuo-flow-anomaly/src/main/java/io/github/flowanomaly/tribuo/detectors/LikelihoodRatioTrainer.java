package io.github.flowanomaly.tribuo.detectors;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import io.github.flowanomaly.tf.ExecutionOptions;
import io.github.flowanomaly.tf.Precision;
import io.github.flowanomaly.tf.GlowScoringSession;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.ImageBatch;
import io.github.flowanomaly.tf.OutlierLoss;
import io.github.flowanomaly.tf.TrainingOptions;
import io.github.flowanomaly.tribuo.impl.AtomicFiles;
import io.github.flowanomaly.tribuo.glow.Augmentation;
import io.github.flowanomaly.tribuo.glow.BatchAugmentation;
import io.github.flowanomaly.tribuo.glow.CalibrationSettings;
import io.github.flowanomaly.tribuo.glow.Checkpointing;
import io.github.flowanomaly.tribuo.impl.FitResult;
import io.github.flowanomaly.tribuo.glow.FitSettings;
import io.github.flowanomaly.tribuo.impl.GlowFitter;
import io.github.flowanomaly.tribuo.impl.GlowFitterMetadata;
import io.github.flowanomaly.tribuo.glow.GlowModel;
import io.github.flowanomaly.tribuo.glow.GlowTrainer;
import io.github.flowanomaly.tribuo.glow.ProgressListener;
import io.github.flowanomaly.tribuo.impl.TrainingImages;
import org.tribuo.ConfigurableDataSource;
import org.tribuo.Dataset;
import io.github.flowanomaly.tribuo.data.ImageDataset;
import org.tribuo.anomaly.Event;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.logging.Logger;

/**
 * Trains the paper's likelihood-ratio detector: a general-distribution Glow (trained here by {@link #generalTrainer}
 * on {@link #generalData}, or loaded from {@link #generalModelPath}) and an in-distribution Glow initialised from the
 * general model's weights and fine-tuned on the in-distribution training images, optionally with the outlier loss on
 * a fresh batch of general-distribution images per step. The general model is frozen and runs in its own session;
 * the fine-tuning graph holds only the in-distribution model's variables.
 * <pre>
 * R. T. Schirrmeister, Y. Zhou, T. Ball, D. Zhang.
 * "Understanding Anomaly Detection with Deep Invertible Networks through Hierarchies of Distributions and Features",
 * NeurIPS 2020. https://arxiv.org/abs/2006.10848
 * </pre>
 */
public final class LikelihoodRatioTrainer extends GlowPairTrainer<LikelihoodRatioModel> {

    private static final Logger logger = Logger.getLogger(LikelihoodRatioTrainer.class.getName());

    @Config(description = "Trains the general-distribution Glow (ignored when generalModelPath is set).")
    private GlowTrainer generalTrainer;
    @Config(description = "General-distribution images: training data of the general model and outlier batches.")
    private ConfigurableDataSource<Event> generalData;
    @Config(description = "A saved general GlowModel (.tribuo) to use instead of training one.")
    private Path generalModelPath;
    @Config(description = "Maximum fine-tuning epochs.")
    private int epochs = 1;
    @Config(description = "Maximum fine-tuning steps (0: no limit).")
    private long maxSteps = 0;
    @Config(description = "Fine-tuning time budget in seconds (0: no limit).")
    private double timeBudgetSeconds = 0;
    @Config(description = "In-distribution images per fine-tuning step (and outliers per step).")
    private int batchSize = 64;
    @Config(description = "Adamax learning rate of the fine-tuning.")
    private double learningRate = 5e-4;
    @Config(description = "Coupled L2 weight decay of the fine-tuning.")
    private double weightDecay = 5e-5;
    @Config(description = "Linear learning-rate warm-up steps.")
    private int warmupSteps = 0;
    @Config(description = "Cosine decay of the learning rate over this many steps after the warm-up, to "
            + "learningRate * finalLearningRateFraction, where it then stays (0: constant, the paper).")
    private int decaySteps = 0;
    @Config(description = "The learning rate at the end of the cosine decay, as a fraction of learningRate, in [0, 1].")
    private double finalLearningRateFraction = 0;
    @Config(description = "Augmentation of the fine-tuning batches: NONE, TRANSLATE (the paper's code for digits "
            + "and clothes) or TRANSLATE_FLIP.")
    private Augmentation augmentation = Augmentation.NONE;
    @Config(description = "Augmentation of the outlier batches (the paper's code: that of the general data set, "
            + "TRANSLATE_FLIP for Tiny Images).")
    private Augmentation outlierAugmentation = Augmentation.NONE;
    @Config(description = "Largest random shift of both augmentations as a fraction of height and width (the "
            + "paper's code: 0.1).")
    private double maxShiftFraction = 0.1;
    @Config(description = "Outlier loss while fine-tuning: NONE, CLASS or MARGIN.")
    private OutlierLoss.Kind outlierLoss = OutlierLoss.Kind.NONE;
    @Config(description = "Weight w of the class outlier loss (the paper's code: 6000).")
    private double outlierWeight = 6000;
    @Config(description = "Temperature T of the class outlier loss (the paper's code: 1000).")
    private double outlierTemperature = 1000;
    @Config(description = "Fraction of the in-distribution training images held out to calibrate the threshold.")
    private double calibrationFraction = 0.1;
    @Config(description = "Quantile of the held-out anomaly scores used as the decision threshold.")
    private double thresholdQuantile = 0.99;
    @Config(description = "Fail when more than this fraction of steps is skipped for non-finite values.")
    private double maxSkippedFraction = 0.05;
    @Config(description = "TensorFlow intra-op threads (0: all available processors).")
    private int intraOpThreads = 0;
    @Config(description = "TensorFlow inter-op threads (ops run at a time; default 2).")
    private int interOpThreads = ExecutionOptions.DEFAULT_INTER_OP_THREADS;
    @Config(description = "Arithmetic precision of training: FP32, BF16_COUPLING (coupling networks in bfloat16 "
            + "where the CPU has AVX512_BF16 or AMX, float32 elsewhere) or AUTO (bfloat16 where the CPU has it). "
            + "Calibration and the model's scores are float32.")
    private Precision precision = Precision.FP32;
    @Config(description = "Optional checkpoint file of the fine-tuning: written every checkpointEverySteps steps, "
            + "resumed from when it exists at the start of training, deleted when training finishes. A general model "
            + "trained here is saved beside it (checkpointPath + \".general.tribuo\") and reused on resume.")
    private Path checkpointPath;
    @Config(description = "Fine-tuning steps between checkpoints (used with checkpointPath).")
    private int checkpointEverySteps = 100;
    @Config(description = "Steps between progress reports (log and progress listener).")
    private int progressEverySteps = 10;

    /** For OLCUT. */
    private LikelihoodRatioTrainer() {}

    /**
     * Creates a trainer.
     *
     * @param generalTrainer   trains the general model (may be null when {@code generalModelPath} is set).
     * @param generalData      general-distribution images (may be null when a general model path is set and there
     *                         is no outlier loss).
     * @param generalModelPath a saved general GlowModel, or null to train one.
     * @param fineTuning       epochs, budget, batch size, skipped-step limit and progress interval of the
     *                         fine-tuning.
     * @param optimisation     Adamax settings and outlier loss of the fine-tuning.
     * @param augmentation     augmentation of the fine-tuning batches (perturbation rate 0).
     * @param outlierAugmentation augmentation of the outlier batches (same maximum shift).
     * @param threads          TensorFlow threads.
     * @param calibration      held-out fraction and threshold quantile.
     * @param score            which ratio is the anomaly score.
     * @param checkpointing    checkpoint file and interval of the fine-tuning ({@link Checkpointing#NONE}: none).
     * @param seed             the random seed.
     */
    public LikelihoodRatioTrainer(GlowTrainer generalTrainer, ConfigurableDataSource<Event> generalData,
                                  Path generalModelPath, FitSettings fineTuning, TrainingOptions optimisation,
                                  BatchAugmentation augmentation, Augmentation outlierAugmentation,
                                  ExecutionOptions threads, CalibrationSettings calibration, RatioScore score,
                                  Checkpointing checkpointing, long seed) {
        super(score, seed);
        this.generalTrainer = generalTrainer;
        this.generalData = generalData;
        this.generalModelPath = generalModelPath;
        this.epochs = fineTuning.epochs();
        this.maxSteps = fineTuning.maxSteps();
        this.timeBudgetSeconds = fineTuning.timeBudgetSeconds();
        this.batchSize = fineTuning.batchSize();
        this.maxSkippedFraction = fineTuning.maxSkippedFraction();
        this.progressEverySteps = fineTuning.progressEverySteps();
        this.learningRate = optimisation.learningRate();
        this.weightDecay = optimisation.weightDecay();
        this.warmupSteps = optimisation.warmupSteps();
        this.decaySteps = optimisation.decaySteps();
        this.finalLearningRateFraction = optimisation.finalLearningRateFraction();
        this.outlierLoss = optimisation.outlierLoss().kind();
        this.outlierWeight = optimisation.outlierLoss().weight();
        this.outlierTemperature = optimisation.outlierLoss().temperature();
        this.intraOpThreads = threads.intraOpThreads();
        this.interOpThreads = threads.interOpThreads();
        this.precision = threads.precision();
        this.calibrationFraction = calibration.heldOutFraction();
        this.thresholdQuantile = calibration.quantile();
        this.augmentation = augmentation.augmentation();
        this.maxShiftFraction = augmentation.maxShiftFraction();
        this.outlierAugmentation = outlierAugmentation;
        if (augmentation.perturbationRate() != 0) {
            throw new IllegalArgumentException("Fine-tuning does not perturb pixels (perturbationRate 0), found "
                    + augmentation.perturbationRate());
        }
        this.checkpointPath = checkpointing.file();
        this.checkpointEverySteps = checkpointing.enabled() ? checkpointing.everySteps() : checkpointEverySteps;
        postConfig();
    }

    /**
     * Validates the configuration and resets the random state.
     *
     * @throws PropertyException naming the invalid field.
     */
    @Override
    public synchronized void postConfig() {
        if (hasGeneralSource() && generalModelPath == null && (generalTrainer == null || generalData == null)) {
            throw new PropertyException("", "generalTrainer",
                    "Set generalModelPath, or both generalTrainer and generalData");
        }
        if (hasGeneralSource() && outlierLoss != OutlierLoss.Kind.NONE && generalData == null) {
            throw new PropertyException("", "generalData", "The " + outlierLoss
                    + " outlier loss needs generalData for its outlier batches");
        }
        if (!(calibrationFraction >= 0 && calibrationFraction < 1)) {
            throw new PropertyException("", "calibrationFraction", "calibrationFraction must be in [0, 1), found "
                    + calibrationFraction);
        }
        if (augmentation == null || outlierAugmentation == null) {
            throw new PropertyException("", augmentation == null ? "augmentation" : "outlierAugmentation",
                    "augmentation and outlierAugmentation must be NONE, TRANSLATE or TRANSLATE_FLIP");
        }
        validateSettings(this::fitSettings, this::optimisation, this::execution, this::fineTuningAugmentation,
                () -> new CalibrationSettings(calibrationFraction, thresholdQuantile));
        if (!(thresholdQuantile >= 0 && thresholdQuantile <= 1)) {
            throw new PropertyException("", "thresholdQuantile", "thresholdQuantile must be in [0, 1], found "
                    + thresholdQuantile);
        }
        if (checkpointPath != null && checkpointEverySteps <= 0) {
            throw new PropertyException("", "checkpointEverySteps", "checkpointEverySteps must be > 0, found "
                    + checkpointEverySteps);
        }
        super.postConfig();
    }

    @Override
    protected void onProgressListener(ProgressListener listener) {
        if (generalTrainer != null) {
            generalTrainer.setProgressListener(listener);
        }
    }

    /**
     * A trainer with this one's fine-tuning configuration and progress listener that fine-tunes a saved general
     * model (e.g. the one an experiment trained) instead of training or loading its own.
     *
     * @param generalModel  the saved general GlowModel.
     * @param general       general-distribution images (for the outlier loss; may be null without it).
     * @param checkpointing checkpoint file and interval of the fine-tuning.
     * @return the new trainer (invocation count 0).
     */
    public LikelihoodRatioTrainer fineTuning(Path generalModel, ConfigurableDataSource<Event> general,
                                             Checkpointing checkpointing) {
        LikelihoodRatioTrainer copy = new LikelihoodRatioTrainer(null, general, generalModel, fitSettings(),
                optimisation(), fineTuningAugmentation(), outlierAugmentation,
                new ExecutionOptions(intraOpThreads, interOpThreads, false, precision),
                new CalibrationSettings(calibrationFraction, thresholdQuantile), score(), checkpointing, seed());
        copy.setProgressListener(progressListener());
        return copy;
    }

    /**
     * Whether a general model is configured at all. A trainer without one (no generalModelPath, generalTrainer or
     * generalData) is a fine-tuning template, e.g. for an experiment that supplies the general model it trained
     * through {@link #fineTuning}; it cannot train by itself.
     */
    private boolean hasGeneralSource() {
        return generalModelPath != null || generalTrainer != null || generalData != null;
    }

    /** @return the outlier loss of the fine-tuning. */
    public OutlierLoss outlierLoss() {
        return optimisation().outlierLoss();
    }

    private BatchAugmentation fineTuningAugmentation() {
        return new BatchAugmentation(augmentation, maxShiftFraction, 0);
    }

    private BatchAugmentation outlierBatchAugmentation() {
        return new BatchAugmentation(outlierAugmentation, maxShiftFraction, 0);
    }

    private FitSettings fitSettings() {
        return new FitSettings(epochs, maxSteps, timeBudgetSeconds, batchSize, 2, maxSkippedFraction,
                progressEverySteps);
    }

    private Checkpointing checkpointing() {
        return checkpointPath == null ? Checkpointing.NONE : new Checkpointing(checkpointPath, checkpointEverySteps);
    }

    /** Where a general model trained by this trainer is kept while the fine-tuning checkpoints, or null. */
    private Path savedGeneralModelPath() {
        return checkpointPath == null || generalModelPath != null ? null
                : checkpointPath.resolveSibling(checkpointPath.getFileName() + ".general.tribuo");
    }

    /**
     * The general model: loaded from {@link #generalModelPath}, or from the copy saved by an interrupted
     * checkpointed run (only while that run's fine-tuning checkpoint exists; the checkpoint's fingerprint then
     * confirms it is the general model the fine-tuning started from), or trained (and, when checkpointing, saved so
     * that a resumed run fine-tunes against the same general model).
     */
    private GlowModel generalModel(Dataset<Event> general) {
        if (generalModelPath != null) {
            return GlowModel.read(generalModelPath, "generalModelPath");
        }
        Path saved = savedGeneralModelPath();
        if (saved != null && Files.exists(saved) && Files.exists(checkpointPath)) {
            logger.info("Resuming with the general model saved at " + saved);
            return GlowModel.read(saved, "checkpointPath");
        }
        GlowModel trained = generalTrainer.train(general);
        if (saved != null) {
            try {
                AtomicFiles.write(saved, trained::serializeToFile);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot save the general model beside the checkpoint: " + saved, e);
            }
        }
        return trained;
    }

    private TrainingOptions optimisation() {
        OutlierLoss loss = outlierLoss == OutlierLoss.Kind.NONE ? OutlierLoss.none()
                : new OutlierLoss(outlierLoss, outlierWeight, outlierTemperature);
        return new TrainingOptions(learningRate, weightDecay, warmupSteps, decaySteps, finalLearningRateFraction, 0.9, 0.999,
                1e-8, loss);
    }

    private ExecutionOptions execution() {
        int intra = intraOpThreads == 0 ? Runtime.getRuntime().availableProcessors() : intraOpThreads;
        return new ExecutionOptions(intra, interOpThreads, false, precision);
    }

    @Override
    protected LikelihoodRatioModel train(Dataset<Event> examples, Map<String, Provenance> runProvenance,
                                             int invocation, SplittableRandom local,
                                             TrainerProvenance trainerProvenance) {
        if (!hasGeneralSource()) {
            throw new IllegalStateException("This LikelihoodRatioTrainer has no general model: set generalModelPath, "
                    + "or generalTrainer and generalData (a trainer configured without them is a fine-tuning "
                    + "template: fineTuning(generalModel, generalData, checkpointing) gives one that trains)");
        }
        boolean needsGeneralImages = generalModelPath == null || outlierLoss != OutlierLoss.Kind.NONE;
        Dataset<Event> general = needsGeneralImages ? ImageDataset.of(generalData) : null;
        GlowModel generalModel = generalModel(general);
        // same architecture and weights as the general model; a seed of its own for the dequantisation noise
        GlowSpec generalSpec = generalModel.spec();
        GlowSpec spec = new GlowSpec(generalSpec.height(), generalSpec.width(), generalSpec.channels(),
                generalSpec.levels(), generalSpec.stepsPerLevel(), generalSpec.hiddenChannels(), local.nextLong());
        TrainingImages images = TrainingImages.from(examples, spec, calibrationFraction, local);
        ExecutionOptions execution = execution();
        // models score in float32: the general scores and the calibration too, whatever training computes in
        ExecutionOptions scoring = execution.withPrecision(Precision.FP32);
        try (GlowScoringSession generalSession = new GlowScoringSession(spec, generalModel.weights(), scoring,
                256)) {
            GeneralOutliers outliers = outlierLoss == OutlierLoss.Kind.NONE ? null
                    : new GeneralOutliers(TrainingImages.toPixels(general, spec), spec,
                    outlierLoss == OutlierLoss.Kind.CLASS ? generalSession : null,
                    outlierBatchAugmentation(), local.nextLong());
            GlowFitter fitter = new GlowFitter("in-distribution", spec, optimisation(), execution, fitSettings(),
                    checkpointing(), fineTuningAugmentation(), progressListener());
            FitResult fit = fitter.fit(images.training(), generalModel.weights(), outliers, local);
            ImageBatch held = images.calibration().toBatch();
            PairCalibration calibration;
            try (GlowScoringSession in = new GlowScoringSession(spec, fit.weights(), scoring, 256)) {
                calibration = new PairCalibration(in.score(held), generalSession.score(held), thresholdQuantile);
            }
            Map<String, Provenance> run = new HashMap<>(runProvenance);
            run.putAll(GlowFitterMetadata.of(fit, images));
            run.put("general-model", generalModel.getProvenance());
            if (generalModelPath != null) {
                run.put(GENERAL_MODEL_HASH, fileHash(GENERAL_MODEL_HASH, generalModelPath));
            }
            ModelProvenance provenance = new ModelProvenance(LikelihoodRatioModel.class.getName(),
                    OffsetDateTime.now(), examples.getProvenance(), trainerProvenance, run);
            LikelihoodRatioModel model = new LikelihoodRatioModel("likelihood-ratio", provenance,
                    examples.getFeatureIDMap(), examples.getOutputIDInfo(), spec, fit.weights(),
                    generalModel.weights(), score(), calibration);
            fitter.deleteCheckpoint();
            deleteSavedGeneralModel();
            return model;
        }
    }

    private void deleteSavedGeneralModel() {
        Path saved = savedGeneralModelPath();
        if (saved != null) {
            try {
                Files.deleteIfExists(saved);
            } catch (IOException e) {
                logger.warning("Could not delete the saved general model " + saved + ": " + e);
            }
        }
    }

    @Override
    public String toString() {
        return "LikelihoodRatioTrainer(general=" + (generalModelPath != null ? generalModelPath : generalTrainer)
                + ", epochs=" + epochs + ", maxSteps=" + maxSteps + ", timeBudgetSeconds=" + timeBudgetSeconds
                + ", outlierLoss=" + outlierLoss + ", w=" + outlierWeight + ", T=" + outlierTemperature
                + ", augmentation=" + augmentation + ", outlierAugmentation=" + outlierAugmentation
                + ", score=" + score() + ", seed=" + seed() + ")";
    }
}
