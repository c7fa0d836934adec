package io.github.flowanomaly.tf;

/**
 * The full state of a training session, for checkpoints: weights, optimiser state (Adamax moments and step count)
 * and the step counters.
 *
 * @param weights      the model weights.
 * @param optimizer    the optimiser's variables by name.
 * @param appliedSteps applied steps so far.
 * @param skippedSteps skipped steps so far.
 * @param noiseDraws   dequantisation noise batches drawn so far (the noise stream continues from here).
 */
public record TrainingState(GlowWeights weights, GlowWeights optimizer, long appliedSteps, long skippedSteps,
                            long noiseDraws) {
}
