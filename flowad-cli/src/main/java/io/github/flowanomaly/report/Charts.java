package io.github.flowanomaly.report;

import io.github.flowanomaly.tribuo.evaluation.OodMetrics;
import io.github.flowanomaly.tribuo.evaluation.RocCurve;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ChartFactory;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The report's charts: ROC curves, overlaid score histograms and AUROC against training budget, as PNG files.
 */
public final class Charts {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 600;
    private static final int BINS = 40;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {}

    /**
     * ROC curves of several detectors on one OOD set.
     *
     * @param title  the chart title.
     * @param scores per detector: {in-distribution scores, OOD scores} (higher = more anomalous).
     * @param file   the PNG to write.
     * @throws IOException if writing fails.
     */
    public static void roc(String title, Map<String, double[][]> scores, Path file) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, double[][]> e : scores.entrySet()) {
            double[] in = e.getValue()[0];
            double[] ood = e.getValue()[1];
            RocCurve roc = OodMetrics.rocCurve(in, ood);
            XYSeries series = new XYSeries(String.format(Locale.ROOT, "%s (AUROC %.3f)", e.getKey(),
                    OodMetrics.auroc(in, ood)), false, true);
            for (int i = 0; i < roc.fpr().length; i++) {
                series.add(roc.fpr()[i], roc.tpr()[i]);
            }
            data.addSeries(series);
        }
        XYSeries chance = new XYSeries("chance", false, true);
        chance.add(0, 0);
        chance.add(1, 1);
        data.addSeries(chance);
        JFreeChart chart = ChartFactory.createXYLineChart(title, "false positive rate (in-distribution flagged)",
                "true positive rate (OOD flagged)", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(data.getSeriesCount() - 1, Color.GRAY);
        renderer.setSeriesStroke(data.getSeriesCount() - 1, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[]{4f, 4f}, 0f));
        plot.setRenderer(renderer);
        plot.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }

    /**
     * Overlaid density histograms of one score on several sets, over a common range (1st to 99th percentile of all
     * finite scores).
     *
     * @param title  the chart title.
     * @param axis   the score axis label.
     * @param bySet  scores by set name.
     * @param file   the PNG to write.
     * @throws IOException if writing fails.
     */
    public static void histogram(String title, String axis, Map<String, double[]> bySet, Path file)
            throws IOException {
        double[] all = bySet.values().stream().flatMapToDouble(Arrays::stream).filter(Double::isFinite).sorted()
                .toArray();
        double lo = all.length == 0 ? 0 : all[(int) Math.floor(0.01 * (all.length - 1))];
        double hi = all.length == 0 ? 1 : all[(int) Math.ceil(0.99 * (all.length - 1))];
        if (hi <= lo) {
            hi = lo + 1;
        }
        double width = (hi - lo) / BINS;
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, double[]> e : bySet.entrySet()) {
            double[] counts = new double[BINS];
            int n = 0;
            for (double v : e.getValue()) {
                if (Double.isFinite(v) && v >= lo && v <= hi) {
                    counts[Math.min(BINS - 1, (int) ((v - lo) / width))]++;
                    n++;
                }
            }
            XYSeries series = new XYSeries(e.getKey() + " (n=" + e.getValue().length + ")");
            for (int b = 0; b < BINS; b++) {
                series.add(lo + (b + 0.5) * width, n == 0 ? 0 : counts[b] / (n * width));
            }
            data.addSeries(series);
        }
        data.setIntervalWidth(width);
        JFreeChart chart = ChartFactory.createXYBarChart(title, axis, false, "density", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYBarRenderer renderer = (XYBarRenderer) plot.getRenderer();
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        Color[] palette = {new Color(31, 119, 180, 140), new Color(255, 127, 14, 140), new Color(44, 160, 44, 140),
            new Color(214, 39, 40, 140)};
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, palette[i % palette.length]);
        }
        plot.setForegroundAlpha(0.6f);
        plot.setBackgroundPaint(Color.WHITE);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }

    /**
     * AUROC against training budget, one line per detector through the mean over runs, with a bar from the smallest
     * to the largest AUROC where a budget has several runs.
     *
     * @param title    the chart title.
     * @param byBudget per detector: minutes of training per model → AUROC over the runs at that budget.
     * @param file     the PNG to write.
     * @throws IOException if writing fails.
     */
    public static void aurocByBudget(String title, Map<String, Map<Double, AurocSpread>> byBudget, Path file)
            throws IOException {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (Map.Entry<String, Map<Double, AurocSpread>> e : byBudget.entrySet()) {
            YIntervalSeries series = new YIntervalSeries(e.getKey());
            e.getValue().forEach((minutes, s) -> series.add(minutes, s.mean(), s.min(), s.max()));
            data.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "training minutes per model", "AUROC", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDefaultLinesVisible(true);
        renderer.setDefaultShapesVisible(true);
        plot.setRenderer(renderer);
        plot.setBackgroundPaint(Color.WHITE);
        ((NumberAxis) plot.getRangeAxis()).setRange(0, 1);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }
}
