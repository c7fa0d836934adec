package io.github.flowanomaly.tf;

/**
 * Optimisation settings of a Glow training session (Adamax with coupled weight decay, as the paper's code).
 *
 * @param learningRate the Adamax learning rate (paper: 5e-4).
 * @param weightDecay  coupled L2 weight decay added to the gradients (paper: 5e-5).
 * @param warmupSteps  linear learning-rate warm-up over this many applied steps (paper: 0, none).
 * @param beta1        Adamax β1 (0.9).
 * @param beta2        Adamax β2 (0.999).
 * @param epsilon      Adamax ε (1e-8, PyTorch's placement inside the max).
 * @param outlierLoss  the outlier loss for fine-tuning (none for plain training).
 */
public record TrainingOptions(double learningRate, double weightDecay, int warmupSteps, double beta1, double beta2,
                              double epsilon, OutlierLoss outlierLoss) {

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
        return new TrainingOptions(5e-4, 5e-5, 0, 0.9, 0.999, 1e-8, OutlierLoss.none());
    }

    /**
     * The learning rate of the given applied step (1-based) after warm-up.
     *
     * @param step the step about to be applied, starting at 1.
     * @return the learning rate.
     */
    public double learningRateAt(long step) {
        if (warmupSteps == 0 || step >= warmupSteps) {
            return learningRate;
        }
        return learningRate * Math.max(step, 1) / warmupSteps;
    }
}
