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
     * The orientation of the anomaly models this library knows: its own (higher = more anomalous) and Tribuo's
     * LibSVM and LibLinear one-class models (decision values, positive for normal points).
     *
     * @param model a model.
     * @return its orientation, or empty for a model class this library does not know.
     */
    public static java.util.Optional<ScoreOrientation> of(org.tribuo.Model<?> model) {
        if (model instanceof io.github.flowanomaly.tribuo.glow.FlowAnomalyModel) {
            return java.util.Optional.of(HIGHER_IS_ANOMALOUS);
        }
        if (model instanceof org.tribuo.common.libsvm.LibSVMModel
                || model instanceof org.tribuo.common.liblinear.LibLinearModel) {
            return java.util.Optional.of(HIGHER_IS_NORMAL);
        }
        return java.util.Optional.empty();
    }

    /**
     * The orientation of a model, or the one given for a model class this library does not know.
     *
     * @param model  a model.
     * @param given  the orientation the user gave, or null.
     * @return the orientation.
     * @throws IllegalArgumentException if the model class is unknown and no orientation is given, or the given one
     *                                  contradicts the known one.
     */
    public static ScoreOrientation resolve(org.tribuo.Model<?> model, ScoreOrientation given) {
        java.util.Optional<ScoreOrientation> known = of(model);
        if (known.isPresent()) {
            if (given != null && given != known.get()) {
                throw new IllegalArgumentException(model.getClass().getSimpleName() + " scores are "
                        + known.get() + ", not " + given + "; leave out --orientation");
            }
            return known.get();
        }
        if (given == null) {
            throw new IllegalArgumentException("Unknown anomaly model class " + model.getClass().getName()
                    + ": pass --orientation HIGHER_IS_ANOMALOUS or HIGHER_IS_NORMAL (what its Event scores mean)");
        }
        return given;
    }

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
