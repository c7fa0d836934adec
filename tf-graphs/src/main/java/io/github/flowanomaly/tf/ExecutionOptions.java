package io.github.flowanomaly.tf;

/**
 * How TensorFlow executes a session.
 *
 * @param intraOpThreads     threads used inside one op (0 lets TensorFlow choose).
 * @param interOpThreads     ops run in parallel (0 lets TensorFlow choose).
 * @param logDevicePlacement whether TensorFlow logs the device of every op (to see whether a GPU is used).
 */
public record ExecutionOptions(int intraOpThreads, int interOpThreads, boolean logDevicePlacement) {

    /**
     * Validates the thread counts.
     *
     * @throws IllegalArgumentException if a thread count is negative.
     */
    public ExecutionOptions {
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
     * The settings measured best on small CPUs: all available cores inside ops, one op at a time.
     *
     * @return the defaults.
     */
    public static ExecutionOptions defaults() {
        return new ExecutionOptions(Runtime.getRuntime().availableProcessors(), 1, false);
    }
}
