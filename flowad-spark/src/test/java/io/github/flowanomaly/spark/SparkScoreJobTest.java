package io.github.flowanomaly.spark;

import io.github.flowanomaly.tf.ExecutionOptions;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.OutlierLoss;
import io.github.flowanomaly.tf.Precision;
import io.github.flowanomaly.tf.TrainingOptions;
import io.github.flowanomaly.tribuo.data.DatasetRole;
import io.github.flowanomaly.tribuo.data.IdxImageSource;
import io.github.flowanomaly.tribuo.data.IdxWriter;
import io.github.flowanomaly.tribuo.data.ImageShape;
import io.github.flowanomaly.tribuo.data.ImageFolderSource;
import io.github.flowanomaly.tribuo.data.ImagePreprocessing;
import io.github.flowanomaly.tribuo.data.ImageRange;
import io.github.flowanomaly.tribuo.evaluation.ScoreOrientation;
import io.github.flowanomaly.tribuo.evaluation.ScoreTable;
import io.github.flowanomaly.tribuo.files.SavedModels;
import io.github.flowanomaly.tribuo.glow.BatchAugmentation;
import io.github.flowanomaly.tribuo.glow.CalibrationSettings;
import io.github.flowanomaly.tribuo.glow.Checkpointing;
import io.github.flowanomaly.tribuo.glow.FitSettings;
import io.github.flowanomaly.tribuo.glow.FlowScore;
import io.github.flowanomaly.tribuo.glow.GlowModel;
import io.github.flowanomaly.tribuo.glow.GlowTrainer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.anomaly.Event;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spark job in {@code local[2]} mode: its scores equal the single-JVM scores ({@link ScoreTable}, which is what
 * {@code flowad score} writes) bit for bit, a corrupt image gets an error row instead of failing the job, the model
 * is deserialized once per executor JVM, and bad arguments get clear errors.
 */
@Tag("spark")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkScoreJobTest {

    private static final int SIDE = 8;
    private static final int IMAGES = 500;

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static Path modelPath;
    private static GlowModel model;
    private static Path idx;
    private static Path folder;

    @BeforeAll
    static void setUp() throws IOException {
        byte[][] images = images(IMAGES, 3);
        idx = dir.resolve("images-idx3-ubyte");
        IdxWriter.writeImages(idx, new ImageShape(SIDE, SIDE, 1), images);
        folder = Files.createDirectories(dir.resolve("png/nested"));
        for (int i = 0; i < IMAGES; i++) {
            ImageIO.write(grey(images[i]), "png", folder.resolve(String.format("img%03d.png", i)).toFile());
        }
        GlowTrainer trainer = new GlowTrainer(new GlowSpec(SIDE, SIDE, 1, 2, 1, 4, 0),
                new FitSettings(1, 20, 0, 32, 64, 0.05, 10),
                new TrainingOptions(2e-3, 5e-5, 0, 0, 0, 0.9, 0.999, 1e-8, OutlierLoss.none()), BatchAugmentation.NONE,
                new ExecutionOptions(1, 1, false, Precision.FP32), CalibrationSettings.DEFAULT,
                FlowScore.NEGATIVE_LOG_LIKELIHOOD, null, Checkpointing.NONE, 5);
        model = trainer.train(new MutableDataset<>(new IdxImageSource(idx, null, List.of(),
                DatasetRole.IN_DISTRIBUTION, ImagePreprocessing.NONE, new ImageRange(0, 300))));
        modelPath = dir.resolve("glow.tribuo");
        SavedModels.write(model, modelPath);
        spark = SparkSession.builder().master("local[2]").appName("flowad-spark test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterAll
    static void tearDown() {
        if (spark != null) {
            spark.stop();
        }
        if (model != null) {
            model.close();
        }
    }

    @Test
    @Order(1)
    void imageFolderScoresEqualTheSingleJvmScoresBitForBitAndACorruptImageGetsAnErrorRow() throws IOException {
        Files.write(folder.resolve("broken.png"), new byte[]{1, 2, 3, 4, 5});
        Path clean = Files.createDirectories(dir.resolve("clean"));
        try (var files = Files.list(folder)) {
            for (Path f : files.filter(p -> !p.getFileName().toString().equals("broken.png")).toList()) {
                Files.copy(f, clean.resolve(f.getFileName()));
            }
        }
        ImageFolderSource source = new ImageFolderSource(clean, 1, DatasetRole.IN_DISTRIBUTION,
                ImagePreprocessing.NONE);
        List<Example<Event>> examples = new MutableDataset<>(source).getData();
        ScoreTable expected = ScoreTable.of(model, ScoreOrientation.HIGHER_IS_ANOMALOUS, examples);
        // ImageFolderSource loads in file-name order
        Map<String, Integer> expectedRow = new HashMap<>();
        for (int i = 0; i < IMAGES; i++) {
            expectedRow.put(String.format("img%03d.png", i), i);
        }
        String out = dir.resolve("folder-scores").toString();
        SparkScoreJob.Summary summary = SparkScoreJob.score(spark, settings(dir.resolve("png").toString(),
                InputFormat.IMAGES, out, OutputFormat.PARQUET));
        assertEquals(new SparkScoreJob.Summary(IMAGES + 1, IMAGES, 1, summary.anomalous()), summary);
        List<Row> rows = spark.read().parquet(out).collectAsList();
        assertEquals(IMAGES + 1, rows.size());
        int compared = 0;
        for (Row row : rows) {
            String name = Path.of(row.getString(0).replace("file:", "")).getFileName().toString();
            if (name.equals("broken.png")) {
                assertTrue(row.isNullAt(row.fieldIndex("score")));
                assertTrue(row.getString(row.fieldIndex("error")).contains("cannot be decoded"),
                        row.getString(row.fieldIndex("error")));
                continue;
            }
            int i = expectedRow.get(name);
            assertNull(row.get(row.fieldIndex("error")));
            assertEquals(expected.scores()[i], row.getDouble(row.fieldIndex("score")), 0.0, name);
            assertEquals(expected.decisions().get(i), row.getString(row.fieldIndex("decision")));
            double[] values = new double[expected.columns().size()];
            for (int c = 0; c < values.length; c++) {
                values[c] = row.getDouble(row.fieldIndex(expected.columns().get(c).name()));
            }
            assertArrayEquals(expected.values()[i], values, 0.0, name);
            compared++;
        }
        assertEquals(IMAGES, compared);
        assertEquals(1, ModelHolder.loads(), "one deserialization per executor JVM (local mode: one JVM)");
        Files.delete(folder.resolve("broken.png"));
    }

    @Test
    @Order(2)
    void idxToCsvAndParquetInputGiveTheSameScores() throws IOException {
        List<Example<Event>> examples = new MutableDataset<>(new IdxImageSource(idx, null, List.of(),
                DatasetRole.IN_DISTRIBUTION, ImagePreprocessing.NONE, ImageRange.ALL)).getData();
        ScoreTable expected = ScoreTable.of(model, ScoreOrientation.HIGHER_IS_ANOMALOUS, examples);
        String csv = dir.resolve("idx-scores").toString();
        SparkScoreJob.score(spark, settings(idx.toString(), InputFormat.IDX, csv, OutputFormat.CSV));
        Map<String, Double> byId = new HashMap<>();
        for (Row row : spark.read().option("header", "true").option("inferSchema", "true").csv(csv)
                .collectAsList()) {
            byId.put(String.valueOf(row.get(row.fieldIndex("id"))),
                    ((Number) row.get(row.fieldIndex("score"))).doubleValue());
        }
        assertEquals(IMAGES, byId.size());
        for (int i = 0; i < IMAGES; i++) {
            assertEquals(expected.scores()[i], byId.get(Integer.toString(i)), 0.0, "image " + i);
        }

        List<Row> encoded = new ArrayList<>();
        byte[][] images = images(IMAGES, 3);
        for (int i = 0; i < 40; i++) {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(grey(images[i]), "png", png);
            encoded.add(org.apache.spark.sql.RowFactory.create((long) i, png.toByteArray()));
        }
        Path table = dir.resolve("table.parquet");
        spark.createDataFrame(encoded, new org.apache.spark.sql.types.StructType()
                        .add("key", org.apache.spark.sql.types.DataTypes.LongType)
                        .add("png", org.apache.spark.sql.types.DataTypes.BinaryType))
                .write().parquet(table.toString());
        String out = dir.resolve("parquet-scores").toString();
        SparkScoreJob.score(spark, new ScoreJobSettings(modelPath, table.toString(), InputFormat.PARQUET, "key",
                "png", false, 16, out, OutputFormat.PARQUET));
        List<Row> rows = spark.read().parquet(out).collectAsList();
        assertEquals(40, rows.size());
        for (Row row : rows) {
            int i = Integer.parseInt(row.getString(0));
            assertEquals(expected.scores()[i], row.getDouble(1), 0.0, "parquet image " + i);
        }
    }

    @Test
    @Order(3)
    void badArgumentsAndAnExistingOutputGetClearErrors() throws IOException {
        String out = dir.resolve("exists").toString();
        Files.createDirectories(Path.of(out));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkScoreJob.score(spark,
                settings(idx.toString(), InputFormat.IDX, out, OutputFormat.PARQUET)));
        assertTrue(e.getMessage().contains("exists"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkScoreJob.score(spark,
                new ScoreJobSettings(dir.resolve("none.tribuo"), idx.toString(), InputFormat.IDX, "id", "image",
                        false, 8, dir.resolve("x").toString(), OutputFormat.CSV)));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SparkScoreJob.run(new String[]{"--input", idx.toString(), "--out", "x"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertEquals(2, status);
        assertTrue(err.toString().contains("--model"), err.toString());
        assertNotNull(SparkScoreJob.outputSchema(List.of()));
    }

    /** Last: the command line stops the session it gets (the shared one). */
    @Test
    @Order(4)
    void theCommandLineScoresAndPrintsASummary() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SparkScoreJob.run(new String[]{"--model", modelPath.toString(), "--input", idx.toString(),
                "--format", "IDX", "--out", dir.resolve("cli-scores").toString(), "--output-format", "CSV",
                "--master", "local[2]"}, new PrintStream(out), new PrintStream(err));
        assertEquals(0, status, err.toString());
        assertTrue(out.toString().contains("Scored " + IMAGES + " of " + IMAGES + " images (0 errors"),
                out.toString());
        assertEquals(0, SparkScoreJob.run(new String[]{"--usage"}, new PrintStream(out), new PrintStream(err)));
    }

    private static ScoreJobSettings settings(String input, InputFormat format, String out, OutputFormat outFormat) {
        return new ScoreJobSettings(modelPath, input, format, "id", "image", false, 64, out, outFormat);
    }

    /** Bright squares at random places on a dark, noisy background. */
    private static byte[][] images(int count, long seed) {
        Random random = new Random(seed);
        byte[][] images = new byte[count][SIDE * SIDE];
        for (byte[] image : images) {
            int x0 = random.nextInt(SIDE - 3);
            int y0 = random.nextInt(SIDE - 3);
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    boolean inside = x >= x0 && x < x0 + 3 && y >= y0 && y < y0 + 3;
                    image[y * SIDE + x] = (byte) ((inside ? 200 : 20) + random.nextInt(30));
                }
            }
        }
        return images;
    }

    private static BufferedImage grey(byte[] pixels) {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, SIDE, SIDE, pixels);
        return image;
    }
}
