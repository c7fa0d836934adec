package io.github.flowanomaly.tribuo.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The threshold-free metrics of one detector on one in-distribution set against one OOD set (see
 * {@link OodMetrics} for the definitions).
 *
 * @param oodName    the name of the OOD set.
 * @param nIn        the number of in-distribution examples.
 * @param nOod       the number of OOD examples.
 * @param auroc      the AUROC, OOD positive.
 * @param auprIn     the average precision with in-distribution positive.
 * @param auprOut    the average precision with OOD positive.
 * @param fprAt95Tpr the fraction of in-distribution examples flagged when 95% of the OOD examples are.
 */
public record OodResult(String oodName, int nIn, int nOod, double auroc, double auprIn, double auprOut,
                        double fprAt95Tpr) {

    /**
     * Validates the fields.
     *
     * @param oodName    the name of the OOD set.
     * @param nIn        the number of in-distribution examples.
     * @param nOod       the number of OOD examples.
     * @param auroc      the AUROC.
     * @param auprIn     the AUPR-In.
     * @param auprOut    the AUPR-Out.
     * @param fprAt95Tpr the FPR at 95% TPR.
     */
    public OodResult {
        Objects.requireNonNull(oodName, "oodName");
        if (nIn <= 0 || nOod <= 0) {
            throw new IllegalArgumentException("nIn and nOod must be positive, found " + nIn + " and " + nOod);
        }
    }

    /**
     * Computes every metric from anomaly scores (higher = more anomalous).
     *
     * @param oodName   the name of the OOD set.
     * @param inScores  anomaly scores of the in-distribution examples.
     * @param oodScores anomaly scores of the OOD examples.
     * @return the result.
     * @throws IllegalArgumentException if an array is empty or contains NaN.
     */
    public static OodResult of(String oodName, double[] inScores, double[] oodScores) {
        return new OodResult(oodName, inScores.length, oodScores.length,
                OodMetrics.auroc(inScores, oodScores),
                OodMetrics.auprIn(inScores, oodScores),
                OodMetrics.auprOut(inScores, oodScores),
                OodMetrics.fprAt95Tpr(inScores, oodScores));
    }

    /**
     * Returns the fields as an insertion-ordered map of JSON-friendly values, keyed {@code ood}, {@code n_in},
     * {@code n_ood}, {@code auroc}, {@code aupr_in}, {@code aupr_out}, {@code fpr_at_95_tpr}.
     *
     * @return a mutable map.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("ood", oodName);
        map.put("n_in", nIn);
        map.put("n_ood", nOod);
        map.put("auroc", auroc);
        map.put("aupr_in", auprIn);
        map.put("aupr_out", auprOut);
        map.put("fpr_at_95_tpr", fprAt95Tpr);
        return map;
    }
}
