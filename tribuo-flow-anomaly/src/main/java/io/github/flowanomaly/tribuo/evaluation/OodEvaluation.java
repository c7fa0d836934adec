package io.github.flowanomaly.tribuo.evaluation;

import org.tribuo.anomaly.evaluation.AnomalyEvaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The OOD evaluation of one detector: one {@link OodResult} per OOD set, and Tribuo's thresholded
 * {@link AnomalyEvaluation} of the detector's own decisions ({@link org.tribuo.anomaly.Event.EventType}) on the
 * union of the in-distribution set and that OOD set.
 * <p>
 * {@link #toString()} prints a fixed-width table, one row per OOD set; {@link #toMap()} gives the same numbers as
 * JSON-friendly maps.
 *
 * @param detectorName       the name of the detector.
 * @param inDistributionName the name of the in-distribution set.
 * @param results            the threshold-free metrics, one per OOD set, in evaluation order.
 * @param thresholded        the thresholded evaluation per OOD set name; a set may be absent.
 */
public record OodEvaluation(String detectorName, String inDistributionName, List<OodResult> results,
                            Map<String, AnomalyEvaluation> thresholded) {

    /**
     * Validates and copies the fields.
     *
     * @param detectorName       the name of the detector.
     * @param inDistributionName the name of the in-distribution set.
     * @param results            the results, one per OOD set, with distinct names.
     * @param thresholded        the thresholded evaluations, keyed by OOD set name.
     */
    public OodEvaluation {
        Objects.requireNonNull(detectorName, "detectorName");
        Objects.requireNonNull(inDistributionName, "inDistributionName");
        results = List.copyOf(results);
        thresholded = Collections.unmodifiableMap(new LinkedHashMap<>(thresholded));
        long distinctNames = results.stream().map(OodResult::oodName).distinct().count();
        if (distinctNames != results.size()) {
            throw new IllegalArgumentException("OOD set names must be distinct, found " + results);
        }
        for (String name : thresholded.keySet()) {
            if (results.stream().noneMatch(r -> r.oodName().equals(name))) {
                throw new IllegalArgumentException("Thresholded evaluation for unknown OOD set '" + name + "'");
            }
        }
    }

    /**
     * Returns the result for an OOD set.
     *
     * @param oodName the name of the OOD set.
     * @return the result.
     * @throws IllegalArgumentException if there is no such set.
     */
    public OodResult result(String oodName) {
        return results.stream().filter(r -> r.oodName().equals(oodName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No OOD set named '" + oodName + "'"));
    }

    /**
     * Returns a JSON-friendly description: {@code detector}, {@code in_distribution} and {@code results}, a list
     * with one map per OOD set holding {@link OodResult#toMap()} plus, when available, the thresholded counts
     * {@code tp}, {@code fp}, {@code tn}, {@code fn} and {@code precision}, {@code recall}, {@code f1} (non-finite
     * values, e.g. the precision of a detector that flags nothing, become {@code null}).
     *
     * @return a mutable, insertion-ordered map.
     */
    public Map<String, Object> toMap() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (OodResult result : results) {
            Map<String, Object> row = result.toMap();
            AnomalyEvaluation evaluation = thresholded.get(result.oodName());
            if (evaluation != null) {
                row.put("tp", evaluation.getTruePositives());
                row.put("fp", evaluation.getFalsePositives());
                row.put("tn", evaluation.getTrueNegatives());
                row.put("fn", evaluation.getFalseNegatives());
                row.put("precision", finiteOrNull(evaluation.getPrecision()));
                row.put("recall", finiteOrNull(evaluation.getRecall()));
                row.put("f1", finiteOrNull(evaluation.getF1()));
            }
            rows.add(row);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("detector", detectorName);
        map.put("in_distribution", inDistributionName);
        map.put("results", rows);
        return map;
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /**
     * Prints a fixed-width table, one row per OOD set, with the threshold-free metrics, the set sizes and the
     * precision, recall and F1 of the detector's own decisions ({@code -} when not available).
     *
     * @return the table.
     */
    @Override
    public String toString() {
        int nameWidth = Math.max("OOD set".length(),
                results.stream().mapToInt(r -> r.oodName().length()).max().orElse(0));
        String rowFormat = "%-" + nameWidth + "s %7s %8s %8s %9s %7s %7s %9s %7s %7s%n";
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "OOD evaluation of '%s', in-distribution '%s'%n",
                detectorName, inDistributionName));
        table.append(String.format(Locale.ROOT, rowFormat, "OOD set", "AUROC", "AUPR-In", "AUPR-Out", "FPR@95TPR",
                "n_in", "n_ood", "precision", "recall", "F1"));
        for (OodResult r : results) {
            AnomalyEvaluation evaluation = thresholded.get(r.oodName());
            table.append(String.format(Locale.ROOT, rowFormat, r.oodName(), format(r.auroc()), format(r.auprIn()),
                    format(r.auprOut()), format(r.fprAt95Tpr()), r.nIn(), r.nOod(),
                    evaluation == null ? "-" : format(evaluation.getPrecision()),
                    evaluation == null ? "-" : format(evaluation.getRecall()),
                    evaluation == null ? "-" : format(evaluation.getF1())));
        }
        return table.toString();
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
