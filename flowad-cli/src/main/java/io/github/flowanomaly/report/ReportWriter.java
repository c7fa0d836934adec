package io.github.flowanomaly.report;

import io.github.flowanomaly.tribuo.experiment.DetectorResult;
import io.github.flowanomaly.tribuo.experiment.ExperimentRecord;
import io.github.flowanomaly.tribuo.experiment.SampleGrid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes an experiment's {@code report.md} and its PNG plots into the experiment's directory.
 */
public final class ReportWriter {

    private final Path outDir;

    /**
     * Creates a writer.
     *
     * @param outDir the experiment directory.
     */
    public ReportWriter(Path outDir) {
        this.outDir = outDir;
    }

    /**
     * Writes the report and plots.
     *
     * @param record the experiment record.
     * @throws IOException if a file cannot be written.
     */
    public void write(ExperimentRecord record) throws IOException {
        Files.createDirectories(outDir);
        StringBuilder md = new StringBuilder();
        md.append("# ").append(record.name()).append("\n\n");
        String comparison = record.baselineComparison();
        if (!comparison.isEmpty()) {
            md.append("## Against the baselines\n\n").append(comparison).append('\n');
        }
        md.append(record.resultsTable()).append('\n');
        md.append("AUROC is the probability that an OOD image scores as more anomalous than an in-distribution one "
                + "(0.5 = chance; below 0.5 the detector prefers the OOD images, the known failure of the raw "
                + "likelihood). Scores are anomaly scores: higher = more anomalous.\n\n");
        String in = record.results().isEmpty() ? "in-distribution" : record.results().get(0).inDistribution();
        Set<String> oodSets = new LinkedHashSet<>();
        Set<String> detectors = new LinkedHashSet<>();
        for (DetectorResult r : record.results()) {
            oodSets.add(r.result().oodName());
            detectors.add(r.detector());
        }
        Slugs files = new Slugs();
        md.append("## ROC curves\n\n");
        for (String ood : oodSets) {
            Map<String, double[][]> pairs = new LinkedHashMap<>();
            for (String d : detectors) {
                Map<String, double[]> s = record.scores().get(d);
                if (s != null && s.containsKey(in) && s.containsKey(ood)) {
                    pairs.put(d, new double[][]{s.get(in), s.get(ood)});
                }
            }
            String file = files.uniqueFile("roc-", ood, ".png");
            Charts.roc(in + " vs " + ood, pairs, outDir.resolve(file));
            md.append("![ROC curves, ").append(ood).append("](").append(file).append(")\n\n");
        }
        md.append("## Score histograms\n\n");
        md.append("In-distribution vs OOD scores of the raw likelihood, of each level's contribution, of the "
                + "likelihood ratio (the paper's Fig. 2 story) and of the peer detectors.\n\n");
        for (Map.Entry<String, Map<String, double[]>> e : record.scores().entrySet()) {
            String d = e.getKey();
            if (d.startsWith("raw likelihood") || d.startsWith("likelihood ratio") || d.startsWith("level ")
                    || d.startsWith("last") || d.startsWith("background") || d.startsWith("complexity")
                    || d.startsWith("typicality")) {
                String file = files.uniqueFile("hist-", d, ".png");
                Charts.histogram(d, axisLabel(d), e.getValue(), outDir.resolve(file));
                md.append("![").append(d).append("](").append(file).append(")\n\n");
            }
        }
        if (!record.samples().isEmpty()) {
            md.append("## Samples (temperature 0.7)\n\n");
            for (SampleGrid grid : record.samples()) {
                String file = files.uniqueFile("samples-", grid.model(), ".png");
                SampleGridImage.write(grid, outDir.resolve(file));
                md.append("**").append(grid.model()).append("**\n\n![samples of ").append(grid.model())
                        .append("](").append(file).append(")\n\n");
            }
        }
        md.append("## Timings\n\n| phase | seconds |\n|---|---|\n");
        record.timings().forEach((k, v) -> md.append(String.format(Locale.ROOT, "| %s | %.1f |%n", k, v)));
        md.append("\n## Environment\n\n");
        record.environment().forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\nCommand: `").append(record.commandLine()).append("`\n");
        Files.writeString(outDir.resolve("report.md"), md.toString());
    }

    /**
     * Writes {@code auroc-vs-budget.png}: AUROC against minutes of training per model, one line per detector (the mean
     * over the runs at each budget, with a bar from the smallest to the largest AUROC).
     *
     * @param aurocByDetectorAndBudget per detector: minutes → AUROC over the runs at that budget.
     * @param oodName                  the OOD set the AUROCs refer to.
     * @throws IOException if writing fails.
     */
    public void writeBudgetPlot(Map<String, Map<Double, AurocSpread>> aurocByDetectorAndBudget, String oodName)
            throws IOException {
        Files.createDirectories(outDir);
        Charts.aurocByBudget("AUROC vs training budget (" + oodName + ")", aurocByDetectorAndBudget,
                outDir.resolve("auroc-vs-budget.png"));
    }

    private static String axisLabel(String detector) {
        if (detector.contains("background ratio")) {
            return "ln p_background − ln p_in (nats)";
        }
        if (detector.startsWith("complexity")) {
            return "bits/dim − PNG bits/dim";
        }
        if (detector.startsWith("typicality")) {
            return "Σ_s z_s² over scales";
        }
        if (detector.contains("ratio")) {
            return "ln p_general − ln p_in (nats)";
        }
        if (detector.startsWith("raw likelihood")) {
            return "negative log-likelihood (bits/dim)";
        }
        if (detector.startsWith("level ") || detector.startsWith("last scale")) {
            return "minus level log-likelihood (nats)";
        }
        return "ln p_general − ln p_in (nats)";
    }
}
