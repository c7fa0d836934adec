package io.github.flowanomaly.tribuo.evaluation;

import com.oracle.labs.mlrg.olcut.util.Pair;
import io.github.flowanomaly.tf.LevelScores;
import io.github.flowanomaly.tribuo.detectors.BackgroundRatioModel;
import io.github.flowanomaly.tribuo.detectors.ComplexityCorrectedModel;
import io.github.flowanomaly.tribuo.detectors.GlowPairModel;
import io.github.flowanomaly.tf.ImageBatch;
import io.github.flowanomaly.tribuo.glow.FlowAnomalyModel;
import io.github.flowanomaly.tribuo.glow.GlowModel;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.anomaly.Event;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-image scores of an anomaly model as a table, the same for every consumer ({@code flowad score}'s CSV, the
 * Spark batch job): the anomaly score (higher = more anomalous), the decision, and the columns that explain the
 * score for the model's class, in a fixed order —
 * <ul>
 *   <li>a Glow: {@code bits_per_dim}, {@code log_likelihood}, {@code level_<s>_log_likelihood};</li>
 *   <li>a pair of Glows (likelihood or background ratio): both Glows' log-likelihoods and bits/dim, then per level
 *       {@code in_distribution_level_<s>_log_likelihood} and {@code <reference>_level_<s>_log_likelihood}, where the
 *       reference is {@code general} or {@code background};</li>
 *   <li>a complexity-corrected model: {@code bits_per_dim}, {@code png_bits_per_dim};</li>
 *   <li>any other anomaly model: {@code raw_score} (the model's own score) when its orientation is not already
 *       higher = more anomalous.</li>
 * </ul>
 *
 * @param columns   the explaining columns.
 * @param scores    the anomaly score per image.
 * @param decisions the predicted event type per image ({@code ANOMALOUS} or {@code EXPECTED}).
 * @param values    per image, one value per column.
 */
public record ScoreTable(List<Column> columns, double[] scores, List<String> decisions, double[][] values) {

    /**
     * One explaining column.
     *
     * @param name     the column name.
     * @param decimals decimals a text rendering keeps.
     */
    public record Column(String name, int decimals) {
    }

    /** Decimals of the anomaly score in a text rendering. */
    public static final int SCORE_DECIMALS = 6;

    /**
     * Validates the sizes.
     *
     * @throws IllegalArgumentException if the per-image arrays differ in length or a row has the wrong width.
     */
    public ScoreTable {
        columns = List.copyOf(columns);
        decisions = List.copyOf(decisions);
        if (decisions.size() != scores.length || values.length != scores.length) {
            throw new IllegalArgumentException("scores, decisions and values must have one entry per image, found "
                    + scores.length + ", " + decisions.size() + ", " + values.length);
        }
        for (double[] row : values) {
            if (row.length != columns.size()) {
                throw new IllegalArgumentException("every row needs " + columns.size() + " values, found "
                        + row.length);
            }
        }
    }

    /**
     * The explaining columns a model's table has, without scoring anything (e.g. to declare an output schema).
     *
     * @param model       the model.
     * @param orientation what the model's scores mean (see {@link ScoreOrientation#resolve}).
     * @param levels      the number of Glow levels (ignored for models without a Glow).
     * @return the columns.
     */
    public static List<Column> columnsOf(Model<Event> model, ScoreOrientation orientation, int levels) {
        List<Column> columns = new ArrayList<>();
        if (model instanceof GlowModel) {
            columns.add(new Column("bits_per_dim", 6));
            columns.add(new Column("log_likelihood", 4));
            for (int level = 0; level < levels; level++) {
                columns.add(new Column("level_" + level + "_log_likelihood", 4));
            }
        } else if (model instanceof GlowPairModel pair) {
            String reference = reference(pair);
            columns.add(new Column("in_distribution_log_likelihood", 4));
            columns.add(new Column(reference + "_log_likelihood", 4));
            columns.add(new Column("in_distribution_bits_per_dim", 6));
            columns.add(new Column(reference + "_bits_per_dim", 6));
            for (int level = 0; level < levels; level++) {
                columns.add(new Column("in_distribution_level_" + level + "_log_likelihood", 4));
                columns.add(new Column(reference + "_level_" + level + "_log_likelihood", 4));
            }
        } else if (model instanceof ComplexityCorrectedModel) {
            columns.add(new Column("bits_per_dim", 6));
            columns.add(new Column("png_bits_per_dim", 6));
        } else if (orientation != ScoreOrientation.HIGHER_IS_ANOMALOUS) {
            columns.add(new Column("raw_score", 6));
        }
        return columns;
    }

    /**
     * Scores images. A Glow, a pair of Glows or a complexity-corrected model runs each of its Glows once per image: the
     * predictions and the explaining columns come from the same log-likelihoods (the predictions are those of
     * {@link Model#predict(Iterable)}, bit for bit); any other model is asked for its predictions.
     *
     * @param model       the model.
     * @param orientation what the model's scores mean (see {@link ScoreOrientation#resolve}).
     * @param examples    the images.
     * @return the table, in example order.
     */
    public static ScoreTable of(Model<Event> model, ScoreOrientation orientation,
                                List<Example<Event>> examples) {
        if (model instanceof GlowModel || model instanceof GlowPairModel || model instanceof ComplexityCorrectedModel) {
            return ofFlowModel((FlowAnomalyModel) model, orientation, examples);
        }
        List<Prediction<Event>> predictions = model.predict(examples);
        boolean raw = orientation != ScoreOrientation.HIGHER_IS_ANOMALOUS;
        double[][] values = new double[predictions.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = raw ? new double[]{predictions.get(i).getOutput().getScore()} : new double[0];
        }
        return table(columnsOf(model, orientation, 0), predictions, orientation, values);
    }

    private static ScoreTable ofFlowModel(FlowAnomalyModel model, ScoreOrientation orientation,
                                          List<Example<Event>> examples) {
        ImageBatch batch = model.pixelMapper().toBatch(examples, 0);
        List<LevelScores> glows = new ArrayList<>();
        for (int g = 0; g < model.scoredGlows().size(); g++) {
            glows.add(model.glowLogLikelihoods(g, batch));
        }
        List<Prediction<Event>> predictions = model.predictions(examples, model.anomalyScores(glows, batch));
        int n = predictions.size();
        int levels = glows.get(0).levels();
        double[][] values = new double[n][];
        if (model instanceof GlowPairModel) {
            LevelScores in = glows.get(0);
            LevelScores reference = glows.get(1);
            for (int i = 0; i < n; i++) {
                double[] row = new double[4 + 2 * levels];
                row[0] = in.logLikelihood(i);
                row[1] = reference.logLikelihood(i);
                row[2] = in.bitsPerDim(i);
                row[3] = reference.bitsPerDim(i);
                for (int level = 0; level < levels; level++) {
                    row[4 + 2 * level] = in.levelLogLikelihood(i, level);
                    row[5 + 2 * level] = reference.levelLogLikelihood(i, level);
                }
                values[i] = row;
            }
        } else if (model instanceof ComplexityCorrectedModel complexity) {
            values = complexity.terms(glows.get(0), batch);
        } else { // a GlowModel
            LevelScores s = glows.get(0);
            for (int i = 0; i < n; i++) {
                double[] row = new double[2 + levels];
                row[0] = s.bitsPerDim(i);
                row[1] = s.logLikelihood(i);
                for (int level = 0; level < levels; level++) {
                    row[2 + level] = s.levelLogLikelihood(i, level);
                }
                values[i] = row;
            }
        }
        return table(columnsOf(model, orientation, levels), predictions, orientation, values);
    }

    private static ScoreTable table(List<Column> columns, List<Prediction<Event>> predictions,
                                    ScoreOrientation orientation, double[][] values) {
        double[] scores = new double[predictions.size()];
        List<String> decisions = new ArrayList<>(predictions.size());
        for (Prediction<Event> p : predictions) {
            Event e = p.getOutput();
            scores[decisions.size()] = orientation.toAnomalyScore(e.getScore());
            decisions.add(e.getType().toString());
        }
        return new ScoreTable(columns, scores, decisions, values);
    }

    /** @return the number of images. */
    public int size() {
        return scores.length;
    }

    private static String reference(GlowPairModel pair) {
        return pair instanceof BackgroundRatioModel ? "background" : "general";
    }
}
