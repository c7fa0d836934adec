package io.github.flowanomaly.tribuo.glow;

import io.github.flowanomaly.tribuo.impl.FitResult;
import io.github.flowanomaly.tribuo.impl.GlowFitter;
import io.github.flowanomaly.tribuo.impl.GlowFitterMetadata;
import io.github.flowanomaly.tribuo.impl.TrainingImages;
import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.LongProvenance;
import io.github.flowanomaly.tf.ExecutionOptions;
import io.github.flowanomaly.tf.Precision;
import io.github.flowanomaly.tf.GlowScoringSession;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.GlowWeights;
import io.github.flowanomaly.tf.ImageBatch;
import io.github.flowanomaly.tf.LevelScores;
import io.github.flowanomaly.tf.OutlierLoss;
import io.github.flowanomaly.tf.TrainingOptions;
import org.tribuo.Dataset;
import org.tribuo.anomaly.Event;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains a multi-scale Glow (the architecture of Schirrmeister et al.'s code) on in-distribution images and returns a
 * {@link GlowModel}. Every hyper-parameter is an OLCUT {@code @Config} field, recorded in the model's provenance.
 * <p>
 * A fraction of the training images ({@link #calibrationFraction}) is held out (seeded) and never trained on; the
 * model's threshold is the {@link #thresholdQuantile} of their anomaly scores.
 * <p>
 * Training examples must be EXPECTED (in-distribution) images; ANOMALOUS examples are rejected.
 * <pre>
 * R. T. Schirrmeister, Y. Zhou, T. Ball, D. Zhang.
 * "Understanding Anomaly Detection with Deep Invertible Networks through Hierarchies of Distributions and Features",
 * NeurIPS 2020. https://arxiv.org/abs/2006.10848
 * </pre>
 */
public final class GlowTrainer extends FlowTrainer<GlowModel> {

    @Config(description = "Image height (divisible by 2^levels).")
    private int height = 32;
    @Config(description = "Image width (divisible by 2^levels).")
    private int width = 32;
    @Config(description = "Image channels (1 grey, 3 RGB).")
    private int channels = 1;
    @Config(description = "Number of scales L (the paper: 3).")
    private int levels = 3;
    @Config(description = "Flow steps K per scale (the paper: 32).")
    private int stepsPerLevel = 8;
    @Config(description = "Hidden width of the coupling networks (the paper: 512).")
    private int hiddenChannels = 64;
    @Config(description = "Maximum number of epochs.")
    private int epochs = 1;
    @Config(description = "Maximum number of training steps (0: no limit).")
    private long maxSteps = 0;
    @Config(description = "Training time budget in seconds (0: no limit).")
    private double timeBudgetSeconds = 0;
    @Config(description = "Images per training step (the paper: 64).")
    private int batchSize = 64;
    @Config(description = "Adamax learning rate (the paper: 5e-4).")
    private double learningRate = 5e-4;
    @Config(description = "Coupled L2 weight decay (the paper: 5e-5).")
    private double weightDecay = 5e-5;
    @Config(description = "Linear learning-rate warm-up steps (the paper: 0).")
    private int warmupSteps = 0;
    @Config(description = "Cosine decay of the learning rate over this many steps after the warm-up, to "
            + "learningRate * finalLearningRateFraction, where it then stays (0: constant, the paper).")
    private int decaySteps = 0;
    @Config(description = "The learning rate at the end of the cosine decay, as a fraction of learningRate, in [0, 1].")
    private double finalLearningRateFraction = 0;
    @Config(description = "Training augmentation: NONE, TRANSLATE (the paper's code for digits and clothes) or "
            + "TRANSLATE_FLIP (its choice for natural images).")
    private Augmentation augmentation = Augmentation.NONE;
    @Config(description = "Largest random shift as a fraction of height and width (the paper's code: 0.1).")
    private double maxShiftFraction = 0.1;
    @Config(description = "Probability that a training pixel is replaced by a uniform random grey level (0: never; "
            + "a background model for the background likelihood ratio uses 0.1-0.3).")
    private double perturbationRate = 0;
    @Config(description = "Images used for the data-dependent ActNorm initialisation (the paper: 704).")
    private int initExamples = 704;
    @Config(description = "Fraction of the training images held out to calibrate the threshold.")
    private double calibrationFraction = 0.1;
    @Config(description = "Quantile of the held-out anomaly scores used as the decision threshold.")
    private double thresholdQuantile = 0.99;
    @Config(description = "Seed of the held-out split alone (0: drawn from seed). Trainers given the same non-zero "
            + "value hold out the same images of the same data set, so their models can be paired.")
    private long heldOutSeed = 0;
    @Config(description = "Which quantity is the anomaly score.")
    private FlowScore score = FlowScore.NEGATIVE_LOG_LIKELIHOOD;
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
    @Config(description = "Optional path of a saved GlowModel (.tribuo protobuf) whose weights start training "
            + "(fine-tuning, no data-dependent initialisation); its architecture must match.")
    private Path initialModelPath;
    @Config(description = "Optional checkpoint file: written every checkpointEverySteps steps, resumed from when it "
            + "exists at the start of training, deleted when training finishes.")
    private Path checkpointPath;
    @Config(description = "Steps between checkpoints (used with checkpointPath).")
    private int checkpointEverySteps = 100;
    @Config(description = "Steps between progress reports (log and progress listener).")
    private int progressEverySteps = 10;
    /** Run-provenance key of the held-out split's seed, recorded when it is set. */
    public static final String HELD_OUT_SEED = "held-out-seed";


    /** For OLCUT. */
    private GlowTrainer() {}

    /**
     * Creates a trainer.
     *
     * @param spec           architecture (its seed is ignored: model seeds derive from {@code seed}).
     * @param fit            epochs, budget, batch size, initialisation images, skipped-step limit and progress
     *                       interval.
     * @param optimisation   Adamax settings (the outlier loss must be none: see the likelihood-ratio trainer).
     * @param augmentation   what training does to each batch (translation, flip, pixel perturbation).
     * @param threads        TensorFlow threads.
     * @param calibration    held-out fraction and threshold quantile.
     * @param score          which quantity is the anomaly score.
     * @param initialModel   path of a saved GlowModel to fine-tune from, or null.
     * @param checkpointing  checkpoint file and interval ({@link Checkpointing#NONE}: none).
     * @param seed           the random seed.
     */
    public GlowTrainer(GlowSpec spec, FitSettings fit, TrainingOptions optimisation, BatchAugmentation augmentation,
                       ExecutionOptions threads, CalibrationSettings calibration, FlowScore score, Path initialModel,
                       Checkpointing checkpointing, long seed) {
        super(seed);
        this.height = spec.height();
        this.width = spec.width();
        this.channels = spec.channels();
        this.levels = spec.levels();
        this.stepsPerLevel = spec.stepsPerLevel();
        this.hiddenChannels = spec.hiddenChannels();
        this.epochs = fit.epochs();
        this.maxSteps = fit.maxSteps();
        this.timeBudgetSeconds = fit.timeBudgetSeconds();
        this.batchSize = fit.batchSize();
        this.initExamples = fit.initExamples();
        this.maxSkippedFraction = fit.maxSkippedFraction();
        this.progressEverySteps = fit.progressEverySteps();
        if (optimisation.outlierLoss().kind() != OutlierLoss.Kind.NONE) {
            throw new IllegalArgumentException("GlowTrainer trains by maximum likelihood; the outlier loss needs a "
                    + "general model (use LikelihoodRatioTrainer)");
        }
        this.learningRate = optimisation.learningRate();
        this.weightDecay = optimisation.weightDecay();
        this.warmupSteps = optimisation.warmupSteps();
        this.decaySteps = optimisation.decaySteps();
        this.finalLearningRateFraction = optimisation.finalLearningRateFraction();
        this.augmentation = augmentation.augmentation();
        this.maxShiftFraction = augmentation.maxShiftFraction();
        this.perturbationRate = augmentation.perturbationRate();
        this.intraOpThreads = threads.intraOpThreads();
        this.interOpThreads = threads.interOpThreads();
        this.precision = threads.precision();
        this.calibrationFraction = calibration.heldOutFraction();
        this.thresholdQuantile = calibration.quantile();
        this.score = score;
        this.initialModelPath = initialModel;
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
        validateSettings(() -> architecture(0), this::fitSettings, this::optimisation, this::execution,
                this::batchAugmentation);
        if (!(calibrationFraction >= 0 && calibrationFraction < 1)) {
            throw new PropertyException("", "calibrationFraction", "calibrationFraction must be in [0, 1), found "
                    + calibrationFraction);
        }
        if (!(thresholdQuantile >= 0 && thresholdQuantile <= 1)) {
            throw new PropertyException("", "thresholdQuantile", "thresholdQuantile must be in [0, 1], found "
                    + thresholdQuantile);
        }
        if (score == null) {
            throw new PropertyException("", "score", "score must be set");
        }
        if (checkpointPath != null && checkpointEverySteps <= 0) {
            throw new PropertyException("", "checkpointEverySteps", "checkpointEverySteps must be > 0, found "
                    + checkpointEverySteps);
        }
        super.postConfig();
    }

    /**
     * A trainer with this one's configuration and progress listener but the given checkpointing (e.g. so that an
     * experiment can checkpoint each model it trains into its own output directory).
     *
     * @param checkpointing checkpoint file and interval.
     * @return the new trainer (invocation count 0).
     */
    public GlowTrainer withCheckpointing(Checkpointing checkpointing) {
        return copy(checkpointing, heldOutSeed);
    }

    /**
     * A trainer with this one's configuration and progress listener but the given held-out seed (e.g. so that two
     * models trained on one data set hold out the same calibration images and can be paired).
     *
     * @param seedOfSplit the held-out split's seed, non-zero.
     * @return the new trainer (invocation count 0).
     */
    public GlowTrainer withHeldOutSeed(long seedOfSplit) {
        if (seedOfSplit == 0) {
            throw new IllegalArgumentException("heldOutSeed must be non-zero to fix the split");
        }
        return copy(checkpointing(), seedOfSplit);
    }

    private GlowTrainer copy(Checkpointing checkpointing, long seedOfSplit) {
        GlowTrainer copy = new GlowTrainer(architecture(0), fitSettings(), optimisation(), batchAugmentation(),
                new ExecutionOptions(intraOpThreads, interOpThreads, false, precision),
                new CalibrationSettings(calibrationFraction, thresholdQuantile), score, initialModelPath,
                checkpointing, seed());
        copy.heldOutSeed = seedOfSplit;
        copy.setProgressListener(progressListener());
        return copy;
    }

    /** @return the seed of the held-out split alone, 0 when it is drawn from the trainer's seed. */
    public long heldOutSeed() {
        return heldOutSeed;
    }

    /** @return the fraction of the training images held out for calibration. */
    public double calibrationFraction() {
        return calibrationFraction;
    }

    GlowSpec architecture(long modelSeed) {
        return new GlowSpec(height, width, channels, levels, stepsPerLevel, hiddenChannels, modelSeed);
    }

    FitSettings fitSettings() {
        return new FitSettings(epochs, maxSteps, timeBudgetSeconds, batchSize, initExamples, maxSkippedFraction,
                progressEverySteps);
    }

    TrainingOptions optimisation() {
        return new TrainingOptions(learningRate, weightDecay, warmupSteps, decaySteps, finalLearningRateFraction, 0.9,
                0.999, 1e-8, OutlierLoss.none());
    }

    /** @return what training does to each batch. */
    public BatchAugmentation batchAugmentation() {
        return new BatchAugmentation(augmentation, maxShiftFraction, perturbationRate);
    }

    Checkpointing checkpointing() {
        return checkpointPath == null ? Checkpointing.NONE : new Checkpointing(checkpointPath, checkpointEverySteps);
    }

    ExecutionOptions execution() {
        int intra = intraOpThreads == 0 ? Runtime.getRuntime().availableProcessors() : intraOpThreads;
        return new ExecutionOptions(intra, interOpThreads, false, precision);
    }

    @Override
    protected GlowModel train(Dataset<Event> examples, Map<String, Provenance> runProvenance, int invocation,
                              SplittableRandom local, TrainerProvenance trainerProvenance) {
        GlowSpec spec = architecture(local.nextLong());
        TrainingImages images = TrainingImages.from(examples, spec, calibrationFraction,
                heldOutSeed == 0 ? local : new SplittableRandom(heldOutSeed));
        GlowWeights initial = initialModelPath == null ? null : loadInitialWeights(spec);
        GlowFitter fitter = new GlowFitter("glow", spec, optimisation(), execution(), fitSettings(), checkpointing(),
                batchAugmentation(), progressListener());
        FitResult fit = fitter.fit(images.training(), initial, null, local);
        // models score in float32, so their threshold comes from float32 scores whatever training computed in
        Calibration calibration = calibrate(spec, fit.weights(), images.calibration().toBatch(), thresholdQuantile,
                execution().withPrecision(Precision.FP32));
        Map<String, Provenance> run = new HashMap<>(runProvenance);
        run.putAll(GlowFitterMetadata.of(fit, images));
        if (initialModelPath != null) {
            run.put(INITIAL_MODEL_HASH, fileHash(INITIAL_MODEL_HASH, initialModelPath));
        }
        if (heldOutSeed != 0) {
            run.put(HELD_OUT_SEED, new LongProvenance(HELD_OUT_SEED, heldOutSeed));
        }
        ModelProvenance provenance = new ModelProvenance(GlowModel.class.getName(), OffsetDateTime.now(),
                examples.getProvenance(), trainerProvenance, run);
        GlowModel model = new GlowModel("glow", provenance, examples.getFeatureIDMap(), examples.getOutputIDInfo(),
                spec, fit.weights(), score, calibration);
        fitter.deleteCheckpoint();
        return model;
    }

    /**
     * Scores the held-out images with trained weights.
     *
     * @param spec      the architecture.
     * @param weights   the trained weights.
     * @param images    the held-out images.
     * @param quantile  the threshold quantile.
     * @param execution TensorFlow settings.
     * @return the calibration.
     */
    static Calibration calibrate(GlowSpec spec, GlowWeights weights, ImageBatch images, double quantile,
                                 ExecutionOptions execution) {
        try (GlowScoringSession session = new GlowScoringSession(spec, weights, execution,
                GlowModel.PREDICT_CHUNK)) {
            LevelScores scores = session.score(images);
            return new Calibration(scores, quantile);
        }
    }

    private GlowWeights loadInitialWeights(GlowSpec spec) {
        GlowModel glow = GlowModel.read(initialModelPath, "initialModelPath");
        GlowSpec other = glow.spec();
        if (!architecture(other.seed()).equals(other)) {
            throw new IllegalArgumentException("initialModelPath " + initialModelPath + " has architecture "
                    + other + ", expected " + spec);
        }
        return glow.weights();
    }

    @Override
    public String toString() {
        return "GlowTrainer(" + architecture(seed()) + ", epochs=" + epochs + ", maxSteps=" + maxSteps
                + ", timeBudgetSeconds=" + timeBudgetSeconds + ", batchSize=" + batchSize + ", learningRate="
                + learningRate + ", " + batchAugmentation() + ", score=" + score + ", seed=" + seed() + ")";
    }
}
