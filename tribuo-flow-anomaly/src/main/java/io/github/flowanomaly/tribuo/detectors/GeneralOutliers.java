package io.github.flowanomaly.tribuo.detectors;

import io.github.flowanomaly.tf.CounterSeeds;
import io.github.flowanomaly.tf.GlowScoringSession;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.GlowTrainingSession;
import io.github.flowanomaly.tf.ImageBatch;
import io.github.flowanomaly.tribuo.glow.BatchAugmentation;
import io.github.flowanomaly.tribuo.impl.OutlierBatches;

import java.util.SplittableRandom;

/**
 * Outlier batches for the outlier loss: a fresh random batch (without replacement within the batch) of
 * general-distribution images per step, chosen by a random stream derived from a seed and the session's step count (so
 * a run resumed from a checkpoint draws the same batches as an uninterrupted one), dequantised by the session being trained and, for the class loss, scored by
 * the frozen general model in its own session (the margin loss does not use the general model, so its batches carry
 * no general log-likelihoods).
 */
final class GeneralOutliers implements OutlierBatches {

    private final ImageBatch pool;
    private final GlowSpec spec;
    private final GlowScoringSession general;
    private final BatchAugmentation augmentation;
    private final long seed;
    private final long augmentationSeed;

    /**
     * @param general      the frozen general model, or null when the loss does not use it (margin loss).
     * @param augmentation what is done to each outlier batch before dequantisation.
     * @param seed         the seed of the batch choices (and of the augmentation draws).
     */
    GeneralOutliers(ImageBatch pool, GlowSpec spec, GlowScoringSession general, BatchAugmentation augmentation,
                    long seed) {
        this.pool = pool;
        this.spec = spec;
        this.general = general;
        this.augmentation = augmentation;
        this.seed = seed;
        this.augmentationSeed = CounterSeeds.of(seed, -1);
    }

    @Override
    public Batch next(GlowTrainingSession session, int size) {
        int n = Math.min(size, pool.count());
        long step = session.appliedSteps() + session.skippedSteps();
        SplittableRandom rng = new SplittableRandom(CounterSeeds.of(seed, step));
        int[] chosen = rng.ints(0, pool.count()).distinct().limit(n).toArray();
        int dimensions = spec.dimensions();
        float[] pixels = new float[n * dimensions];
        for (int i = 0; i < n; i++) {
            System.arraycopy(pool.pixels(), chosen[i] * dimensions, pixels, i * dimensions, dimensions);
        }
        ImageBatch batch = new ImageBatch(pixels, n);
        augmentation.apply(batch, spec, augmentationSeed, step);
        float[] x = session.dequantizeForTraining(batch);
        return new Batch(x, general == null ? null : general.scoreModelInputs(x, n).logLikelihoods());
    }
}
