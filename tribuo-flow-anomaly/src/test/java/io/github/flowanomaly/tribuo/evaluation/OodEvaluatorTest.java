package io.github.flowanomaly.tribuo.evaluation;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.anomaly.AnomalyFactory;
import org.tribuo.anomaly.Event;
import org.tribuo.anomaly.evaluation.AnomalyEvaluation;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In-distribution scores {0.1, 0.2, 0.4, 0.6}; the model flags scores above 0.5.
 * OOD "far" = {0.7, 0.9, 1.0}: AUROC 1; thresholded TP 3, FN 0, FP 1 (0.6), TN 3: precision 3/4, recall 1.
 * OOD "near" = {0.2, 0.35, 0.6}: pairs won 1.5 + 2 + 3.5 = 7 of 12, AUROC 7/12; FPR@95TPR needs threshold 0.2,
 * flagging 3 of 4 in-distribution; thresholded TP 1, FN 2, FP 1, TN 3: precision 1/2, recall 1/3, F1 2/5.
 */
class OodEvaluatorTest {

    private static final double TOLERANCE = 1e-12;
    private static final AnomalyFactory FACTORY = new AnomalyFactory();

    private Dataset<Event> in;
    private Map<String, Dataset<Event>> oodSets;
    private FeatureScoreModel model;

    @BeforeEach
    void setUp() {
        in = dataset("in", AnomalyFactory.EXPECTED_EVENT, 0.1, 0.2, 0.4, 0.6);
        oodSets = new LinkedHashMap<>();
        oodSets.put("far", dataset("far", AnomalyFactory.ANOMALOUS_EVENT, 0.7, 0.9, 1.0));
        oodSets.put("near", dataset("near", AnomalyFactory.ANOMALOUS_EVENT, 0.2, 0.35, 0.6));
        model = FeatureScoreModel.fit(in, 0.5);
    }

    @Test
    void thresholdFreeMetrics() {
        OodEvaluation evaluation = new OodEvaluator().evaluate(model, "in", in, oodSets);
        assertEquals("feature-score", evaluation.detectorName());
        assertEquals(1.0, evaluation.result("far").auroc(), TOLERANCE);
        assertEquals(0.0, evaluation.result("far").fprAt95Tpr(), TOLERANCE);
        OodResult near = evaluation.result("near");
        assertEquals(7.0 / 12.0, near.auroc(), TOLERANCE);
        assertEquals(0.75, near.fprAt95Tpr(), TOLERANCE);
        assertEquals(4, near.nIn());
        assertEquals(3, near.nOod());
    }

    @Test
    void thresholdedMetricsOnTheUnion() {
        OodEvaluation evaluation = new OodEvaluator().evaluate(model, "in", in, oodSets);
        AnomalyEvaluation far = evaluation.thresholded().get("far");
        assertEquals(3, far.getTruePositives());
        assertEquals(1, far.getFalsePositives());
        assertEquals(3, far.getTrueNegatives());
        assertEquals(0, far.getFalseNegatives());
        assertEquals(0.75, far.getPrecision(), TOLERANCE);
        AnomalyEvaluation near = evaluation.thresholded().get("near");
        assertEquals(0.5, near.getPrecision(), TOLERANCE);
        assertEquals(1.0 / 3.0, near.getRecall(), TOLERANCE);
        assertEquals(0.4, near.getF1(), TOLERANCE);
    }

    @Test
    void higherIsNormalFlipsTheScores() {
        OodEvaluation evaluation = new OodEvaluator(ScoreOrientation.HIGHER_IS_NORMAL).evaluate(model, "in", in,
                oodSets);
        assertEquals(0.0, evaluation.result("far").auroc(), TOLERANCE);
        assertEquals(5.0 / 12.0, evaluation.result("near").auroc(), TOLERANCE);
        // The predicted event types do not depend on the orientation.
        assertEquals(3, evaluation.thresholded().get("far").getTruePositives());
    }

    @Test
    void oodExamplesWithUnknownOutputAreRelabelledBySetMembership() {
        List<Example<Event>> unlabelled = examples(AnomalyFactory.UNKNOWN_EVENT, 0.7, 0.9, 1.0);
        Map<String, List<Prediction<Event>>> oodPredictions = Map.of("far", model.predict(unlabelled));
        OodEvaluation evaluation = new OodEvaluator().evaluate(model, "in", model.predict(in), oodPredictions);
        AnomalyEvaluation far = evaluation.thresholded().get("far");
        assertEquals(3, far.getTruePositives());
        assertEquals(1, far.getFalsePositives());
    }

    @Test
    void tableNamesEverySetAndItsAuroc() {
        String table = new OodEvaluator().evaluate(model, "in", in, oodSets).toString();
        assertTrue(table.contains("feature-score"), table);
        String nearRow = table.lines().filter(line -> line.startsWith("near")).findFirst().orElseThrow();
        assertTrue(nearRow.contains("0.5833"), table);
        assertTrue(nearRow.contains("0.7500"), table);
        assertTrue(table.lines().anyMatch(line -> line.startsWith("far") && line.contains("1.0000")), table);
    }

    @Test
    void mapHoldsMetricsAndThresholdedCounts() {
        Map<String, Object> map = new OodEvaluator().evaluate(model, "in", in, oodSets).toMap();
        assertEquals("in", map.get("in_distribution"));
        List<?> rows = (List<?>) map.get("results");
        Map<?, ?> near = (Map<?, ?>) rows.get(1);
        assertEquals("near", near.get("ood"));
        assertEquals(7.0 / 12.0, (Double) near.get("auroc"), TOLERANCE);
        assertEquals(1L, near.get("tp"));
        assertEquals(3, near.get("n_ood"));
    }

    @Test
    void nanScoreIsRejectedWithTheSetName() {
        // Tribuo datasets refuse NaN feature values, so the NaN score reaches the evaluator as a prediction.
        Map<String, List<Prediction<Event>>> withNan = Map.of("broken",
                model.predict(examples(AnomalyFactory.ANOMALOUS_EVENT, 0.3, Double.NaN)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OodEvaluator().evaluate(model, "in", model.predict(in), withNan));
        assertTrue(e.getMessage().contains("'broken'") && e.getMessage().contains("prediction 1"), e.getMessage());
    }

    @Test
    void emptyOodSetIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new OodEvaluator().evaluate(model, "in", model.predict(in), Map.of("empty", List.of())));
        assertThrows(IllegalArgumentException.class,
                () -> new OodEvaluator().evaluate(model, "in", model.predict(in), Map.of()));
    }

    private static Dataset<Event> dataset(String name, Event truth, double... scores) {
        return new MutableDataset<>(examples(truth, scores), new SimpleDataSourceProvenance(name, FACTORY), FACTORY);
    }

    private static List<Example<Event>> examples(Event truth, double... scores) {
        List<Example<Event>> examples = new ArrayList<>();
        for (double score : scores) {
            examples.add(new ArrayExample<>(truth, new String[]{"bias", FeatureScoreModel.SCORE_FEATURE},
                    new double[]{1.0, score}));
        }
        return examples;
    }
}
