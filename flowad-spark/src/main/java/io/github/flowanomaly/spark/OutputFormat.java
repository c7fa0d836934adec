package io.github.flowanomaly.spark;

/** How {@link SparkScoreJob} writes its rows. */
public enum OutputFormat {
    /** Parquet (typed columns). */
    PARQUET,
    /** CSV with a header line. */
    CSV
}
