package io.github.flowanomaly.tribuo.experiment;

import io.github.flowanomaly.tribuo.evaluation.OodEvaluation;
import io.github.flowanomaly.tribuo.evaluation.OodResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything an experiment produced: metrics per detector and OOD set, the Tribuo evaluations, provenance of every
 * model and the experiment, timings per phase, machine and library versions, and the command line.
 *
 * @param name        the experiment name.
 * @param results     one row per detector and OOD set.
 * @param evaluations the full evaluation per detector.
 * @param provenance  provenance JSON trees by model name.
 * @param timings     wall-clock seconds per phase.
 * @param environment machine and library versions.
 * @param commandLine the command that ran the experiment.
 * @param scores      anomaly scores (higher = more anomalous) by detector, then by set name (the in-distribution set
 *                    and every OOD set); also per-level scores "level s (model)" for the report's histograms.
 * @param samples     images sampled from the trained Glows.
 * @param baselines   the names of the Tribuo baseline detectors among the results (the others are this library's).
 */
public record ExperimentRecord(String name, List<DetectorResult> results, Map<String, OodEvaluation> evaluations,
                               Map<String, Object> provenance, Map<String, Double> timings,
                               Map<String, Object> environment, String commandLine,
                               Map<String, Map<String, double[]>> scores, List<SampleGrid> samples,
                               List<String> baselines) {

    /** @return a JSON-ready map with the keys of {@code record.json}. */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (DetectorResult r : results) {
            OodResult m = r.result();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("detector", r.detector());
            row.put("in_distribution", r.inDistribution());
            row.put("ood", m.oodName());
            row.put("auroc", m.auroc());
            row.put("aupr_in", m.auprIn());
            row.put("aupr_out", m.auprOut());
            row.put("fpr_at_95_tpr", m.fprAt95Tpr());
            row.put("n_in", m.nIn());
            row.put("n_ood", m.nOod());
            rows.add(row);
        }
        out.put("results", rows);
        Map<String, Object> thresholded = new LinkedHashMap<>();
        evaluations.forEach((k, v) -> thresholded.put(k, v.toMap()));
        out.put("evaluations", thresholded);
        out.put("timings_seconds", timings);
        out.put("environment", environment);
        out.put("command_line", commandLine);
        out.put("baselines", baselines);
        out.put("provenance", provenance);
        return out;
    }

    /**
     * One line per OOD set: the best flow detector (diagnostic rows left out) against the best baseline, by AUROC.
     *
     * @return Markdown bullet lines, empty when there are no baselines.
     */
    public String baselineComparison() {
        if (baselines.isEmpty()) {
            return "";
        }
        Map<String, DetectorResult> bestFlow = new LinkedHashMap<>();
        Map<String, DetectorResult> bestBaseline = new LinkedHashMap<>();
        for (DetectorResult r : results) {
            if (r.detector().endsWith("(diagnostic)")) {
                continue;
            }
            Map<String, DetectorResult> best = baselines.contains(r.detector()) ? bestBaseline : bestFlow;
            best.merge(r.result().oodName(), r, (a, b) -> b.result().auroc() > a.result().auroc() ? b : a);
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, DetectorResult> e : bestFlow.entrySet()) {
            DetectorResult flow = e.getValue();
            DetectorResult base = bestBaseline.get(e.getKey());
            if (base == null) {
                continue;
            }
            boolean wins = flow.result().auroc() > base.result().auroc();
            sb.append(String.format(java.util.Locale.ROOT, "- %s: the best flow detector, %s (%.3f), %s the best "
                    + "baseline, %s (%.3f)%s%n", e.getKey(), flow.detector(), flow.result().auroc(),
                    wins ? "beats" : "does not beat", base.detector(), base.result().auroc(),
                    wins ? "." : ": at this training budget no flow detector of this experiment separates the sets "
                            + "better than the baseline (see the per-detector rows for which ones come closest)."));
        }
        return sb.toString();
    }

    /** @return a Markdown table of the results (detector × OOD set). */
    public String resultsTable() {
        StringBuilder sb = new StringBuilder();
        sb.append("| detector | OOD set | AUROC | AUPR-In | AUPR-Out | FPR@95%TPR |\n");
        sb.append("|---|---|---|---|---|---|\n");
        for (DetectorResult r : results) {
            OodResult m = r.result();
            sb.append(String.format(java.util.Locale.ROOT, "| %s | %s | %.4f | %.4f | %.4f | %.4f |%n", r.detector(),
                    m.oodName(), m.auroc(), m.auprIn(), m.auprOut(), m.fprAt95Tpr()));
        }
        return sb.toString();
    }
}
