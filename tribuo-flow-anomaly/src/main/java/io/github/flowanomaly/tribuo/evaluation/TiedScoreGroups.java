package io.github.flowanomaly.tribuo.evaluation;

import java.util.Arrays;

/**
 * In-distribution and OOD scores merged into groups of equal score, in decreasing score order.
 * <p>
 * Every threshold-free metric is a sweep over these groups: a threshold between two groups flags as OOD exactly the
 * groups above it, and tied examples are never split, which is how scikit-learn treats ties.
 * Building the groups costs one sort of each array, O(n log n).
 */
final class TiedScoreGroups {

    private final double[] scores;
    private final int[] inCounts;
    private final int[] oodCounts;
    private final int totalIn;
    private final int totalOod;

    private TiedScoreGroups(double[] scores, int[] inCounts, int[] oodCounts, int totalIn, int totalOod) {
        this.scores = scores;
        this.inCounts = inCounts;
        this.oodCounts = oodCounts;
        this.totalIn = totalIn;
        this.totalOod = totalOod;
    }

    /**
     * Validates, sorts and groups the scores.
     *
     * @param inScores  anomaly scores of in-distribution examples.
     * @param oodScores anomaly scores of OOD examples.
     * @return the groups.
     * @throws IllegalArgumentException if an array is empty or a score is NaN.
     */
    static TiedScoreGroups of(double[] inScores, double[] oodScores) {
        double[] in = sortedCopy(inScores, "inScores", "in-distribution");
        double[] ood = sortedCopy(oodScores, "oodScores", "out-of-distribution");
        int capacity = in.length + ood.length;
        double[] scores = new double[capacity];
        int[] inCounts = new int[capacity];
        int[] oodCounts = new int[capacity];
        int groups = 0;
        int i = in.length - 1;
        int j = ood.length - 1;
        while (i >= 0 || j >= 0) {
            double score = Math.max(i >= 0 ? in[i] : Double.NEGATIVE_INFINITY,
                    j >= 0 ? ood[j] : Double.NEGATIVE_INFINITY);
            int inCount = 0;
            while (i >= 0 && in[i] == score) {
                inCount++;
                i--;
            }
            int oodCount = 0;
            while (j >= 0 && ood[j] == score) {
                oodCount++;
                j--;
            }
            scores[groups] = score;
            inCounts[groups] = inCount;
            oodCounts[groups] = oodCount;
            groups++;
        }
        return new TiedScoreGroups(Arrays.copyOf(scores, groups), Arrays.copyOf(inCounts, groups),
                Arrays.copyOf(oodCounts, groups), in.length, ood.length);
    }

    private static double[] sortedCopy(double[] scores, String arrayName, String description) {
        if (scores == null) {
            throw new IllegalArgumentException(arrayName + " is null");
        }
        if (scores.length == 0) {
            throw new IllegalArgumentException(arrayName + " is empty: OOD metrics need at least one "
                    + description + " score");
        }
        double[] copy = new double[scores.length];
        for (int k = 0; k < scores.length; k++) {
            if (Double.isNaN(scores[k])) {
                throw new IllegalArgumentException(arrayName + "[" + k + "] is NaN; map non-finite scores to "
                        + "+/-Infinity (or a large finite value) before evaluating");
            }
            // Adding +0.0 turns -0.0 into +0.0: Arrays.sort orders -0.0 before 0.0, which would split a tie.
            copy[k] = scores[k] + 0.0;
        }
        Arrays.sort(copy);
        return copy;
    }

    /** @return the number of groups (distinct scores). */
    int size() {
        return scores.length;
    }

    /** @param group a group index, 0 = highest score. @return the score shared by the group. */
    double score(int group) {
        return scores[group];
    }

    /** @param group a group index. @return the number of in-distribution examples in the group. */
    int inCount(int group) {
        return inCounts[group];
    }

    /** @param group a group index. @return the number of OOD examples in the group. */
    int oodCount(int group) {
        return oodCounts[group];
    }

    /** @return the number of in-distribution examples. */
    int totalIn() {
        return totalIn;
    }

    /** @return the number of OOD examples. */
    int totalOod() {
        return totalOod;
    }
}
