package io.github.flowanomaly.tribuo.impl;

import io.github.flowanomaly.tribuo.glow.BatchAugmentation;
import io.github.flowanomaly.tribuo.glow.Checkpointing;
import io.github.flowanomaly.tribuo.glow.FitSettings;
import io.github.flowanomaly.tribuo.glow.ProgressListener;
import io.github.flowanomaly.tribuo.glow.TrainingProgress;
import io.github.flowanomaly.tf.CounterSeeds;
import io.github.flowanomaly.tf.ExecutionOptions;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.GlowTrainingSession;
import io.github.flowanomaly.tf.GlowWeights;
import io.github.flowanomaly.tf.ImageBatch;
import io.github.flowanomaly.tf.StepResult;
import io.github.flowanomaly.tf.TrainingOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.SplittableRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The training loop shared by every trainer of this library: data-dependent initialisation (unless starting from
 * given weights), shuffled epochs of Adamax steps (optionally with an outlier batch per step), a step/time budget,
 * progress reports and the skipped-step limit.
 */
public final class GlowFitter {

    private static final Logger logger = Logger.getLogger(GlowFitter.class.getName());
    private static final int CHECK_SKIPS_AFTER = 20;
    private static final long AUGMENTATION_STREAM = 0x6175676dL;

    private final String modelName;
    private final GlowSpec spec;
    private final TrainingOptions options;
    private final ExecutionOptions execution;
    private final FitSettings settings;
    private final Checkpointing checkpointing;
    private final BatchAugmentation augmentation;
    private final ProgressListener listener;

    /**
     * Creates a fitter.
     *
     * @param modelName     name used in progress reports, logs and checkpoints.
     * @param spec          the architecture and initialisation seed.
     * @param options       optimisation settings (including the outlier loss).
     * @param execution     TensorFlow execution settings.
     * @param settings      epochs, budget and batch size.
     * @param checkpointing where to write checkpoints and resume from ({@link Checkpointing#NONE}: never).
     * @param augmentation  what is done to every training batch (and the initialisation batch) before
     *                      dequantisation ({@link BatchAugmentation#NONE}: nothing).
     * @param listener      receives progress reports.
     */
    public GlowFitter(String modelName, GlowSpec spec, TrainingOptions options, ExecutionOptions execution,
                      FitSettings settings, Checkpointing checkpointing, BatchAugmentation augmentation,
                      ProgressListener listener) {
        this.modelName = modelName;
        this.spec = spec;
        this.options = options;
        this.execution = execution;
        this.settings = settings;
        this.checkpointing = checkpointing;
        this.augmentation = augmentation;
        this.listener = listener;
    }

    /**
     * Trains on images. With checkpointing, resumes from an existing checkpoint of the same run (same
     * {@link TrainingFingerprint}: weights, optimiser state, noise stream, position in the data, time spent) and
     * writes a final checkpoint when done; the caller deletes it with {@link #deleteCheckpoint()} once the model is
     * built and saved, so a crash in between resumes to the finished state instead of losing the training.
     *
     * @param images   the training images (pixel values, NHWC).
     * @param initial  weights to start from (fine-tuning; no data-dependent init), or null.
     * @param outliers outlier batches for the outlier loss, or null when {@code options} has none.
     * @param rng      the random source of shuffling (each epoch's order derives from it and the epoch number).
     * @return the trained weights and statistics.
     */
    public FitResult fit(TrainingPixels images, GlowWeights initial, OutlierBatches outliers, SplittableRandom rng) {
        int n = images.count();
        int batch = Math.min(settings.batchSize(), n);
        int stepsPerEpoch = n / batch; // drop_last, as the paper's loader
        long planned = (long) stepsPerEpoch * settings.epochs();
        if (settings.maxSteps() > 0) {
            planned = Math.min(planned, settings.maxSteps());
        }
        long orderSeed = rng.nextLong();
        // derived, not drawn: the other draws of rng (and so every run without augmentation) stay as they were
        long augmentationSeed = CounterSeeds.of(orderSeed, AUGMENTATION_STREAM);
        String fingerprint = checkpointing.enabled()
                ? TrainingFingerprint.of(modelName, spec, options, settings, augmentation, images, initial,
                execution.effectivePrecision()) : "";
        TrainingCheckpoint resumed = resumable(fingerprint);
        double priorSeconds = resumed == null ? 0 : resumed.seconds();
        long start = System.nanoTime() - (long) (priorSeconds * 1e9);
        try (GlowTrainingSession session = new GlowTrainingSession(spec, options, execution, initial)) {
            double recentBpd = Double.NaN;
            long steps = 0;
            int epoch = 0;
            int firstStep = 0;
            if (resumed != null) {
                session.importState(resumed.state());
                recentBpd = resumed.recentBitsPerDim();
                steps = resumed.steps();
                epoch = resumed.epoch() - 1;
                firstStep = resumed.stepInEpoch();
                logger.info(modelName + ": resuming from " + checkpointing.file() + " at step " + steps);
            } else if (initial == null) {
                int[] order = Permutations.of(n, new SplittableRandom(orderSeed));
                ImageBatch init = images.gather(order, 0, Math.min(settings.initExamples(), n));
                augmentation.apply(init, spec, augmentationSeed, -1);
                session.initializeFromData(init);
            }
            long loopStart = System.nanoTime();
            long loopFirstStep = steps;
            training:
            while (epoch < settings.epochs()) {
                epoch++;
                int[] order = Permutations.of(n, new SplittableRandom(orderSeed + epoch));
                for (int s = firstStep; s < stepsPerEpoch; s++) {
                    if (steps >= planned || budgetExhausted(start)) {
                        break training;
                    }
                    ImageBatch x = images.gather(order, s * batch, batch);
                    augmentation.apply(x, spec, augmentationSeed, steps);
                    StepResult result = outliers == null ? session.step(x)
                            : stepWithOutliers(session, x, outliers.next(session, batch));
                    steps++;
                    if (Double.isFinite(result.bitsPerDim())) {
                        recentBpd = Double.isNaN(recentBpd) ? result.bitsPerDim()
                                : 0.9 * recentBpd + 0.1 * result.bitsPerDim();
                    }
                    checkSkips(result, steps);
                    if (steps % settings.progressEverySteps() == 0 || steps == planned) {
                        report(epoch, steps, planned, recentBpd, loopStart, loopFirstStep, batch, start);
                    }
                    if (checkpointing.enabled() && steps % checkpointing.everySteps() == 0) {
                        writeCheckpoint(session, epoch, s + 1, steps, start, recentBpd, fingerprint);
                    }
                }
                firstStep = 0;
            }
            if (checkpointing.enabled()) {
                // resuming from here goes straight to the end: the step plan or the time budget is used up
                writeCheckpoint(session, epoch, stepsPerEpoch, steps, start, recentBpd, fingerprint);
            }
            GlowWeights weights = session.exportWeights();
            double seconds = (System.nanoTime() - start) / 1e9;
            logger.info(String.format(java.util.Locale.ROOT,
                    "%s: %d steps applied, %d skipped, %d epoch(s), %.1f s, final %.4f bits/dim", modelName,
                    session.appliedSteps(), session.skippedSteps(), epoch, seconds, recentBpd));
            return new FitResult(weights, session.appliedSteps(), session.skippedSteps(), epoch, seconds, recentBpd,
                    session.precision());
        }
    }

    private TrainingCheckpoint resumable(String fingerprint) {
        if (!checkpointing.enabled() || !Files.exists(checkpointing.file())) {
            return null;
        }
        TrainingCheckpoint checkpoint = TrainingCheckpoint.read(checkpointing.file());
        if (!checkpoint.modelName().equals(modelName) || !checkpoint.spec().equals(spec)) {
            throw new IllegalArgumentException("Checkpoint " + checkpointing.file() + " belongs to "
                    + checkpoint.modelName() + " " + checkpoint.spec() + ", expected " + modelName + " " + spec
                    + "; delete it to start afresh");
        }
        if (!checkpoint.fingerprint().equals(fingerprint)) {
            throw new IllegalArgumentException("Checkpoint " + checkpointing.file() + " was written by a run with "
                    + "other settings, training images or starting weights (fingerprint "
                    + abbreviated(checkpoint.fingerprint()) + ", this run " + abbreviated(fingerprint)
                    + "); delete it to start afresh");
        }
        return checkpoint;
    }

    private static String abbreviated(String fingerprint) {
        return fingerprint.isEmpty() ? "none" : fingerprint.substring(0, Math.min(12, fingerprint.length()));
    }

    private void writeCheckpoint(GlowTrainingSession session, int epoch, int nextStep, long steps, long start,
                                 double recentBpd, String fingerprint) {
        try {
            new TrainingCheckpoint(modelName, spec, session.exportState(), epoch, nextStep, steps,
                    (System.nanoTime() - start) / 1e9, recentBpd, fingerprint).write(checkpointing.file());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write checkpoint " + checkpointing.file(), e);
        }
    }

    /** Deletes this fitter's checkpoint (call once the trained model is built and, if needed, saved). */
    public void deleteCheckpoint() {
        if (checkpointing.enabled()) {
            try {
                Files.deleteIfExists(checkpointing.file());
            } catch (IOException e) {
                logger.warning("Could not delete finished checkpoint " + checkpointing.file() + ": " + e);
            }
        }
    }

    private StepResult stepWithOutliers(GlowTrainingSession session, ImageBatch x, OutlierBatches.Batch o) {
        return session.step(x, o.modelInputs(), o.generalLogLikelihoods());
    }

    private boolean budgetExhausted(long start) {
        return settings.timeBudgetSeconds() > 0 && (System.nanoTime() - start) / 1e9 >= settings.timeBudgetSeconds();
    }

    private void checkSkips(StepResult result, long steps) {
        if (steps >= CHECK_SKIPS_AFTER && result.skippedSteps() > settings.maxSkippedFraction() * steps) {
            throw new IllegalStateException(modelName + ": " + result.skippedSteps() + " of " + steps
                    + " steps had a non-finite loss or gradient, more than the allowed fraction "
                    + settings.maxSkippedFraction() + " (lower the learning rate?)");
        }
    }

    private void report(int epoch, long steps, long planned, double bpd, long loopStart, long loopFirstStep, int batch,
                        long start) {
        double elapsed = (System.nanoTime() - loopStart) / 1e9;
        double rate = (steps - loopFirstStep) * batch / Math.max(elapsed, 1e-9);
        double eta = Double.NaN;
        if (settings.timeBudgetSeconds() > 0) {
            eta = Math.max(0, settings.timeBudgetSeconds() - (System.nanoTime() - start) / 1e9);
        }
        if (planned > 0) {
            double byPlan = (planned - steps) * batch / Math.max(rate, 1e-9);
            eta = Double.isNaN(eta) ? byPlan : Math.min(eta, byPlan);
        }
        TrainingProgress progress = new TrainingProgress(modelName, epoch, steps,
                settings.timeBudgetSeconds() > 0 ? -1 : planned, bpd, rate, eta);
        if (logger.isLoggable(Level.INFO)) {
            logger.info(progress.describe());
        }
        listener.onProgress(progress);
    }
}
