package io.github.flowanomaly.spark;

/** Where {@link SparkScoreJob} reads images from. */
public enum InputFormat {
    /** A folder tree of {@code .png}, {@code .jpg} and {@code .jpeg} files (any case), read with {@code binaryFiles}. */
    IMAGES,
    /** One IDX image file (as MNIST's), read on the driver; ids are the image indices. */
    IDX,
    /** Parquet files with an id column and a binary column of PNG/JPEG bytes. */
    PARQUET
}
