package io.github.flowanomaly.tf;

import org.tensorflow.TensorFlow;

/**
 * Facts about the TensorFlow runtime, for provenance and benchmarks.
 */
public final class TensorFlowRuntime {

    private TensorFlowRuntime() {}

    /** @return the version of the native TensorFlow library (e.g. 2.16.2 for TF-Java 1.0.0). */
    public static String version() {
        return TensorFlow.version();
    }

    /** @return the value of {@code TF_ENABLE_ONEDNN_OPTS} in this process's environment, or "default". */
    public static String oneDnnSetting() {
        String value = System.getenv("TF_ENABLE_ONEDNN_OPTS");
        return value == null ? "default" : value;
    }
}
