package io.github.flowanomaly.spark;

import com.oracle.labs.mlrg.olcut.config.ArgumentException;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.Option;
import com.oracle.labs.mlrg.olcut.config.Options;
import com.oracle.labs.mlrg.olcut.config.UsageException;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tribuo.evaluation.ScoreOrientation;
import io.github.flowanomaly.tribuo.evaluation.ScoreTable;
import io.github.flowanomaly.tribuo.files.SavedModels;
import io.github.flowanomaly.tribuo.glow.FlowAnomalyModel;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.tribuo.Model;
import org.tribuo.anomaly.Event;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * Scores a collection of images with a saved detector of this library on Apache Spark and writes one row per image:
 * {@code id} (file path, Parquet id or IDX index), {@code score} (higher = more anomalous), {@code decision}
 * ({@code ANOMALOUS}/{@code EXPECTED} against the model's threshold), {@code error} (why an image could not be
 * scored; its score is then null), then the model's explaining columns ({@link ScoreTable}: bits/dim, per-level
 * log-likelihoods, ...), the same numbers {@code flowad score} writes.
 * <p>
 * The model file is read once on the driver and broadcast; each executor JVM deserializes it once
 * ({@link ModelHolder}) and every task there shares it. Images are scored in batches through the model's TensorFlow
 * session.
 * <pre>
 * spark-submit --class io.github.flowanomaly.spark.SparkScoreJob flow-anomaly-spark-VERSION-all.jar \
 *     --model detector.tribuo --input hdfs:///images --format IMAGES --out hdfs:///scores
 * </pre>
 */
public final class SparkScoreJob {

    /** The command-line options (OLCUT). */
    public static final class JobOptions implements Options {
        /** The model. */
        @Option(longName = "model", usage = "Saved .tribuo anomaly model of this library (required).")
        public Path model;
        /** The images. */
        @Option(longName = "input", usage = "Images: a folder tree (IMAGES), an IDX file (IDX) or Parquet (PARQUET).")
        public String input;
        /** Input format. */
        @Option(longName = "format", usage = "IMAGES (PNG/JPEG files, recursive), IDX or PARQUET.")
        public InputFormat format = InputFormat.IMAGES;
        /** Parquet id column. */
        @Option(longName = "id-column", usage = "Parquet column naming each image.")
        public String idColumn = "id";
        /** Parquet image column. */
        @Option(longName = "image-column", usage = "Parquet column of PNG/JPEG bytes.")
        public String imageColumn = "image";
        /** Resize images of another size. */
        @Option(longName = "resize", usage = "true: resize images of another size to the model's (bilinear); "
                + "false: such images get an error row.")
        public boolean resize = false;
        /** Batch size. */
        @Option(longName = "batch", usage = "Images per scoring call.")
        public int batch = FlowAnomalyModel.PREDICT_CHUNK;
        /** Output. */
        @Option(longName = "out", usage = "Output path (must not exist; required).")
        public String out;
        /** Output format. */
        @Option(longName = "output-format", usage = "PARQUET or CSV (with a header).")
        public OutputFormat outputFormat = OutputFormat.PARQUET;
        /** Spark master. */
        @Option(longName = "master", usage = "Spark master, e.g. local[*] on a laptop; default: spark-submit's.")
        public String master;

        @Override
        public String getOptionsDescription() {
            return "flowad-spark: batch scoring of a saved detector on Apache Spark.";
        }

        /** @return the validated settings. */
        ScoreJobSettings settings() {
            return new ScoreJobSettings(model, input, format, idColumn, imageColumn, resize, batch, out,
                    outputFormat);
        }
    }

    /**
     * What a job wrote.
     *
     * @param rows      rows written (images found).
     * @param scored    rows with a score.
     * @param errors    rows with an error instead.
     * @param anomalous rows decided {@code ANOMALOUS}.
     */
    public record Summary(long rows, long scored, long errors, long anomalous) {
    }

    private SparkScoreJob() {}

    /**
     * Runs the job from the command line and exits with its status (0 done, 1 failed, 2 bad arguments).
     *
     * @param args the options.
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the job from the command line.
     *
     * @param args the options.
     * @param out  where the summary goes.
     * @param err  where errors and usage go.
     * @return the exit status.
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        JobOptions options = new JobOptions();
        ScoreJobSettings settings;
        try (ConfigurationManager cm = new ConfigurationManager(args, options)) {
            if (cm.getUnnamedArguments().length > 0) {
                throw new IllegalArgumentException("Unexpected argument '" + cm.getUnnamedArguments()[0] + "'");
            }
            settings = options.settings();
        } catch (UsageException e) {
            err.println(e.getUsage());
            return 0;
        } catch (ArgumentException | IllegalArgumentException e) {
            err.println("flowad-spark: " + e.getMessage());
            return 2;
        }
        SparkSession.Builder builder = SparkSession.builder().appName("flowad-spark score");
        if (options.master != null) {
            builder.master(options.master);
        }
        SparkSession spark = builder.getOrCreate();
        try {
            Summary summary = score(spark, settings);
            out.println("Scored " + summary.scored() + " of " + summary.rows() + " images (" + summary.errors()
                    + " errors, " + summary.anomalous() + " anomalous) into " + settings.output());
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("flowad-spark: " + e.getMessage());
            return 2;
        } catch (RuntimeException | IOException e) {
            err.println("flowad-spark failed: " + e);
            return 1;
        } finally {
            spark.stop();
        }
    }

    /**
     * Scores the images of a job and writes its rows.
     *
     * @param spark    the session.
     * @param settings the job.
     * @return counts of what was written.
     * @throws IOException              if the model file cannot be read.
     * @throws IllegalArgumentException if the model is not one of this library's detectors, the input is missing
     *                                  or the output exists.
     */
    public static Summary score(SparkSession spark, ScoreJobSettings settings) throws IOException {
        if (!Files.isRegularFile(settings.model())) {
            throw new IllegalArgumentException("Model file " + settings.model() + " does not exist");
        }
        byte[] bytes = Files.readAllBytes(settings.model());
        String key = digest(bytes);
        StructType schema;
        int columns;
        Model<Event> model = SavedModels.readAnomalyModel(bytes, settings.model().toString());
        try {
            if (!(model instanceof FlowAnomalyModel flow)) {
                throw new IllegalArgumentException("Model file " + settings.model() + " holds a "
                        + model.getClass().getName() + ": the Spark job scores this library's detectors "
                        + "(FlowAnomalyModel), whose image shape it knows; score other models with flowad score");
            }
            GlowSpec spec = flow.spec();
            List<ScoreTable.Column> table = ScoreTable.columnsOf(model, ScoreOrientation.resolve(model, null),
                    spec.levels());
            columns = table.size();
            schema = outputSchema(table);
        } finally {
            if (model instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // the driver's copy only told the schema
                }
            }
        }
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(settings.output());
        if (target.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(target)) {
            throw new IllegalArgumentException("Output " + settings.output() + " exists: choose a new path "
                    + "(nothing is overwritten)");
        }
        Broadcast<byte[]> broadcast = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(bytes);
        try {
            Dataset<Row> images = ImageRows.read(spark, settings);
            Dataset<Row> scored = images.mapPartitions(
                    new PartitionScorer(broadcast, key, settings.batchSize(), settings.resize(), columns),
                    Encoders.row(schema));
            if (settings.outputFormat() == OutputFormat.CSV) {
                scored.write().option("header", "true").csv(settings.output());
            } else {
                scored.write().parquet(settings.output());
            }
        } finally {
            broadcast.destroy();
        }
        Dataset<Row> written = settings.outputFormat() == OutputFormat.CSV
                ? spark.read().option("header", "true").schema(schema).csv(settings.output())
                : spark.read().parquet(settings.output());
        long rows = written.count();
        long errors = written.filter(col("error").isNotNull()).count();
        long anomalous = written.filter(col("decision").equalTo(Event.EventType.ANOMALOUS.toString())).count();
        return new Summary(rows, rows - errors, errors, anomalous);
    }

    /**
     * The rows' schema: id, score, decision, error, then the model's columns (doubles).
     *
     * @param table the model's explaining columns.
     * @return the schema.
     */
    static StructType outputSchema(List<ScoreTable.Column> table) {
        StructType schema = new StructType()
                .add("id", DataTypes.StringType, false)
                .add("score", DataTypes.DoubleType, true)
                .add("decision", DataTypes.StringType, true)
                .add("error", DataTypes.StringType, true);
        for (ScoreTable.Column column : table) {
            schema = schema.add(column.name(), DataTypes.DoubleType, true);
        }
        return schema;
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
