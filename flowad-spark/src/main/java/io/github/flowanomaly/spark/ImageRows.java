package io.github.flowanomaly.spark;

import io.github.flowanomaly.tribuo.data.DecodedImage;
import io.github.flowanomaly.tribuo.data.IdxImageSource;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Reads the images to score as rows of {@link #SCHEMA}: an id, the image's bytes, whether they are encoded (PNG/JPEG)
 * or raw uint8 pixels, and for raw pixels their height, width and channels.
 */
final class ImageRows {

    /** id, data, encoded, height, width, channels. */
    static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("data", DataTypes.BinaryType, true)
            .add("encoded", DataTypes.BooleanType, false)
            .add("height", DataTypes.IntegerType, false)
            .add("width", DataTypes.IntegerType, false)
            .add("channels", DataTypes.IntegerType, false);

    /** The extensions of image files in a folder tree, any case. */
    private static final String IMAGE_GLOB = "*.{png,PNG,Png,jpg,JPG,Jpg,jpeg,JPEG,Jpeg}";

    private ImageRows() {}

    /**
     * Reads the input of a job.
     *
     * @param spark    the session.
     * @param settings the job (input, format, column names).
     * @return the rows, in {@link #SCHEMA}.
     * @throws IllegalArgumentException if the input does not exist or lacks a named column.
     */
    static Dataset<Row> read(SparkSession spark, ScoreJobSettings settings) {
        return switch (settings.format()) {
            case IMAGES -> spark.read().format("binaryFile")
                    .option("recursiveFileLookup", "true")
                    .option("pathGlobFilter", IMAGE_GLOB)
                    .load(settings.input())
                    .select(col("path").as("id"), col("content").as("data"), lit(true).as("encoded"),
                            lit(0).as("height"), lit(0).as("width"), lit(0).as("channels"));
            case PARQUET -> parquet(spark, settings);
            case IDX -> idx(spark, settings);
        };
    }

    private static Dataset<Row> parquet(SparkSession spark, ScoreJobSettings settings) {
        Dataset<Row> table = spark.read().parquet(settings.input());
        List<String> columns = Arrays.asList(table.columns());
        for (String needed : List.of(settings.idColumn(), settings.imageColumn())) {
            if (!columns.contains(needed)) {
                throw new IllegalArgumentException("Parquet input " + settings.input() + ": expected a column '"
                        + needed + "', found " + columns + " (set --id-column and --image-column)");
            }
        }
        return table.select(col(settings.idColumn()).cast(DataTypes.StringType).as("id"),
                col(settings.imageColumn()).cast(DataTypes.BinaryType).as("data"), lit(true).as("encoded"),
                lit(0).as("height"), lit(0).as("width"), lit(0).as("channels"));
    }

    /** An IDX file is read on the driver (it is one file) and distributed as rows of raw pixels. */
    private static Dataset<Row> idx(SparkSession spark, ScoreJobSettings settings) {
        List<DecodedImage> images = IdxImageSource.readAll(Path.of(settings.input()));
        List<Row> rows = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            DecodedImage image = images.get(i);
            rows.add(RowFactory.create(Integer.toString(i), image.pixels(), false, image.shape().height(),
                    image.shape().width(), image.shape().channels()));
        }
        return spark.createDataFrame(rows, SCHEMA);
    }
}
