package io.github.flowanomaly.tribuo.glow;

/**
 * Receives progress reports from long training runs (e.g. to drive a progress display).
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores every report. */
    ProgressListener NONE = p -> { };

    /**
     * Called periodically during training, on the training thread.
     *
     * @param progress the report.
     */
    void onProgress(TrainingProgress progress);
}
