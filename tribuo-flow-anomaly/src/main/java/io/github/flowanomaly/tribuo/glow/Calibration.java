package io.github.flowanomaly.tribuo.glow;

import io.github.flowanomaly.tribuo.impl.Quantiles;
import io.github.flowanomaly.tf.LevelScores;
import io.github.flowanomaly.tribuo.protos.CalibrationProto;

/**
 * The log-likelihoods of held-out in-distribution images and the quantile of their anomaly scores used as the
 * decision threshold. Keeping the per-level log-likelihoods (not only one threshold) lets a model switch its
 * {@link FlowScore} and re-derive the threshold.
 *
 * @param scores   per-level log-likelihoods of the calibration images.
 * @param quantile the quantile in [0, 1] of their anomaly scores that becomes the threshold.
 */
public record Calibration(LevelScores scores, double quantile) implements java.io.Serializable {

    /**
     * Validates the quantile.
     *
     * @throws IllegalArgumentException if the quantile is outside [0, 1] or there are no scores.
     */
    public Calibration {
        if (!(quantile >= 0 && quantile <= 1)) {
            throw new IllegalArgumentException("threshold quantile must be in [0, 1], found " + quantile);
        }
        if (scores.count() == 0) {
            throw new IllegalArgumentException("Calibration needs at least one image");
        }
    }

    /**
     * The decision threshold for a score: the {@link #quantile()} of the calibration images' anomaly scores.
     *
     * @param score the score.
     * @return the threshold.
     */
    public double threshold(FlowScore score) {
        return Quantiles.of(anomalyScores(score), quantile);
    }

    /**
     * The calibration images' anomaly scores.
     *
     * @param score the score.
     * @return one score per calibration image.
     */
    public double[] anomalyScores(FlowScore score) {
        double[] values = new double[scores.count()];
        LevelStatistics reference = statistics();
        for (int i = 0; i < values.length; i++) {
            values[i] = score.score(scores, i, reference);
        }
        return values;
    }

    /** @return the per-level statistics of the calibration images (the reference of the typicality score). */
    public LevelStatistics statistics() {
        return LevelStatistics.of(scores);
    }

    /** @return the protobuf form. */
    public CalibrationProto toProto() {
        CalibrationProto.Builder b = CalibrationProto.newBuilder().setCount(scores.count())
                .setLevels(scores.levels()).setQuantile(quantile);
        for (float v : scores.levelLogLikelihoods()) {
            b.addLevelLogLikelihoods(v);
        }
        return b.build();
    }

    /**
     * Reads the protobuf form.
     *
     * @param proto      the message.
     * @param dimensions input dimensions D of the model.
     * @return the calibration.
     */
    public static Calibration fromProto(CalibrationProto proto, int dimensions) {
        float[] levels = new float[proto.getLevelLogLikelihoodsCount()];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = proto.getLevelLogLikelihoods(i);
        }
        if (levels.length != proto.getCount() * proto.getLevels()) {
            throw new IllegalArgumentException("Calibration proto has " + levels.length + " values, expected "
                    + proto.getCount() + "x" + proto.getLevels());
        }
        return new Calibration(LevelScores.fromLevels(proto.getCount(), proto.getLevels(), dimensions, levels),
                proto.getQuantile());
    }
}
