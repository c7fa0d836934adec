package io.github.flowanomaly.tf;

/**
 * Optimisation settings of a Glow training session (Adamax with coupled weight decay, as the paper's code).
 *
 * @param learningRate the Adamax learning rate (paper: 5e-4).
 * @param weightDecay  coupled L2 weight decay added to the gradients (paper: 5e-5).
 * @param warmupSteps  linear learning-rate warm-up over this many applied steps (paper: 0, none).
 * @param decaySteps   cosine decay of the learning rate over this many applied steps after the warm-up, from
 *                     {@code learningRate} to {@code learningRate * finalLearningRateFraction} (0: constant, the
 *                     paper's choice); the rate stays at the final value after that.
 * @param finalLearningRateFraction the learning rate at the end of the decay as a fraction of the peak, in [0, 1].
 * @param beta1        Adamax β1 (0.9).
 * @param beta2        Adamax β2 (0.999).
 * @param epsilon      Adamax ε (1e-8, PyTorch's placement inside the max).
 * @param outlierLoss  the outlier loss for fine-tuning (none for plain training).
 */
public record TrainingOptions(double learningRate, double weightDecay, int warmupSteps, int decaySteps,
                              double finalLearningRateFraction, double beta1, double beta2, double epsilon,
                              OutlierLoss outlierLoss) {

    /**
     * Validates the values.
     *
     * @throws IllegalArgumentException naming the invalid field.
     */
    public TrainingOptions {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be finite and > 0, found " + learningRate);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be finite and >= 0, found " + weightDecay);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmupSteps must be >= 0, found " + warmupSteps);
        }
        if (decaySteps < 0) {
            throw new IllegalArgumentException("decaySteps must be >= 0 (0: no decay), found " + decaySteps);
        }
        if (!(finalLearningRateFraction >= 0 && finalLearningRateFraction <= 1)) {
            throw new IllegalArgumentException("finalLearningRateFraction must be in [0, 1], found "
                    + finalLearningRateFraction);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta1 and beta2 must be in [0, 1), found " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be > 0, found " + epsilon);
        }
        if (outlierLoss == null) {
            throw new IllegalArgumentException("outlierLoss must not be null (use OutlierLoss.none())");
        }
    }

    /**
     * The paper's code's settings: Adamax lr 5e-4, weight decay 5e-5, no warm-up, no outlier loss.
     *
     * @return the settings.
     */
    public static TrainingOptions paperDefaults() {
        return new TrainingOptions(5e-4, 5e-5, 0, 0, 0, 0.9, 0.999, 1e-8, OutlierLoss.none());
    }

    /**
     * The learning rate of the given applied step (1-based): {@code learningRate * step / warmupSteps} during the
     * warm-up, then {@code learningRate * (f + (1 - f) * (1 + cos(pi * t)) / 2)} with
     * {@code t = min(1, (step - warmupSteps) / decaySteps)} and {@code f = finalLearningRateFraction} (the peak rate
     * when there is no decay). A function of the step alone, so a resumed run follows the same schedule.
     *
     * @param step the step about to be applied, starting at 1.
     * @return the learning rate.
     */
    public double learningRateAt(long step) {
        if (warmupSteps > 0 && step < warmupSteps) {
            return learningRate * Math.max(step, 1) / warmupSteps;
        }
        if (decaySteps == 0) {
            return learningRate;
        }
        double t = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
        double f = finalLearningRateFraction;
        return learningRate * (f + (1 - f) * 0.5 * (1 + Math.cos(Math.PI * t)));
    }

    /**
     * The settings as text, in the form of earlier versions when the learning rate does not decay (checkpoint
     * fingerprints of such runs stay as they were).
     *
     * @return the text.
     */
    @Override
    public String toString() {
        String decay = decaySteps == 0 ? "" : ", decaySteps=" + decaySteps + ", finalLearningRateFraction="
                + finalLearningRateFraction;
        return "TrainingOptions[learningRate=" + learningRate + ", weightDecay=" + weightDecay + ", warmupSteps="
                + warmupSteps + decay + ", beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon
                + ", outlierLoss=" + outlierLoss + "]";
    }
}
