package io.github.flowanomaly.tribuo.cli;

import io.github.flowanomaly.tribuo.experiment.DetectorResult;
import io.github.flowanomaly.tribuo.experiment.ExperimentFiles;
import io.github.flowanomaly.tribuo.experiment.ExperimentRecord;
import io.github.flowanomaly.tribuo.report.ReportWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code flowad budget --out <dir> --ood <set> <minutes>=<experiment dir> ...}: AUROC of every detector against the
 * training budget per model, from experiments run at different budgets; writes {@code auroc-vs-budget.png} and
 * {@code budget.md}.
 */
public final class BudgetCommand {

    private BudgetCommand() {}

    static int run(String[] args, PrintStream out) throws IOException {
        Path outDir = null;
        String ood = null;
        Map<Double, Path> runs = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> outDir = Path.of(value(args, ++i, "--out"));
                case "--ood" -> ood = value(args, ++i, "--ood");
                default -> {
                    int eq = args[i].indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("Expected <minutes>=<experiment dir>, found " + args[i]);
                    }
                    runs.put(Double.parseDouble(args[i].substring(0, eq)), Path.of(args[i].substring(eq + 1)));
                }
            }
        }
        if (outDir == null || ood == null || runs.size() < 2) {
            throw new IllegalArgumentException("budget needs --out, --ood and at least two <minutes>=<dir> runs");
        }
        Map<String, Map<Double, Double>> curves = new LinkedHashMap<>();
        for (Map.Entry<Double, Path> run : runs.entrySet()) {
            ExperimentRecord record = ExperimentFiles.read(run.getValue());
            for (DetectorResult r : record.results()) {
                if (r.result().oodName().equals(ood)) {
                    curves.computeIfAbsent(r.detector(), k -> new TreeMap<>()).put(run.getKey(), r.result().auroc());
                }
            }
        }
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("No results for OOD set '" + ood + "' in " + runs.values());
        }
        new ReportWriter(outDir).writeBudgetPlot(curves, ood);
        String table = table(curves, ood, runs);
        Files.writeString(outDir.resolve("budget.md"), table);
        out.println(table);
        return 0;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static String table(Map<String, Map<Double, Double>> curves, String ood, Map<Double, Path> runs) {
        TreeSet<Double> budgets = new TreeSet<>(runs.keySet());
        StringBuilder sb = new StringBuilder("# AUROC vs training budget (" + ood + ")\n\n| detector |");
        for (double b : budgets) {
            sb.append(String.format(Locale.ROOT, " %.0f min |", b));
        }
        sb.append("\n|---|").append("---|".repeat(budgets.size())).append('\n');
        curves.forEach((detector, byBudget) -> {
            sb.append("| ").append(detector).append(" |");
            for (double b : budgets) {
                Double v = byBudget.get(b);
                sb.append(v == null ? " – |" : String.format(Locale.ROOT, " %.3f |", v));
            }
            sb.append('\n');
        });
        sb.append("\nRuns: ");
        runs.forEach((b, dir) -> sb.append(String.format(Locale.ROOT, "%.0f min = `%s`; ", b, dir)));
        sb.append("\n\n![AUROC vs budget](auroc-vs-budget.png)\n");
        return sb.toString();
    }
}
