package io.github.flowanomaly.tribuo.glow;

/**
 * How a detector's decision threshold is calibrated.
 *
 * @param heldOutFraction fraction of the training images held out (never trained on) to calibrate, in [0, 1);
 *                        0 calibrates on the training images themselves (biased low).
 * @param quantile        the quantile of the held-out anomaly scores used as threshold, in [0, 1].
 */
public record CalibrationSettings(double heldOutFraction, double quantile) {

    /** The defaults: hold out 10%, threshold at their 99th percentile. */
    public static final CalibrationSettings DEFAULT = new CalibrationSettings(0.1, 0.99);
}
