package io.github.flowanomaly.tribuo.impl;

import io.github.flowanomaly.tf.GlowTrainingSession;

/**
 * Supplies a fresh batch of general-distribution images ("outliers") with their general-model log-likelihoods for
 * each outlier-loss training step.
 */
public interface OutlierBatches {

    /**
     * An outlier batch in model space and the frozen general model's log-likelihoods of exactly those inputs.
     *
     * @param modelInputs           dequantised inputs, NHWC.
     * @param generalLogLikelihoods {@code ln p_gen} per image, or null for a loss that does not use the general model
     *                              (the margin loss).
     */
    record Batch(float[] modelInputs, float[] generalLogLikelihoods) {
    }

    /**
     * Draws the next batch.
     *
     * @param session the session being trained (its noise source dequantises the outliers).
     * @param size    the number of images.
     * @return the batch.
     */
    Batch next(GlowTrainingSession session, int size);
}
