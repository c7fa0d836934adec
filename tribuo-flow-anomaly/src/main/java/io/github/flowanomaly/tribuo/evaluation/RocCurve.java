package io.github.flowanomaly.tribuo.evaluation;

import java.util.Arrays;

/**
 * A ROC curve of an OOD detector, with OOD as the positive class, for plotting.
 * <p>
 * Point {@code k} flags as OOD every example whose anomaly score is {@code >= thresholds[k]}; {@code fpr[k]} is the
 * fraction of in-distribution examples flagged and {@code tpr[k]} the fraction of OOD examples flagged. Point 0 is
 * the origin {@code (0, 0)}, "flag nothing", with threshold {@link Double#POSITIVE_INFINITY} as in scikit-learn
 * (even when some scores are {@code +Inf}: point 0 never flags them, point 1 does). The remaining points are the
 * distinct scores in decreasing order, with no intermediate point dropped, so the last point is {@code (1, 1)}.
 * <p>
 * The arrays are copied on construction and on access.
 *
 * @param fpr        false positive rates (in-distribution flagged as OOD), non-decreasing.
 * @param tpr        true positive rates (OOD flagged as OOD), non-decreasing.
 * @param thresholds the thresholds, decreasing.
 */
public record RocCurve(double[] fpr, double[] tpr, double[] thresholds) {

    /**
     * Validates that the three arrays have the same length and copies them.
     *
     * @param fpr        false positive rates.
     * @param tpr        true positive rates.
     * @param thresholds thresholds.
     */
    public RocCurve {
        if (fpr.length != tpr.length || fpr.length != thresholds.length) {
            throw new IllegalArgumentException("fpr, tpr and thresholds must have the same length, found "
                    + fpr.length + ", " + tpr.length + ", " + thresholds.length);
        }
        fpr = fpr.clone();
        tpr = tpr.clone();
        thresholds = thresholds.clone();
    }

    /**
     * Returns a copy of the false positive rates.
     *
     * @return the false positive rates.
     */
    @Override
    public double[] fpr() {
        return fpr.clone();
    }

    /**
     * Returns a copy of the true positive rates.
     *
     * @return the true positive rates.
     */
    @Override
    public double[] tpr() {
        return tpr.clone();
    }

    /**
     * Returns a copy of the thresholds.
     *
     * @return the thresholds.
     */
    @Override
    public double[] thresholds() {
        return thresholds.clone();
    }

    /**
     * Returns the number of points on the curve.
     *
     * @return the number of points.
     */
    public int size() {
        return fpr.length;
    }

    /**
     * Compares the contents of the arrays (records compare arrays by reference otherwise).
     *
     * @param other another object.
     * @return true if {@code other} is a {@code RocCurve} with equal arrays.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof RocCurve that && Arrays.equals(fpr, that.fpr) && Arrays.equals(tpr, that.tpr)
                && Arrays.equals(thresholds, that.thresholds);
    }

    /**
     * Hashes the contents of the arrays.
     *
     * @return the hash code.
     */
    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(fpr) + Arrays.hashCode(tpr)) + Arrays.hashCode(thresholds);
    }

    /**
     * Prints the number of points and the arrays.
     *
     * @return a description of the curve.
     */
    @Override
    public String toString() {
        return "RocCurve(points=" + size() + ", fpr=" + Arrays.toString(fpr) + ", tpr=" + Arrays.toString(tpr)
                + ", thresholds=" + Arrays.toString(thresholds) + ")";
    }
}
