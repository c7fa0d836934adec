package io.github.flowanomaly.cli;

import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.Option;
import com.oracle.labs.mlrg.olcut.config.Options;
import io.github.flowanomaly.tribuo.experiment.DetectorResult;
import io.github.flowanomaly.tribuo.experiment.ExperimentFiles;
import io.github.flowanomaly.tribuo.experiment.ExperimentRecord;
import io.github.flowanomaly.tribuo.experiment.ExperimentRunner;
import io.github.flowanomaly.report.AurocSpread;
import io.github.flowanomaly.report.ReportWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code flowad budget --out <dir> --ood <set> <minutes>=<experiment dir> ...}: AUROC of every detector against the
 * training budget per model, from experiments run at different budgets; writes {@code auroc-vs-budget.png},
 * {@code budget.md} and {@code budget.json} (rows of detector, budget_minutes, run = the directory's name, ood and
 * auroc, for every OOD set of the records). A budget may be given several times (repeat runs, e.g. other seeds): the
 * table and plot then show the mean and the range over its runs.
 */
public final class BudgetCommand {

    private BudgetCommand() {}

    /** The options of {@code flowad budget}; the runs are the arguments after them. */
    public static final class BudgetOptions implements Options {
        @Override
        public String getOptionsDescription() {
            return "flowad budget --out <dir> --ood <set> <minutes>=<experiment dir> ...: AUROC against the training"
                    + " budget per model (repeat a budget for repeat runs: mean and range)";
        }

        @Option(longName = "out", usage = "Directory for budget.md, budget.json and auroc-vs-budget.png.")
        public Path out;
        @Option(longName = "ood", usage = "The OOD set whose AUROCs the table and plot show.")
        public String ood;
    }

    static int run(String[] args, PrintStream out) throws IOException {
        BudgetOptions options = new BudgetOptions();
        ConfigurationManager cm = FlowAd.configure(args, options);
        Path outDir = options.out;
        String ood = options.ood;
        Map<Double, List<Path>> runs = new TreeMap<>();
        for (String arg : cm.getUnnamedArguments()) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Expected <minutes>=<experiment dir>, found " + arg);
            }
            runs.computeIfAbsent(minutes(arg.substring(0, eq)), k -> new ArrayList<>())
                    .add(Path.of(arg.substring(eq + 1)));
        }
        if (outDir == null || ood == null || runs.values().stream().mapToInt(List::size).sum() < 2) {
            throw new IllegalArgumentException("budget needs --out, --ood and at least two <minutes>=<dir> runs");
        }
        Map<String, Map<Double, List<Double>>> aurocs = new LinkedHashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<Double, List<Path>> budget : runs.entrySet()) {
            for (Path dir : budget.getValue()) {
                ExperimentRecord record = ExperimentFiles.read(dir);
                for (DetectorResult r : record.results()) {
                    rows.add(row(r, budget.getKey(), dir));
                    if (r.result().oodName().equals(ood)) {
                        aurocs.computeIfAbsent(r.detector(), k -> new TreeMap<>())
                                .computeIfAbsent(budget.getKey(), k -> new ArrayList<>()).add(r.result().auroc());
                    }
                }
            }
        }
        if (aurocs.isEmpty()) {
            throw new IllegalArgumentException("No results for OOD set '" + ood + "' in " + runs.values());
        }
        Map<String, Map<Double, AurocSpread>> curves = new LinkedHashMap<>();
        aurocs.forEach((detector, byBudget) -> {
            Map<Double, AurocSpread> curve = new TreeMap<>();
            byBudget.forEach((minutes, values) -> curve.put(minutes, AurocSpread.of(values)));
            curves.put(detector, curve);
        });
        new ReportWriter(outDir).writeBudgetPlot(curves, ood);
        String table = table(curves, ood, runs);
        Files.writeString(outDir.resolve("budget.md"), table);
        ExperimentRunner.writeJson(outDir.resolve("budget.json"), rows);
        out.println(table);
        return 0;
    }

    /**
     * One row of budget.json: a detector's AUROC on one OOD set in one run, named by its directory as given when that
     * is relative (e.g. {@code fashion-mnist-vs-mnist-v2/seed-1}, unique across experiments), else by the
     * directory's name (no machine paths).
     */
    private static Map<String, Object> row(DetectorResult r, double minutes, Path dir) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("detector", r.detector());
        row.put("budget_minutes", minutes);
        row.put("run", dir.isAbsolute() ? dir.normalize().getFileName().toString()
                : dir.normalize().toString().replace('\\', '/'));
        row.put("ood", r.result().oodName());
        row.put("auroc", r.result().auroc());
        return row;
    }

    private static double minutes(String text) {
        try {
            double minutes = Double.parseDouble(text);
            if (minutes > 0 && Double.isFinite(minutes)) {
                return minutes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Expected a positive number of minutes before '=', found '" + text + "'");
    }

    private static String table(Map<String, Map<Double, AurocSpread>> curves, String ood,
                                Map<Double, List<Path>> runs) {
        TreeSet<Double> budgets = new TreeSet<>(runs.keySet());
        StringBuilder sb = new StringBuilder("# AUROC vs training budget (" + ood + ")\n\n| detector |");
        for (double b : budgets) {
            sb.append(String.format(Locale.ROOT, " %.0f min |", b));
        }
        sb.append("\n|---|").append("---|".repeat(budgets.size())).append('\n');
        curves.forEach((detector, byBudget) -> {
            sb.append("| ").append(detector).append(" |");
            for (double b : budgets) {
                AurocSpread v = byBudget.get(b);
                int total = runs.get(b).size();
                String of = v == null || v.runs() == total ? "" : " of " + total;
                if (v == null) {
                    sb.append(" – |");
                } else if (v.runs() == 1) {
                    sb.append(String.format(Locale.ROOT, total == 1 ? " %.3f |" : " %.3f (1%s runs) |", v.mean(), of));
                } else {
                    sb.append(String.format(Locale.ROOT, " %.3f (%.3f–%.3f, %d%s runs) |", v.mean(), v.min(),
                            v.max(), v.runs(), of));
                }
            }
            sb.append('\n');
        });
        sb.append("\nWhere a budget has several runs: mean (smallest–largest, number of runs; \"k of n\" when only k of "
                + "its n runs have the detector).\n\nRuns: ");
        runs.forEach((b, dirs) -> dirs.forEach(
                dir -> sb.append(String.format(Locale.ROOT, "%.0f min = `%s`; ", b, dir))));
        sb.append("\n\n![AUROC vs budget](auroc-vs-budget.png)\n");
        return sb.toString();
    }
}
