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

    /**
     * Which native build of TensorFlow is on the class path: {@code "linux-x86_64-gpu"} (CUDA; the {@code gpu} Maven
     * profile), {@code "linux-x86_64"} (CPU), or {@code "unknown"}.
     *
     * @return the native classifier.
     */
    public static String nativeBuild() {
        for (String build : new String[]{"linux-x86_64-gpu", "linux-x86_64", "linux-arm64", "macosx-arm64",
            "macosx-x86_64", "windows-x86_64"}) {
            if (TensorFlowRuntime.class.getResource("/org/tensorflow/internal/c_api/" + build + "/") != null) {
                return build;
            }
        }
        return "unknown";
    }

    /**
     * Logs, once per JVM, the TensorFlow version, native build (GPU or CPU), oneDNN setting and threads, so users can
     * see whether the GPU build is in use; with the GPU build, TensorFlow also logs the devices it finds.
     *
     * @param execution the session's execution options.
     */
    static synchronized void logStartup(ExecutionOptions execution) {
        if (!logged) {
            logged = true;
            java.util.logging.Logger.getLogger(TensorFlowRuntime.class.getName()).info("TensorFlow " + version()
                    + ", natives " + nativeBuild() + ", TF_ENABLE_ONEDNN_OPTS=" + oneDnnSetting() + ", intra-op threads "
                    + execution.intraOpThreads() + ", inter-op threads " + execution.interOpThreads()
                    + (execution.logDevicePlacement() ? ", logging device placement" : ""));
        }
    }

    private static boolean logged;

    /** @return the value of {@code TF_ENABLE_ONEDNN_OPTS} in this process's environment, or "default". */
    public static String oneDnnSetting() {
        String value = System.getenv("TF_ENABLE_ONEDNN_OPTS");
        return value == null || value.isBlank() ? "default" : value;
    }
}
