package io.github.flowanomaly.tf;

/**
 * How TensorFlow executes a session.
 *
 * @param intraOpThreads     threads used inside one op (0 lets TensorFlow choose).
 * @param interOpThreads     ops run in parallel (0 lets TensorFlow choose).
 * @param logDevicePlacement whether TensorFlow logs the device of every op (to see whether a GPU is used).
 * @param precision          the arithmetic precision asked for (resolved against the CPU when a graph is built, see
 *                           {@link #effectivePrecision()}).
 */
public record ExecutionOptions(int intraOpThreads, int interOpThreads, boolean logDevicePlacement,
                               Precision precision) {

    /**
     * Two ops at a time: with one, a training step left about a fifth of two cores idle (15-22% of all CPU time in
     * {@code flowad bench}'s {@code train_cpu}) while small single-threaded ops ran; with two, 8-11%, and training ran
     * 1.23x faster (median of three interleaved pairs, docs/performance.md). Results do not depend on it: every op
     * computes the same values whatever runs beside it.
     */
    public static final int DEFAULT_INTER_OP_THREADS = 2;

    /**
     * Validates the thread counts.
     *
     * @throws IllegalArgumentException if a thread count is negative or the precision is null.
     */
    public ExecutionOptions {
        if (precision == null) {
            throw new IllegalArgumentException("precision must not be null (FP32, BF16_COUPLING or AUTO)");
        }
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads must be >= 0 (0 lets TensorFlow choose), found "
                    + intraOpThreads);
        }
        if (interOpThreads < 0) {
            throw new IllegalArgumentException("interOpThreads must be >= 0 (0 lets TensorFlow choose), found "
                    + interOpThreads);
        }
    }

    /**
     * The settings measured best on small CPUs: all available cores inside ops, {@value #DEFAULT_INTER_OP_THREADS}
     * ops at a time, float32.
     *
     * @return the defaults.
     */
    public static ExecutionOptions defaults() {
        return new ExecutionOptions(Runtime.getRuntime().availableProcessors(), DEFAULT_INTER_OP_THREADS, false,
                Precision.FP32);
    }

    /**
     * The same settings with another precision.
     *
     * @param other the precision.
     * @return the options.
     */
    public ExecutionOptions withPrecision(Precision other) {
        return new ExecutionOptions(intraOpThreads, interOpThreads, logDevicePlacement, other);
    }

    /** @return the precision the graphs use on this machine's CPU ({@link Precision#resolve}). */
    public Precision effectivePrecision() {
        return precision.resolve(CpuFeatures.current());
    }
}
