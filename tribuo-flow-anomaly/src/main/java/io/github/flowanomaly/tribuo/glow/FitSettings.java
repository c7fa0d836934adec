package io.github.flowanomaly.tribuo.glow;

/**
 * How long and in what batches a Glow is trained.
 *
 * @param epochs             maximum number of passes over the training images.
 * @param maxSteps           maximum number of steps (0: no limit).
 * @param timeBudgetSeconds  stop after this much training time (0: no limit).
 * @param batchSize          images per step.
 * @param initExamples       images for the data-dependent initialisation (the paper's code: 704).
 * @param maxSkippedFraction stop with an error when more than this fraction of steps is skipped for non-finite
 *                           values (checked after 20 steps).
 * @param progressEverySteps report progress every this many steps.
 */
public record FitSettings(int epochs, long maxSteps, double timeBudgetSeconds, int batchSize, int initExamples,
                          double maxSkippedFraction, int progressEverySteps) {

    /**
     * Validates the values.
     *
     * @throws IllegalArgumentException naming the invalid field.
     */
    public FitSettings {
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be > 0, found " + epochs);
        }
        if (maxSteps < 0) {
            throw new IllegalArgumentException("maxSteps must be >= 0, found " + maxSteps);
        }
        if (!(timeBudgetSeconds >= 0)) {
            throw new IllegalArgumentException("timeBudgetSeconds must be >= 0, found " + timeBudgetSeconds);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, found " + batchSize);
        }
        if (initExamples < 2) {
            throw new IllegalArgumentException("initExamples must be >= 2, found " + initExamples);
        }
        if (!(maxSkippedFraction >= 0 && maxSkippedFraction <= 1)) {
            throw new IllegalArgumentException("maxSkippedFraction must be in [0, 1], found " + maxSkippedFraction);
        }
        if (progressEverySteps <= 0) {
            throw new IllegalArgumentException("progressEverySteps must be > 0, found " + progressEverySteps);
        }
    }
}
