package io.github.flowanomaly.bench;

import io.github.flowanomaly.tf.GlowScoringSession;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.GlowTrainingSession;
import io.github.flowanomaly.tf.GlowWeights;
import io.github.flowanomaly.tf.ImageBatch;
import io.github.flowanomaly.tf.LevelScores;
import io.github.flowanomaly.tf.StepProfile;
import io.github.flowanomaly.tf.TrainingOptions;
import io.github.flowanomaly.tf.TensorFlowRuntime;
import io.github.flowanomaly.tribuo.experiment.HostEnvironment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Measures the training and scoring throughput of a Glow on this machine, on generated images.
 * <p>
 * Procedure: build a {@link GlowTrainingSession} ({@link TrainingOptions#paperDefaults()}) and run the
 * data-dependent initialisation on one batch (timed together as the set-up); run {@code --warmup} training steps, the
 * first timed on its own; then {@code --repeats} timed repeats of {@code --train-steps} steps, each giving images per
 * second. Then export the weights, build a {@link GlowScoringSession} with chunk {@code --score-batch}, score once to
 * warm up, and time {@code --repeats} repeats of {@code --score-batches} scoring calls of {@code --score-batch}
 * images. Medians over the repeats are reported. Wall time is {@link System#nanoTime()}.
 * <p>
 * Run the standard configuration (grey 32x32, L=3, K=8, hidden 128, batch 64) with {@code ./flowad bench --json}
 * (options: {@link BenchmarkConfig#parse}).
 * <p>
 * Prefix {@code TF_ENABLE_ONEDNN_OPTS=1} (or {@code =0}) to force oneDNN on (off); it must be set before TensorFlow
 * loads, and its default depends on the CPU. With {@code --json} the program writes only the JSON object of
 * {@link BenchmarkResult#toJson()} to standard output; progress is logged through {@code java.util.logging} and
 * TensorFlow logs to standard error. {@code --usage} lists the options; an invalid option exits with status 2 and a
 * message naming it.
 * <p>
 * Throughput swings by about 2x on a machine shared with other processes; the result records the load average at the
 * start for that reason.
 */
public final class GlowBenchmark {

    private static final Logger logger = Logger.getLogger(GlowBenchmark.class.getName());
    private static final int UNTRACED_PROFILE_STEPS = 5;
    private static final int TRACED_PROFILE_STEPS = 3;

    private GlowBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param config what to measure.
     * @return the measurements.
     */
    public static BenchmarkResult run(BenchmarkConfig config) {
        OptionalDouble loadAtStart = HostEnvironment.loadAverage();
        GlowSpec spec = config.spec();
        logger.info(() -> "Benchmarking " + spec + " with " + config.execution() + ", load average "
                + (loadAtStart.isPresent() ? loadAtStart.getAsDouble() : "unknown"));
        List<ImageBatch> trainBatches = trainingBatches(config);

        long start = System.nanoTime();
        TrainingTimes training;
        TrainingProfile profile;
        GlowWeights weights;
        try (GlowTrainingSession session = new GlowTrainingSession(spec, TrainingOptions.paperDefaults(),
                config.execution(), null)) {
            session.initializeFromData(trainBatches.get(0));
            double setupSeconds = secondsSince(start);
            logger.info(() -> String.format("Set-up (graph build and data-dependent initialisation): %.2f s",
                    setupSeconds));
            training = timeTraining(session, trainBatches, config, setupSeconds);
            profile = config.profile() ? profileTraining(session, trainBatches) : TrainingProfile.none();
            weights = session.exportWeights();
        }
        List<Double> scoreRepeats = timeScoring(spec, weights, config);

        return new BenchmarkResult(config, training.repeats(), scoreRepeats, training.setupSeconds(),
                training.firstStepSeconds(), spec.forwardFlopsPerImage(), HostEnvironment.peakRssMb(), loadAtStart,
                TensorFlowRuntime.oneDnnSetting(), TensorFlowRuntime.version(), Runtime.version().toString(),
                Runtime.getRuntime().availableProcessors(), HostEnvironment.cpuModel(), training.cpu(), profile);
    }

    /**
     * Profiles training steps after the timed ones: {@value #UNTRACED_PROFILE_STEPS} untraced steps for the Java side
     * and the run, then {@value #TRACED_PROFILE_STEPS} traced steps for the node times.
     */
    private static TrainingProfile profileTraining(GlowTrainingSession session, List<ImageBatch> batches) {
        List<StepProfile> untraced = new ArrayList<>();
        for (int i = 0; i < UNTRACED_PROFILE_STEPS; i++) {
            untraced.add(session.profileStep(batches.get(i % batches.size()), false));
        }
        List<StepProfile> traced = new ArrayList<>();
        for (int i = 0; i < TRACED_PROFILE_STEPS; i++) {
            traced.add(session.profileStep(batches.get(i % batches.size()), true));
        }
        return TrainingProfile.of(untraced, traced);
    }

    private static TrainingTimes timeTraining(GlowTrainingSession session, List<ImageBatch> batches,
                                              BenchmarkConfig config, double setupSeconds) {
        long firstStart = System.nanoTime();
        session.step(batches.get(0));
        double firstStepSeconds = secondsSince(firstStart);
        logger.info(() -> String.format("First training step: %.2f s", firstStepSeconds));
        int next = 1;
        for (int i = 1; i < config.warmup(); i++) {
            session.step(batches.get(next++ % batches.size()));
        }
        List<Double> repeats = new ArrayList<>();
        Optional<CpuTimes> cpuBefore = CpuTimes.now();
        for (int r = 0; r < config.repeats(); r++) {
            long repeatStart = System.nanoTime();
            for (int s = 0; s < config.trainSteps(); s++) {
                session.step(batches.get(next++ % batches.size()));
            }
            double imagesPerSecond = (double) config.trainSteps() * config.batch() / secondsSince(repeatStart);
            repeats.add(imagesPerSecond);
            int repeat = r + 1;
            logger.info(() -> String.format("Training repeat %d: %.1f images/s", repeat, imagesPerSecond));
        }
        Optional<CpuTimes> cpuAfter = CpuTimes.now();
        CpuUsage cpu = cpuBefore.isPresent() && cpuAfter.isPresent() ? cpuBefore.get().until(cpuAfter.get())
                : CpuUsage.unknown();
        if (session.skippedSteps() > 0) {
            logger.warning(session.skippedSteps() + " training steps were skipped (non-finite loss or gradient); "
                    + "their cost still counts");
        }
        return new TrainingTimes(setupSeconds, firstStepSeconds, repeats, cpu);
    }

    private static List<Double> timeScoring(GlowSpec spec, GlowWeights weights, BenchmarkConfig config) {
        ImageBatch images = SyntheticImages.generate(config.scoreBatch(), config.size(), config.size(),
                config.channels(), config.seed() * 31 + 7);
        long buildStart = System.nanoTime();
        try (GlowScoringSession session = new GlowScoringSession(spec, weights, config.execution(),
                config.scoreBatch())) {
            checkFinite(session.score(images));
            double warmSeconds = secondsSince(buildStart);
            logger.info(() -> String.format("Scoring set-up and first call: %.2f s", warmSeconds));
            List<Double> repeats = new ArrayList<>();
            for (int r = 0; r < config.repeats(); r++) {
                long repeatStart = System.nanoTime();
                for (int b = 0; b < config.scoreBatches(); b++) {
                    session.score(images);
                }
                double imagesPerSecond = (double) config.scoreBatches() * config.scoreBatch()
                        / secondsSince(repeatStart);
                repeats.add(imagesPerSecond);
                int repeat = r + 1;
                logger.info(() -> String.format("Scoring repeat %d: %.1f images/s", repeat, imagesPerSecond));
            }
            return repeats;
        }
    }

    /** Distinct batches cycled through, so that steps do not see one fixed batch; four are plenty for timing. */
    private static List<ImageBatch> trainingBatches(BenchmarkConfig config) {
        List<ImageBatch> batches = new ArrayList<>();
        int count = Math.min(4, config.warmup() + config.trainSteps() * config.repeats());
        for (int i = 0; i < count; i++) {
            batches.add(SyntheticImages.generate(config.batch(), config.size(), config.size(), config.channels(),
                    config.seed() * 31 + i));
        }
        return batches;
    }

    private static void checkFinite(LevelScores scores) {
        double bitsPerDim = scores.meanBitsPerDim();
        if (!Double.isFinite(bitsPerDim)) {
            logger.warning("Scores are not finite after training; the throughput is still measured");
        } else {
            logger.log(Level.FINE, "Mean bits per dimension of the scoring images: {0}", bitsPerDim);
        }
    }

    private static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Training measurements before scoring. */
    private record TrainingTimes(double setupSeconds, double firstStepSeconds, List<Double> repeats, CpuUsage cpu) {
    }
}
