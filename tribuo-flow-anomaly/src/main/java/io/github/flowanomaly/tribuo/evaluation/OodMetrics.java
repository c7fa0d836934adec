package io.github.flowanomaly.tribuo.evaluation;

/**
 * Threshold-free out-of-distribution metrics on raw anomaly scores.
 * <p>
 * Every method takes the anomaly scores of the in-distribution examples and of the OOD examples, higher meaning
 * more anomalous. Scores may be {@code +Infinity} (maximally anomalous) or {@code -Infinity} (minimally anomalous);
 * {@code -0.0} and {@code 0.0} are the same score. NaN scores and empty arrays are rejected with an
 * {@link IllegalArgumentException}; the message names the offending array and index.
 * <p>
 * Tied scores are never split by a threshold, and every metric equals its scikit-learn counterpart with OOD
 * labelled 1 (in-distribution labelled 1 for AUPR-In). Each costs O(n log n) for sorting.
 */
public final class OodMetrics {

    private OodMetrics() {}

    /**
     * Area under the ROC curve with OOD as the positive class: the probability that a random OOD example scores
     * higher than a random in-distribution example, ties counting one half,
     * <pre>
     * AUROC = (1 / (n_in n_ood)) Σ_{i ∈ in} Σ_{j ∈ ood} [ 1(s_j &gt; s_i) + ½ 1(s_j = s_i) ]
     * </pre>
     * computed as the Mann-Whitney U statistic of the OOD scores from average ranks (tied scores share the mean
     * of their ranks). Equals {@code sklearn.metrics.roc_auc_score(y, s)} with OOD labelled 1.
     *
     * @param inScores  anomaly scores of in-distribution examples.
     * @param oodScores anomaly scores of OOD examples.
     * @return the AUROC in [0, 1]; 0.5 for a detector no better than chance, 0 for perfectly reversed scores.
     */
    public static double auroc(double[] inScores, double[] oodScores) {
        TiedScoreGroups groups = TiedScoreGroups.of(inScores, oodScores);
        // Twice the ranks keeps average ranks (half-integers) exact in a long.
        long twiceOodRankSum = 0;
        long examplesBelow = 0;
        for (int g = groups.size() - 1; g >= 0; g--) {
            long groupSize = groups.inCount(g) + groups.oodCount(g);
            long twiceAverageRank = 2 * examplesBelow + groupSize + 1;
            twiceOodRankSum += groups.oodCount(g) * twiceAverageRank;
            examplesBelow += groupSize;
        }
        long nOod = groups.totalOod();
        long twiceU = twiceOodRankSum - nOod * (nOod + 1);
        return twiceU / (2.0 * groups.totalIn() * nOod);
    }

    /**
     * Average precision with OOD as the positive class, scores as given (AUPR-Out).
     * <p>
     * With thresholds at the distinct scores in decreasing order, {@code P_k} and {@code R_k} the precision and
     * recall of flagging every example scoring {@code >=} the {@code k}-th threshold, and {@code R_0 = 0}:
     * <pre>
     * AP = Σ_k (R_k − R_{k−1}) P_k
     * </pre>
     * which is {@code sklearn.metrics.average_precision_score(y, s)} with OOD labelled 1 (no interpolation).
     *
     * @param inScores  anomaly scores of in-distribution examples.
     * @param oodScores anomaly scores of OOD examples.
     * @return the AUPR-Out in (0, 1].
     */
    public static double auprOut(double[] inScores, double[] oodScores) {
        TiedScoreGroups groups = TiedScoreGroups.of(inScores, oodScores);
        double weightedPrecisionSum = 0.0;
        long truePositives = 0;
        long falsePositives = 0;
        for (int g = 0; g < groups.size(); g++) {
            truePositives += groups.oodCount(g);
            falsePositives += groups.inCount(g);
            if (groups.oodCount(g) > 0) {
                weightedPrecisionSum += groups.oodCount(g) * (double) truePositives / (truePositives + falsePositives);
            }
        }
        return weightedPrecisionSum / groups.totalOod();
    }

    /**
     * Average precision with in-distribution as the positive class and the scores negated (AUPR-In): the same
     * definition as {@link #auprOut(double[], double[])} with the roles of the two sets swapped, i.e.
     * {@code average_precision_score(y_in, -s)} with in-distribution labelled 1.
     *
     * @param inScores  anomaly scores of in-distribution examples.
     * @param oodScores anomaly scores of OOD examples.
     * @return the AUPR-In in (0, 1].
     */
    public static double auprIn(double[] inScores, double[] oodScores) {
        TiedScoreGroups groups = TiedScoreGroups.of(inScores, oodScores);
        // Negating the scores reverses the group order and keeps the ties, so sweep from the lowest group.
        double weightedPrecisionSum = 0.0;
        long truePositives = 0;
        long falsePositives = 0;
        for (int g = groups.size() - 1; g >= 0; g--) {
            truePositives += groups.inCount(g);
            falsePositives += groups.oodCount(g);
            if (groups.inCount(g) > 0) {
                weightedPrecisionSum += groups.inCount(g) * (double) truePositives / (truePositives + falsePositives);
            }
        }
        return weightedPrecisionSum / groups.totalIn();
    }

    /**
     * False positive rate at 95% true positive rate (FPR@95TPR), OOD being the positive class.
     * <p>
     * Among the points of the ROC curve ({@link #rocCurve(double[], double[])}: a threshold at every distinct
     * score, flagging as OOD every example scoring {@code >=} it) whose TPR — the fraction of OOD examples
     * flagged — is at least 0.95, this returns the least FPR — the fraction of in-distribution examples flagged.
     * As the FPR never decreases when the threshold is lowered, that is the FPR at the highest threshold
     * reaching TPR &ge; 0.95. TPR &ge; 0.95 is tested exactly in integers ({@code 20·TP >= 19·n_ood}), with
     * no interpolation between points, as in the OOD literature (Hendrycks &amp; Gimpel 2017; Liang et al. 2018).
     *
     * @param inScores  anomaly scores of in-distribution examples.
     * @param oodScores anomaly scores of OOD examples.
     * @return the FPR in [0, 1]; 0 when 95% of the OOD examples score above every in-distribution example.
     */
    public static double fprAt95Tpr(double[] inScores, double[] oodScores) {
        TiedScoreGroups groups = TiedScoreGroups.of(inScores, oodScores);
        long nOod = groups.totalOod();
        long truePositives = 0;
        long falsePositives = 0;
        for (int g = 0; g < groups.size(); g++) {
            truePositives += groups.oodCount(g);
            falsePositives += groups.inCount(g);
            if (20 * truePositives >= 19 * nOod) {
                return (double) falsePositives / groups.totalIn();
            }
        }
        throw new IllegalStateException("unreachable: the lowest threshold flags every OOD example");
    }

    /**
     * The full ROC curve with OOD as the positive class: the origin, then one point per distinct score in
     * decreasing order (see {@link RocCurve}). Equals {@code sklearn.metrics.roc_curve(y, s,
     * drop_intermediate=False)} with OOD labelled 1.
     *
     * @param inScores  anomaly scores of in-distribution examples.
     * @param oodScores anomaly scores of OOD examples.
     * @return the ROC curve.
     */
    public static RocCurve rocCurve(double[] inScores, double[] oodScores) {
        TiedScoreGroups groups = TiedScoreGroups.of(inScores, oodScores);
        int points = groups.size() + 1;
        double[] fpr = new double[points];
        double[] tpr = new double[points];
        double[] thresholds = new double[points];
        thresholds[0] = Double.POSITIVE_INFINITY;
        long truePositives = 0;
        long falsePositives = 0;
        for (int g = 0; g < groups.size(); g++) {
            truePositives += groups.oodCount(g);
            falsePositives += groups.inCount(g);
            fpr[g + 1] = (double) falsePositives / groups.totalIn();
            tpr[g + 1] = (double) truePositives / groups.totalOod();
            thresholds[g + 1] = groups.score(g);
        }
        return new RocCurve(fpr, tpr, thresholds);
    }
}
