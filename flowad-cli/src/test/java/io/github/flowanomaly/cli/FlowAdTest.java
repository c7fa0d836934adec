package io.github.flowanomaly.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import io.github.flowanomaly.tribuo.glow.ScoringPrecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static io.github.flowanomaly.cli.CliFixtures.Result;
import static io.github.flowanomaly.cli.CliFixtures.blobs;
import static io.github.flowanomaly.cli.CliFixtures.run;
import static io.github.flowanomaly.cli.CliFixtures.writeIdx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Smoke tests of every flowad sub-command on tiny generated IDX files. */
class FlowAdTest {

    @TempDir
    static Path dir;
    static Path config;

    @BeforeAll
    static void data() throws IOException {
        writeIdx(dir.resolve("in-train.idx"), blobs(300, 1, 30));
        writeIdx(dir.resolve("in-test.idx"), blobs(60, 2, 30));
        writeIdx(dir.resolve("ood.idx"), blobs(60, 3, 2));
        writeIdx(dir.resolve("general.idx"), blobs(200, 4, 15));
        config = dir.resolve("config.xml");
        Files.writeString(config, """
                <?xml version="1.0" encoding="UTF-8"?>
                <config>
                  <property name="d" value="%s"/>
                  %s
                  <component name="background" inherit="glow">
                    <property name="perturbationRate" value="0.2"/>
                  </component>
                  <component name="rbf-svm" type="org.tribuo.anomaly.libsvm.LibSVMAnomalyTrainer">
                    <property name="svmType" value="one-class"/>
                    <property name="kernelType" value="RBF"/>
                    <property name="gamma" value="1e-5"/>
                    <property name="nu" value="0.1"/>
                  </component>
                  <component name="one-class" type="org.tribuo.anomaly.libsvm.SVMAnomalyType">
                    <property name="type" value="ONE_CLASS"/>
                  </component>
                  <component name="linear-svm" type="org.tribuo.anomaly.liblinear.LibLinearAnomalyTrainer">
                    <property name="trainerType" value="linear-one-class"/>
                  </component>
                  <component name="linear-one-class" type="org.tribuo.anomaly.liblinear.LinearAnomalyType">
                    <property name="type" value="ONECLASS_SVM"/>
                  </component>
                  <component name="in-train" type="io.github.flowanomaly.tribuo.data.IdxImageSource">
                    <property name="imagesPath" value="${d}/in-train.idx"/>
                    <property name="role" value="IN_DISTRIBUTION"/>
                  </component>
                  <component name="in-test" type="io.github.flowanomaly.tribuo.data.IdxImageSource">
                    <property name="imagesPath" value="${d}/in-test.idx"/>
                    <property name="role" value="IN_DISTRIBUTION"/>
                  </component>
                  <component name="ood" type="io.github.flowanomaly.tribuo.data.IdxImageSource">
                    <property name="imagesPath" value="${d}/ood.idx"/>
                    <property name="role" value="OUT_OF_DISTRIBUTION"/>
                  </component>
                  <component name="general" type="io.github.flowanomaly.tribuo.data.IdxImageSource">
                    <property name="imagesPath" value="${d}/general.idx"/>
                    <property name="role" value="IN_DISTRIBUTION"/>
                  </component>
                  <component name="experiment" type="io.github.flowanomaly.tribuo.experiment.PaperExperiment">
                    <property name="name" value="smoke"/>
                    <property name="inDistributionTrain" value="in-train"/>
                    <property name="inDistributionTest" value="in-test"/>
                    <propertylist name="oodTests"><item>ood</item></propertylist>
                    <propertylist name="oodNames"><item>smooth</item></propertylist>
                    <property name="generalData" value="general"/>
                    <property name="generalTrainer" value="glow"/>
                    <property name="scratchTrainer" value="glow"/>
                    <property name="backgroundTrainer" value="background"/>
                    <property name="complexityCorrection" value="true"/>
                    <property name="fineTuneTrainer" value="fine-tune"/>
                    <property name="outlierFineTuneTrainer" value="fine-tune-outlier-loss"/>
                  </component>
                  <component name="fine-tune" type="io.github.flowanomaly.tribuo.detectors.LikelihoodRatioTrainer">
                    <property name="augmentation" value="TRANSLATE"/>
                    <property name="outlierAugmentation" value="TRANSLATE_FLIP"/>
                    <property name="maxSteps" value="4"/>
                    <property name="batchSize" value="32"/>
                    <property name="seed" value="20200610"/>
                  </component>
                  <component name="fine-tune-outlier-loss" inherit="fine-tune">
                    <property name="outlierLoss" value="CLASS"/>
                  </component>
                  <component name="no-general" type="io.github.flowanomaly.tribuo.experiment.PaperExperiment">
                    <property name="name" value="smoke without a general data set"/>
                    <property name="inDistributionTrain" value="in-train"/>
                    <property name="inDistributionTest" value="in-test"/>
                    <propertylist name="oodTests"><item>ood</item></propertylist>
                    <propertylist name="oodNames"><item>smooth</item></propertylist>
                    <property name="scratchTrainer" value="glow"/>
                    <property name="backgroundTrainer" value="background"/>
                    <property name="complexityCorrection" value="true"/>
                  </component>
                </config>
                """.formatted(dir.toString(), CliFixtures.tinyGlowTrainer(6)));
    }

    @Test
    void trainScoreAndEvaluate() throws IOException {
        Path model = dir.resolve("glow.tribuo");
        assertEquals(0, run("train", "-c", config.toString(), "--trainer", "glow", "--data", "in-train", "--out",
                model.toString(), "--quiet").status());
        assertTrue(Files.size(model) > 1000);

        Path csv = dir.resolve("scores.csv");
        assertEquals(0, run("score", "-c", config.toString(), "--model", model.toString(), "--data", "ood",
                "--out", csv.toString()).status());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(61, lines.size());
        assertTrue(lines.get(0).startsWith("index,score,predicted,bits_per_dim,log_likelihood,level_0"),
                lines.get(0));

        Path bf16 = dir.resolve("scores-bf16.csv");
        try {
            assertEquals(0, run("score", "-c", config.toString(), "--model", model.toString(), "--data", "ood",
                    "--out", bf16.toString(), "--precision", "BF16_COUPLING").status());
        } finally {
            System.clearProperty(ScoringPrecision.PROPERTY);
        }
        List<String> bf16Lines = Files.readAllLines(bf16);
        assertEquals(61, bf16Lines.size());
        for (int i = 1; i < lines.size(); i++) {
            double fp32BitsPerDim = Double.parseDouble(lines.get(i).split(",")[3]);
            double bf16BitsPerDim = Double.parseDouble(bf16Lines.get(i).split(",")[3]);
            assertEquals(fp32BitsPerDim, bf16BitsPerDim, 0.02, "bits/dim of image " + i + " in bfloat16");
        }

        Result evaluation = run("evaluate", "-c", config.toString(), "--model", model.toString(), "--in",
                "in-test", "--ood", "ood", "--json");
        assertEquals(0, evaluation.status(), evaluation.err());
        JsonNode json = new ObjectMapper().readTree(evaluation.out());
        assertNotNull(json.findValue("auroc"), evaluation.out());
        assertNotNull(json.findValue("fpr_at_95_tpr") == null ? json.findValue("fprAt95Tpr")
                : json.findValue("fpr_at_95_tpr"), evaluation.out());
    }

    @Test
    void savedOneClassSvmsAreScoredAndEvaluatedWithHigherMeaningMoreAnomalous() throws IOException {
        for (String trainer : List.of("rbf-svm", "linear-svm")) {
            Path model = dir.resolve(trainer + ".tribuo");
            Result trained = run("train", "-c", config.toString(), "--trainer", trainer, "--data", "in-train",
                    "--out", model.toString(), "--quiet");
            assertEquals(0, trained.status(), trained.err());
            double[][] scores = new double[2][];
            int k = 0;
            for (String data : List.of("in-test", "ood")) {
                Path csv = dir.resolve(trainer + "-" + data + ".csv");
                assertEquals(0, run("score", "-c", config.toString(), "--model", model.toString(), "--data", data,
                        "--out", csv.toString()).status());
                List<String> lines = Files.readAllLines(csv);
                assertEquals("index,score,predicted,raw_score", lines.get(0), trainer);
                double[] values = new double[lines.size() - 1];
                for (int i = 1; i < lines.size(); i++) {
                    String[] cells = lines.get(i).split(",");
                    values[i - 1] = Double.parseDouble(cells[1]);
                    assertEquals(-Double.parseDouble(cells[3]), values[i - 1], 1e-6, "score = -decision value");
                }
                scores[k++] = values;
            }
            Result evaluation = run("evaluate", "-c", config.toString(), "--model", model.toString(), "--in",
                    "in-test", "--ood", "ood", "--json");
            assertEquals(0, evaluation.status(), evaluation.err());
            double auroc = new ObjectMapper().readTree(evaluation.out()).findValue("auroc").asDouble();
            assertEquals(io.github.flowanomaly.tribuo.evaluation.OodMetrics.auroc(scores[0], scores[1]), auroc, 1e-9,
                    trainer + ": evaluate ranks by the anomaly scores score writes");
            Result contradicted = run("evaluate", "-c", config.toString(), "--model", model.toString(), "--in",
                    "in-test", "--ood", "ood", "--orientation", "HIGHER_IS_ANOMALOUS");
            assertEquals(2, contradicted.status(), trainer + ": a wrong orientation for a known class is a usage error");
            assertTrue(contradicted.err().contains("HIGHER_IS_NORMAL"), contradicted.err());
        }
    }

    @Test
    void experimentWritesRecordReportAndPlots() throws IOException {
        Path out = dir.resolve("experiment");
        Result r = run("experiment", "-c", config.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        JsonNode record = new ObjectMapper().readTree(out.resolve("record.json").toFile());
        for (String key : List.of("name", "results", "provenance", "timings_seconds", "environment",
                "command_line")) {
            assertTrue(record.has(key), "record.json lacks " + key);
        }
        JsonNode row = record.get("results").get(0);
        for (String key : List.of("detector", "in_distribution", "ood", "auroc", "aupr_in", "aupr_out",
                "fpr_at_95_tpr")) {
            assertTrue(row.has(key), "result row lacks " + key);
        }
        String reportText = Files.readString(out.resolve("report.md"));
        for (String detector : List.of("likelihood ratio", "background ratio", "last-scale background ratio",
                "complexity-corrected likelihood (scratch)", "typicality (scratch)", "typicality (fine-tuned)")) {
            assertTrue(reportText.contains(detector), "report lacks " + detector);
        }
        // the diagnostic per-level ratios add up to the full likelihood ratio (2 levels: level 0 + last scale)
        JsonNode scores = new ObjectMapper().readTree(out.resolve("scores.json").toFile());
        JsonNode full = scores.get("likelihood ratio").get("smooth");
        JsonNode level0 = scores.get("level 0 ratio (diagnostic)").get("smooth");
        JsonNode last = scores.get("last-scale ratio").get("smooth");
        assertEquals(60, full.size());
        for (int i = 0; i < full.size(); i++) {
            assertEquals(full.get(i).asDouble(), level0.get(i).asDouble() + last.get(i).asDouble(), 0.05);
        }
        try (Stream<Path> files = Files.list(out)) {
            List<Path> pngs = files.filter(p -> p.toString().endsWith(".png")).toList();
            assertTrue(pngs.size() >= 3, "plots: " + pngs);
            for (Path png : pngs) {
                assertNotNull(ImageIO.read(png.toFile()), png + " is not a valid image");
            }
        }
        assertTrue(Files.exists(out.resolve("models/general.tribuo")));

        Files.delete(out.resolve("report.md"));
        Result report = run("report", out.toString());
        assertEquals(0, report.status(), report.err());
        assertTrue(Files.readString(out.resolve("report.md")).contains("likelihood ratio"));

        Path budget = dir.resolve("budget");
        Result curve = run("budget", "--out", budget.toString(), "--ood", "smooth", "1=" + out, "2=" + out,
                "2=" + out);
        assertEquals(0, curve.status(), curve.err());
        assertNotNull(ImageIO.read(budget.resolve("auroc-vs-budget.png").toFile()));
        String table = Files.readString(budget.resolve("budget.md"));
        assertTrue(table.contains("likelihood ratio"), table);
        assertTrue(table.contains(", 2 runs) |"), "the repeated budget shows its spread: " + table);
        com.fasterxml.jackson.databind.JsonNode rows = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(budget.resolve("budget.json").toFile());
        assertTrue(rows.isArray() && rows.size() > 0, "budget.json holds rows");
        com.fasterxml.jackson.databind.JsonNode first = rows.get(0);
        for (String field : new String[]{"detector", "budget_minutes", "run", "ood", "auroc"}) {
            assertTrue(first.has(field), "budget.json row field " + field + ": " + first);
        }
        assertEquals(out.getFileName().toString(), first.get("run").asText(), "a run given by an absolute path is named by its directory");
        long twoMinuteRows = 0;
        for (com.fasterxml.jackson.databind.JsonNode budgetRow : rows) {
            twoMinuteRows += budgetRow.get("budget_minutes").asDouble() == 2.0 ? 1 : 0;
        }
        assertEquals(2 * rows.size() / 3, twoMinuteRows, "budget 2 was given twice, budget 1 once");

        // a run without one detector's rows: that budget's cell says how many of its runs had it
        Path partial = Files.createDirectories(dir.resolve("partial"));
        ObjectNode partialRecord = (ObjectNode) new ObjectMapper().readTree(out.resolve("record.json").toFile());
        ArrayNode kept = partialRecord.putArray("results");
        for (JsonNode result : record.get("results")) {
            if (!result.get("detector").asText().equals("likelihood ratio")) {
                kept.add(result);
            }
        }
        new ObjectMapper().writeValue(partial.resolve("record.json").toFile(), partialRecord);
        Result partialCurve = run("budget", "--out", dir.resolve("budget-partial").toString(), "--ood", "smooth",
                "1=" + out, "1=" + partial);
        assertEquals(0, partialCurve.status(), partialCurve.err());
        String partialTable = Files.readString(dir.resolve("budget-partial").resolve("budget.md"));
        String expected = String.format(Locale.ROOT, "| likelihood ratio | %.3f (1 of 2 runs) |", ratioAuroc(record));
        assertTrue(partialTable.contains(expected), partialTable);

        Path ratioCsv = dir.resolve("ratio-scores.csv");
        Result ratioScores = run("score", "-c", config.toString(), "--model",
                out.resolve("models/likelihood-ratio.tribuo").toString(), "--data", "ood", "--out",
                ratioCsv.toString());
        assertEquals(0, ratioScores.status(), ratioScores.err());
        List<String> lines = Files.readAllLines(ratioCsv);
        assertEquals(61, lines.size());
        List<String> header = List.of(lines.get(0).split(","));
        assertTrue(header.containsAll(List.of("in_distribution_level_1_log_likelihood",
                "general_level_1_log_likelihood")), lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",");
            double in = 0;
            double general = 0;
            for (int level = 0; level < 2; level++) {
                in += Double.parseDouble(v[header.indexOf("in_distribution_level_" + level + "_log_likelihood")]);
                general += Double.parseDouble(v[header.indexOf("general_level_" + level + "_log_likelihood")]);
            }
            assertEquals(Double.parseDouble(v[header.indexOf("in_distribution_log_likelihood")]), in, 0.05, line);
            assertEquals(Double.parseDouble(v[header.indexOf("general_log_likelihood")]), general, 0.05, line);
            // the detector's score is ln p_general - ln p_in
            assertEquals(general - in, Double.parseDouble(v[1]), 0.05, line);
        }
    }

    private static double ratioAuroc(JsonNode record) {
        for (JsonNode row : record.get("results")) {
            if (row.get("detector").asText().equals("likelihood ratio")) {
                return row.get("auroc").asDouble();
            }
        }
        throw new AssertionError("no likelihood ratio row in " + record);
    }

    @Test
    void anExperimentWithoutAGeneralDataSetRunsTheDetectorsThatNeedNone() throws IOException {
        Path out = dir.resolve("no-general");
        Result r = run("experiment", "-c", config.toString(), "--experiment", "no-general", "--out", out.toString(),
                "--quiet");
        assertEquals(0, r.status(), r.err());
        JsonNode record = new ObjectMapper().readTree(out.resolve("record.json").toFile());
        java.util.Set<String> detectors = new java.util.TreeSet<>();
        record.get("results").forEach(row -> detectors.add(row.get("detector").asText()));
        assertTrue(detectors.containsAll(List.of("raw likelihood (scratch)", "background ratio",
                "complexity-corrected likelihood (scratch)", "typicality (scratch)")), detectors.toString());
        assertTrue(detectors.stream().noneMatch(d -> d.startsWith("likelihood ratio")), detectors.toString());
        assertTrue(Files.exists(out.resolve("models/background.tribuo")));
    }

    @Test
    void experimentRefusesAnEarlierRunsDirectoryAndResumesIt() throws IOException {
        Path out = dir.resolve("resumed");
        Result first = run("experiment", "-c", config.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, first.status(), first.err());
        JsonNode before = new ObjectMapper().readTree(out.resolve("record.json").toFile()).get("results");

        Result again = run("experiment", "-c", config.toString(), "--out", out.toString(), "--quiet");
        assertEquals(2, again.status(), again.err());
        assertTrue(again.err().contains("--resume"), again.err());

        // as if killed during the last training: its model is missing
        Files.delete(out.resolve("models").resolve("scratch.tribuo"));
        Result resumed = run("experiment", "-c", config.toString(), "--out", out.toString(), "--resume", "--quiet");
        assertEquals(0, resumed.status(), resumed.err());
        JsonNode record = new ObjectMapper().readTree(out.resolve("record.json").toFile());
        JsonNode timings = record.get("timings_seconds");
        assertTrue(timings.has("train general model (reused)"), timings.toString());
        assertTrue(timings.has("fine-tune (reused)"), timings.toString());
        assertTrue(timings.has("train from scratch"), timings.toString());
        assertTrue(Files.exists(out.resolve("models").resolve("scratch.tribuo")));
        // the reused models score exactly as before
        JsonNode after = record.get("results");
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i).get("detector").asText().contains("ratio")) {
                assertEquals(before.get(i), after.get(i));
            }
        }
    }

    @Test
    void benchPrintsJson() throws IOException {
        Result r = run("bench", "--json", "--size", "8", "--levels", "2", "--steps", "1", "--hidden", "4",
                "--batch", "4", "--train-steps", "2", "--score-batches", "2", "--score-batch", "4", "--repeats", "1",
                "--warmup", "1");
        assertEquals(0, r.status(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertTrue(json.get("train_images_per_second").asDouble() > 0, r.out());
        assertTrue(json.has("peak_rss_mb"), r.out());
    }

    @Test
    void badInvocationsFailWithAClearMessage() {
        Result unknown = run("frobnicate");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("Unknown command"), unknown.err());
        Result missing = run("evaluate", "-c", config.toString(), "--model", dir.resolve("nope.tribuo").toString(),
                "--in", "in-test", "--ood", "ood");
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("does not exist"), missing.err());
        Result noComponent = run("train", "-c", config.toString(), "--trainer", "nope", "--data", "in-train",
                "--out", dir.resolve("x.tribuo").toString());
        assertEquals(2, noComponent.status());
        assertTrue(noComponent.err().contains("nope"), noComponent.err());
        assertEquals(2, run().status());

        Result noConfig = run("train", "-c", dir.resolve("missing.xml").toString(), "--trainer", "glow", "--data",
                "in-train", "--out", dir.resolve("y.tribuo").toString());
        assertEquals(2, noConfig.status());
        assertTrue(noConfig.err().contains("missing.xml"), noConfig.err());
    }

    @Test
    void aConfiguredDataFileThatDoesNotExistIsReported() throws IOException {
        Path broken = dir.resolve("broken.xml");
        Files.writeString(broken, Files.readString(config).replace("ood.idx", "no-such-file.idx"));
        Result r = run("train", "-c", broken.toString(), "--trainer", "glow", "--data", "ood", "--out",
                dir.resolve("z.tribuo").toString(), "--quiet");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("no-such-file.idx"), r.err());
        assertTrue(Files.notExists(dir.resolve("z.tribuo")));
    }

    @Test
    void everyCommandPrintsItsUsageAndExitsWithZero() {
        for (String command : List.of("experiment", "train", "score", "evaluate", "bench", "report", "budget")) {
            Result r = run(command, "--usage");
            assertEquals(0, r.status(), command + ": " + r.err());
            assertTrue(r.err().contains("Usage"), command + ": " + r.err());
        }
        assertEquals(0, run("--usage").status());
        assertEquals(2, run().status(), "no command is a usage error");
    }
}
