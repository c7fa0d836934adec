package io.github.flowanomaly.report;

import io.github.flowanomaly.tribuo.evaluation.OodResult;
import io.github.flowanomaly.tribuo.experiment.DetectorResult;
import io.github.flowanomaly.tribuo.experiment.ExperimentRecord;
import io.github.flowanomaly.tribuo.experiment.SampleGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report: every image it links exists, is a valid PNG, and names that slug alike do not overwrite each other. */
class ReportWriterTest {

    @Test
    void everyLinkedPlotIsAValidPngAndCollidingNamesGetTheirOwnFiles(@TempDir Path dir) throws IOException {
        Random random = new Random(1);
        Map<String, Map<String, double[]>> scores = new LinkedHashMap<>();
        List<DetectorResult> results = new ArrayList<>();
        for (String detector : List.of("raw likelihood (scratch)", "raw likelihood: scratch")) {
            Map<String, double[]> byData = new LinkedHashMap<>();
            byData.put("in", gaussian(random, 200, 0));
            byData.put("MNIST", gaussian(random, 200, 1));
            byData.put("mnist!", gaussian(random, 200, 2));
            scores.put(detector, byData);
            for (String ood : List.of("MNIST", "mnist!")) {
                results.add(new DetectorResult(detector, "in", new OodResult(ood, 200, 200, 0.7, 0.6, 0.7, 0.5)));
            }
        }
        float[] pixels = new float[4 * 8 * 8];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(256);
        }
        ExperimentRecord record = new ExperimentRecord("report test", results, Map.of(), Map.of(),
                Map.of("train", 1.0), Map.of("cpu", "test"), "flowad experiment", scores,
                List.of(new SampleGrid("general", 8, 8, 1, 4, pixels)), List.of());

        new ReportWriter(dir).write(record);

        String report = Files.readString(dir.resolve("report.md"));
        Matcher links = Pattern.compile("\\]\\(([^)]+\\.png)\\)").matcher(report);
        List<String> files = new ArrayList<>();
        while (links.find()) {
            files.add(links.group(1));
        }
        // 2 ROC plots (one per OOD set), 2 histograms (one per detector), 1 sample grid
        assertEquals(5, files.size(), report);
        assertEquals(files.size(), files.stream().distinct().count(), "file names must be unique: " + files);
        for (String file : files) {
            BufferedImage image = ImageIO.read(dir.resolve(file).toFile());
            assertNotNull(image, file + " is not a valid image");
            assertTrue(image.getWidth() > 10 && image.getHeight() > 10, file);
        }
    }

    @Test
    void theReportSaysWhetherAFlowDetectorBeatsTheBestBaseline(@TempDir Path dir) throws IOException {
        List<DetectorResult> results = List.of(
                new DetectorResult("complexity-corrected likelihood (scratch)", "in",
                        new OodResult("MNIST", 10, 10, 0.99, 0.9, 0.9, 0.1)),
                new DetectorResult("level 0 ratio (diagnostic)", "in", new OodResult("MNIST", 10, 10, 1.0, 1, 1, 0)),
                new DetectorResult("raw likelihood (scratch)", "in", new OodResult("Tiny", 10, 10, 0.6, 0.6, 0.6, 0.9)),
                new DetectorResult("one-class SVM (RBF)", "in", new OodResult("MNIST", 10, 10, 0.96, 0.9, 0.9, 0.1)),
                new DetectorResult("one-class SVM (RBF)", "in", new OodResult("Tiny", 10, 10, 0.76, 0.7, 0.7, 0.8)));
        ExperimentRecord record = new ExperimentRecord("comparison", results, Map.of(), Map.of(), Map.of(),
                Map.of(), "flowad experiment", Map.of(), List.of(), List.of("one-class SVM (RBF)"));
        new ReportWriter(dir).write(record);
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("- MNIST: the best flow detector, complexity-corrected likelihood (scratch) "
                + "(0.990), beats the best baseline, one-class SVM (RBF) (0.960)."), report);
        assertTrue(report.contains("- Tiny: the best flow detector, raw likelihood (scratch) (0.600), does not beat "
                + "the best baseline, one-class SVM (RBF) (0.760): at this training budget"), report);
    }

    @Test
    void slugsAreFileNameSafe() {
        assertEquals("likelihood-ratio-outlier-loss", Slugs.of("Likelihood Ratio + outlier loss"));
        assertEquals("unnamed", Slugs.of("???"));
        Slugs slugs = new Slugs();
        assertEquals("roc-mnist.png", slugs.uniqueFile("roc-", "MNIST", ".png"));
        assertEquals("roc-mnist-2.png", slugs.uniqueFile("roc-", "mnist", ".png"));
        assertEquals("hist-mnist.png", slugs.uniqueFile("hist-", "mnist", ".png"));
    }

    private static double[] gaussian(Random random, int n, double mean) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = mean + random.nextGaussian();
        }
        return values;
    }
}
