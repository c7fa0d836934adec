package io.github.flowanomaly.tribuo.evaluation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tribuo.classification.evaluation.LabelEvaluationUtil;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OodMetricsTest {

    private static final double TOLERANCE = 1e-12;

    /** Scores rounded to one decimal in [0, 2], so that almost every score is tied with others. */
    private static double[] tiedScores(Random random, int n, double shift) {
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = Math.round(10 * (random.nextDouble() + shift)) / 10.0;
        }
        return scores;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 17, 42})
    void metricsMatchBruteForceOnTiedScores(long seed) {
        Random random = new Random(seed);
        double[] in = tiedScores(random, 50 + random.nextInt(100), 0.0);
        double[] ood = tiedScores(random, 20 + random.nextInt(100), 0.4);
        assertEquals(BruteForce.auroc(in, ood), OodMetrics.auroc(in, ood), TOLERANCE);
        assertEquals(BruteForce.averagePrecision(ood, in), OodMetrics.auprOut(in, ood), TOLERANCE);
        assertEquals(BruteForce.averagePrecision(negate(in), negate(ood)), OodMetrics.auprIn(in, ood), TOLERANCE);
        assertEquals(BruteForce.fprAt95Tpr(in, ood), OodMetrics.fprAt95Tpr(in, ood), TOLERANCE);
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 6, 7})
    void aurocMatchesTribuoWhenTiesAreExact(long seed) {
        // Tribuo's binaryAUCROC also counts ties one half, but merges scores closer than 1e-12; scores rounded to
        // one decimal are either equal or 0.1 apart, so the two agree here.
        Random random = new Random(seed);
        double[] in = tiedScores(random, 80, 0.0);
        double[] ood = tiedScores(random, 60, 0.3);
        boolean[] isOod = new boolean[in.length + ood.length];
        Arrays.fill(isOod, in.length, isOod.length, true);
        double[] all = concat(in, ood);
        assertEquals(LabelEvaluationUtil.binaryAUCROC(isOod, all), OodMetrics.auroc(in, ood), TOLERANCE);
    }

    @Test
    void perfectSeparation() {
        double[] in = {0.1, 0.2, 0.3};
        double[] ood = {0.5, 0.9};
        assertEquals(1.0, OodMetrics.auroc(in, ood));
        assertEquals(1.0, OodMetrics.auprIn(in, ood));
        assertEquals(1.0, OodMetrics.auprOut(in, ood));
        assertEquals(0.0, OodMetrics.fprAt95Tpr(in, ood));
    }

    @Test
    void reversedScores() {
        double[] in = {0.5, 0.9};
        double[] ood = {0.1, 0.2, 0.3};
        assertEquals(0.0, OodMetrics.auroc(in, ood));
        assertEquals(1.0, OodMetrics.fprAt95Tpr(in, ood));
    }

    @Test
    void allTiedIsChance() {
        double[] in = {1.0, 1.0, 1.0};
        double[] ood = {1.0, 1.0};
        assertEquals(0.5, OodMetrics.auroc(in, ood));
        assertEquals(2.0 / 5.0, OodMetrics.auprOut(in, ood), TOLERANCE);
        assertEquals(3.0 / 5.0, OodMetrics.auprIn(in, ood), TOLERANCE);
        assertEquals(1.0, OodMetrics.fprAt95Tpr(in, ood));
    }

    /**
     * scikit-learn's documentation example: y = [0, 0, 1, 1], s = [0.1, 0.4, 0.35, 0.8].
     * AUROC: OOD 0.35 beats 0.1, loses to 0.4; OOD 0.8 beats both: 3/4 (roc_auc_score gives 0.75).
     * AUPR-Out: thresholds 0.8 (P=1, R=1/2), 0.4 (P=1/2, R=1/2), 0.35 (P=2/3, R=1), 0.1 (P=1/2, R=1):
     * 1/2·1 + 1/2·2/3 = 5/6 (average_precision_score gives 0.8333...).
     * AUPR-In on −s: thresholds −0.1 (in; P=1, R=1/2), −0.35 (ood), −0.4 (in; P=2/3, R=1): 5/6 as well.
     * FPR@95TPR: both OOD flagged first at threshold 0.35, which also flags in-dist 0.4: 1/2.
     */
    @Test
    void sklearnDocumentationExample() {
        double[] in = {0.1, 0.4};
        double[] ood = {0.35, 0.8};
        assertEquals(0.75, OodMetrics.auroc(in, ood), TOLERANCE);
        assertEquals(5.0 / 6.0, OodMetrics.auprOut(in, ood), TOLERANCE);
        assertEquals(5.0 / 6.0, OodMetrics.auprIn(in, ood), TOLERANCE);
        assertEquals(0.5, OodMetrics.fprAt95Tpr(in, ood), TOLERANCE);
    }

    /**
     * With a tie: in = [0.2, 0.5], ood = [0.5, 0.9].
     * AUROC: (0.5 vs 0.2) 1 + (0.5 vs 0.5) 1/2 + (0.9 vs both) 2 = 3.5 of 4 pairs: 0.875.
     * AUPR-Out: thresholds 0.9 (P=1, R=1/2), 0.5 (flags 0.9, 0.5, 0.5: P=2/3, R=1): 1/2 + 1/2·2/3 = 5/6.
     * AUPR-In on −s: −0.2 (P=1, R=1/2), −0.5 (P=2/3, R=1): 5/6. FPR@95TPR at threshold 0.5: 1/2.
     */
    @Test
    void handComputedExampleWithTie() {
        double[] in = {0.2, 0.5};
        double[] ood = {0.5, 0.9};
        assertEquals(0.875, OodMetrics.auroc(in, ood), TOLERANCE);
        assertEquals(5.0 / 6.0, OodMetrics.auprOut(in, ood), TOLERANCE);
        assertEquals(5.0 / 6.0, OodMetrics.auprIn(in, ood), TOLERANCE);
        assertEquals(0.5, OodMetrics.fprAt95Tpr(in, ood), TOLERANCE);
    }

    @Test
    void fprAt95TprUsesTheFirstPointReachingExactly95Percent() {
        // 20 OOD examples: 19 detected (TPR exactly 0.95) before any in-distribution example is flagged.
        double[] ood = new double[20];
        for (int i = 0; i < 19; i++) {
            ood[i] = 10 + i;
        }
        ood[19] = -10;
        double[] in = {0, 1, 2, 3};
        assertEquals(0.0, OodMetrics.fprAt95Tpr(in, ood));
        assertEquals(BruteForce.fprAt95Tpr(in, ood), OodMetrics.fprAt95Tpr(in, ood));
    }

    @Test
    void infinitiesAreOrdered() {
        double inf = Double.POSITIVE_INFINITY;
        double[] in = {Double.NEGATIVE_INFINITY, 0.0, 1.0};
        double[] ood = {inf, inf, 2.0};
        assertEquals(1.0, OodMetrics.auroc(in, ood));
        assertEquals(0.0, OodMetrics.fprAt95Tpr(in, ood));
        assertEquals(0.0, OodMetrics.auroc(new double[]{inf}, new double[]{Double.NEGATIVE_INFINITY}));
        // +Inf on both sides is a tie.
        assertEquals(0.5, OodMetrics.auroc(new double[]{inf}, new double[]{inf}));
    }

    @Test
    void negativeZeroTiesWithZero() {
        assertEquals(0.5, OodMetrics.auroc(new double[]{-0.0}, new double[]{0.0}));
    }

    @Test
    void nanIsRejectedWithItsIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OodMetrics.auroc(new double[]{0.1, 0.2}, new double[]{0.3, Double.NaN}));
        assertTrue(e.getMessage().contains("oodScores[1]"), e.getMessage());
    }

    @Test
    void emptyArraysAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OodMetrics.auprOut(new double[0], new double[]{1.0}));
        assertTrue(e.getMessage().contains("inScores is empty"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OodMetrics.fprAt95Tpr(new double[]{1.0}, new double[0]));
    }

    @Test
    void rocCurveOnTies() {
        RocCurve roc = OodMetrics.rocCurve(new double[]{0.2, 0.5}, new double[]{0.5, 0.9});
        assertArrayEquals(new double[]{Double.POSITIVE_INFINITY, 0.9, 0.5, 0.2}, roc.thresholds());
        assertArrayEquals(new double[]{0.0, 0.0, 0.5, 1.0}, roc.fpr());
        assertArrayEquals(new double[]{0.0, 0.5, 1.0, 1.0}, roc.tpr());
    }

    @ParameterizedTest
    @ValueSource(longs = {8, 9})
    void rocCurveAreaIsAuroc(long seed) {
        Random random = new Random(seed);
        double[] in = tiedScores(random, 70, 0.0);
        double[] ood = tiedScores(random, 40, 0.2);
        RocCurve roc = OodMetrics.rocCurve(in, ood);
        double[] fpr = roc.fpr();
        double[] tpr = roc.tpr();
        double trapezoids = 0.0;
        for (int k = 1; k < roc.size(); k++) {
            trapezoids += (fpr[k] - fpr[k - 1]) * (tpr[k] + tpr[k - 1]) / 2;
        }
        assertEquals(OodMetrics.auroc(in, ood), trapezoids, TOLERANCE);
    }

    private static double[] negate(double[] scores) {
        return Arrays.stream(scores).map(s -> -s).toArray();
    }

    private static double[] concat(double[] first, double[] second) {
        double[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    /** Independent O(n²) definitions, written for clarity rather than speed. */
    private static final class BruteForce {

        static double auroc(double[] in, double[] ood) {
            double wins = 0.0;
            for (double o : ood) {
                for (double i : in) {
                    wins += o > i ? 1.0 : o == i ? 0.5 : 0.0;
                }
            }
            return wins / (in.length * (double) ood.length);
        }

        /** Σ (R_k − R_{k−1}) P_k over the distinct thresholds, flagging scores ≥ threshold. */
        static double averagePrecision(double[] positives, double[] negatives) {
            double[] thresholds = distinctDescending(concat(positives, negatives));
            double ap = 0.0;
            double previousRecall = 0.0;
            for (double t : thresholds) {
                long tp = Arrays.stream(positives).filter(s -> s >= t).count();
                long fp = Arrays.stream(negatives).filter(s -> s >= t).count();
                double recall = (double) tp / positives.length;
                ap += (recall - previousRecall) * tp / (tp + fp);
                previousRecall = recall;
            }
            return ap;
        }

        static double fprAt95Tpr(double[] in, double[] ood) {
            double best = Double.POSITIVE_INFINITY;
            for (double t : distinctDescending(concat(in, ood))) {
                double tpr = (double) Arrays.stream(ood).filter(s -> s >= t).count() / ood.length;
                double fpr = (double) Arrays.stream(in).filter(s -> s >= t).count() / in.length;
                if (tpr >= 0.95) {
                    best = Math.min(best, fpr);
                }
            }
            return best;
        }

        static double[] distinctDescending(double[] scores) {
            return Arrays.stream(scores).distinct().boxed().sorted((a, b) -> Double.compare(b, a))
                    .mapToDouble(Double::doubleValue).toArray();
        }
    }
}
