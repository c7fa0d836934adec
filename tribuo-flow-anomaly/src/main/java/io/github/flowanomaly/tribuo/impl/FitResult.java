package io.github.flowanomaly.tribuo.impl;

import io.github.flowanomaly.tf.GlowWeights;
import io.github.flowanomaly.tf.Precision;

/**
 * The outcome of training one Glow.
 *
 * @param weights            the trained weights.
 * @param appliedSteps       Adamax steps applied.
 * @param skippedSteps       steps skipped because the loss or a gradient was not finite.
 * @param epochs             epochs started.
 * @param trainingSeconds    wall-clock seconds of the training loop (initialisation included).
 * @param finalBitsPerDim    mean training bits/dim over the last steps.
 * @param precision          the precision training computed in (FP32 or BF16_COUPLING).
 */
public record FitResult(GlowWeights weights, long appliedSteps, long skippedSteps, int epochs,
                        double trainingSeconds, double finalBitsPerDim, Precision precision) {
}
