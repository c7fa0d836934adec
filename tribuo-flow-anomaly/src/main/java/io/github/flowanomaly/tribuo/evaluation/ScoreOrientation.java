package io.github.flowanomaly.tribuo.evaluation;

/**
 * What a detector's {@link org.tribuo.anomaly.Event#getScore()} means, so that scores can be turned into this
 * library's convention (higher = more anomalous) before computing OOD metrics.
 */
public enum ScoreOrientation {
    /** Higher scores mean more anomalous (every detector of this library). Scores are used as given. */
    HIGHER_IS_ANOMALOUS,
    /**
     * Higher scores mean more normal, e.g. Tribuo's LibSVM one-class model, whose decision value is positive for
     * normal points. Scores are negated.
     */
    HIGHER_IS_NORMAL;

    /**
     * Converts a detector score into an anomaly score (higher = more anomalous).
     *
     * @param score the detector's score.
     * @return the anomaly score.
     */
    public double toAnomalyScore(double score) {
        return this == HIGHER_IS_ANOMALOUS ? score : -score;
    }
}
