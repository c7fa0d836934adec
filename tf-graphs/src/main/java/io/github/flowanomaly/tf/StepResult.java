package io.github.flowanomaly.tf;

/**
 * The outcome of one training step.
 *
 * @param loss          the total loss (mean NLL in nats plus any outlier loss).
 * @param bitsPerDim    the mean bits per dimension of the in-distribution batch (dequantised with noise).
 * @param applied       whether the update was applied (false when the loss or a gradient was not finite).
 * @param appliedSteps  the number of applied steps so far, this one included.
 * @param skippedSteps  the number of skipped steps so far, this one included.
 */
public record StepResult(double loss, double bitsPerDim, boolean applied, long appliedSteps, long skippedSteps) {
}
