package io.github.flowanomaly.spark;

import java.nio.file.Path;

/**
 * What one {@link SparkScoreJob} does.
 *
 * @param model        the saved {@code .tribuo} anomaly model of this library.
 * @param input        the images: a folder (IMAGES), a file (IDX) or a Parquet path (PARQUET); any path Spark reads.
 * @param format       the input's format.
 * @param idColumn     the Parquet column naming each image (PARQUET only).
 * @param imageColumn  the Parquet column holding PNG/JPEG bytes (PARQUET only).
 * @param resize       whether images of another size are resized (bilinear) to the model's; otherwise they get an
 *                     error row.
 * @param batchSize    images per scoring call, &gt; 0.
 * @param output       where the rows go (must not exist: nothing is overwritten).
 * @param outputFormat Parquet or CSV.
 */
public record ScoreJobSettings(Path model, String input, InputFormat format, String idColumn, String imageColumn,
                               boolean resize, int batchSize, String output, OutputFormat outputFormat) {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException naming the missing or invalid setting.
     */
    public ScoreJobSettings {
        if (model == null) {
            throw new IllegalArgumentException("--model (a saved .tribuo model) is required");
        }
        if (input == null || input.isBlank()) {
            throw new IllegalArgumentException("--input (the images) is required");
        }
        if (output == null || output.isBlank()) {
            throw new IllegalArgumentException("--out (where the scores go) is required");
        }
        if (format == null || outputFormat == null) {
            throw new IllegalArgumentException("--format (IMAGES, IDX, PARQUET) and --output-format (PARQUET, CSV) "
                    + "must be set");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("--batch must be > 0, found " + batchSize);
        }
        if (format == InputFormat.PARQUET && (idColumn == null || imageColumn == null)) {
            throw new IllegalArgumentException("Parquet input needs --id-column and --image-column");
        }
    }
}
