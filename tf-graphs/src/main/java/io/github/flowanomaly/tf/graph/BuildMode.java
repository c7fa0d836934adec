package io.github.flowanomaly.tf.graph;

/**
 * How a forward pass is built.
 */
public enum BuildMode {
    /** Every layer uses its variables. */
    NORMAL,
    /**
     * Every ActNorm computes its parameters from the statistics of its own input on the current batch, writes them
     * into its variables and uses them, so one run of this pass performs the whole data-dependent initialisation
     * in the same sequential order as the authors' code.
     */
    DATA_INIT
}
