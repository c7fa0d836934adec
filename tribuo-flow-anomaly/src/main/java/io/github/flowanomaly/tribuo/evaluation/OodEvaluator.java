package io.github.flowanomaly.tribuo.evaluation;

import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.anomaly.AnomalyFactory;
import org.tribuo.anomaly.Event;
import org.tribuo.anomaly.Event.EventType;
import org.tribuo.anomaly.evaluation.AnomalyEvaluation;
import org.tribuo.anomaly.evaluation.AnomalyEvaluator;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates an anomaly detector (a Tribuo {@code Model<Event>}) as an out-of-distribution detector: an
 * in-distribution set against one or more named OOD sets.
 * <p>
 * For every OOD set it computes
 * <ul>
 *     <li>the threshold-free {@link OodMetrics} on the scores {@code prediction.getOutput().getScore()}, turned
 *     into anomaly scores (higher = more anomalous) by the evaluator's {@link ScoreOrientation};</li>
 *     <li>Tribuo's thresholded {@link AnomalyEvaluation} of the predicted {@link EventType}s on the union of the
 *     in-distribution set and the OOD set.</li>
 * </ul>
 * Ground truth is set membership: in-distribution examples are {@link EventType#EXPECTED}, OOD examples
 * {@link EventType#ANOMALOUS}, whatever output the examples carry. Predictions whose example already carries the
 * right ground truth are passed to Tribuo as they are; the others (e.g. an OOD set loaded with unknown outputs)
 * are relabelled on a copy of their example.
 */
public final class OodEvaluator {

    private final ScoreOrientation orientation;

    /**
     * Creates an evaluator for a detector whose score is an anomaly score (higher = more anomalous).
     */
    public OodEvaluator() {
        this(ScoreOrientation.HIGHER_IS_ANOMALOUS);
    }

    /**
     * Creates an evaluator.
     *
     * @param orientation what the detector's score means.
     */
    public OodEvaluator(ScoreOrientation orientation) {
        this.orientation = Objects.requireNonNull(orientation, "orientation");
    }

    /**
     * Returns what this evaluator takes the detector's score to mean.
     *
     * @return the score orientation.
     */
    public ScoreOrientation getOrientation() {
        return orientation;
    }

    /**
     * Scores the in-distribution set and each OOD set with the model and evaluates it.
     *
     * @param model              the detector.
     * @param inDistributionName the name of the in-distribution set.
     * @param inDistribution     the in-distribution examples.
     * @param oodSets            the OOD sets by name, evaluated in the map's iteration order.
     * @return the evaluation.
     * @throws IllegalArgumentException if a set is empty or a score is NaN.
     */
    public OodEvaluation evaluate(Model<Event> model, String inDistributionName, Dataset<Event> inDistribution,
                                  Map<String, ? extends Dataset<Event>> oodSets) {
        Map<String, List<Prediction<Event>>> oodPredictions = new LinkedHashMap<>();
        oodSets.forEach((name, dataset) -> oodPredictions.put(name, model.predict(dataset)));
        return evaluate(model, inDistributionName, model.predict(inDistribution), oodPredictions);
    }

    /**
     * Evaluates precomputed predictions of the model.
     *
     * @param model              the detector that made the predictions (Tribuo's evaluator records its provenance).
     * @param inDistributionName the name of the in-distribution set.
     * @param inDistribution     the predictions on the in-distribution examples.
     * @param oodSets            the predictions on each OOD set by name, evaluated in the map's iteration order.
     * @return the evaluation.
     * @throws IllegalArgumentException if there is no OOD set, a set is empty or a score is NaN.
     */
    public OodEvaluation evaluate(Model<Event> model, String inDistributionName,
                                  List<Prediction<Event>> inDistribution,
                                  Map<String, List<Prediction<Event>>> oodSets) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(inDistributionName, "inDistributionName");
        if (oodSets.isEmpty()) {
            throw new IllegalArgumentException("At least one OOD set is needed");
        }
        double[] inScores = anomalyScores(inDistribution, inDistributionName);
        List<Prediction<Event>> inLabelled = withGroundTruth(inDistribution, AnomalyFactory.EXPECTED_EVENT);
        AnomalyEvaluator anomalyEvaluator = new AnomalyEvaluator();
        List<OodResult> results = new ArrayList<>();
        Map<String, AnomalyEvaluation> thresholded = new LinkedHashMap<>();
        for (Map.Entry<String, List<Prediction<Event>>> oodSet : oodSets.entrySet()) {
            String oodName = oodSet.getKey();
            results.add(OodResult.of(oodName, inScores, anomalyScores(oodSet.getValue(), oodName)));
            List<Prediction<Event>> union = new ArrayList<>(inLabelled);
            union.addAll(withGroundTruth(oodSet.getValue(), AnomalyFactory.ANOMALOUS_EVENT));
            SimpleDataSourceProvenance provenance = new SimpleDataSourceProvenance(
                    inDistributionName + " (expected) + " + oodName + " (anomalous)", new AnomalyFactory());
            thresholded.put(oodName, anomalyEvaluator.evaluate(model, union, provenance));
        }
        return new OodEvaluation(detectorName(model), inDistributionName, results, thresholded);
    }

    private double[] anomalyScores(List<Prediction<Event>> predictions, String setName) {
        if (predictions.isEmpty()) {
            throw new IllegalArgumentException("Set '" + setName + "' has no predictions");
        }
        double[] scores = new double[predictions.size()];
        for (int i = 0; i < scores.length; i++) {
            double score = predictions.get(i).getOutput().getScore();
            if (Double.isNaN(score)) {
                throw new IllegalArgumentException("The score of prediction " + i + " of set '" + setName
                        + "' is NaN");
            }
            scores[i] = orientation.toAnomalyScore(score);
        }
        return scores;
    }

    private static List<Prediction<Event>> withGroundTruth(List<Prediction<Event>> predictions, Event truth) {
        List<Prediction<Event>> labelled = new ArrayList<>(predictions.size());
        for (Prediction<Event> prediction : predictions) {
            Example<Event> example = prediction.getExample();
            if (example.getOutput().getType() == truth.getType()) {
                labelled.add(prediction);
            } else {
                // Copying the example is costly for images, hence only for mislabelled ones.
                Example<Event> relabelled = new ArrayExample<>(truth, example, example.getWeight());
                labelled.add(new Prediction<>(prediction, prediction.getNumActiveFeatures(), relabelled));
            }
        }
        return labelled;
    }

    private static String detectorName(Model<Event> model) {
        String name = model.getName();
        return name == null || name.isBlank() ? model.getClass().getSimpleName() : name;
    }
}
