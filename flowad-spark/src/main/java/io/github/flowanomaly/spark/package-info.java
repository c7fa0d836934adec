/**
 * Batch scoring of this library's saved anomaly detectors on Apache Spark: {@link
 * io.github.flowanomaly.spark.SparkScoreJob} reads images (a folder tree of PNG/JPEG, an IDX file, or a Parquet column
 * of encoded images), scores them with a {@code .tribuo} model shipped to every executor once, and writes one row per
 * image (id, anomaly score, decision, the model's explaining columns, an error for an image that cannot be scored).
 */
package io.github.flowanomaly.spark;
