package io.github.flowanomaly.tf;

/**
 * The outlier loss of the paper, applied while fine-tuning an in-distribution Glow on batches of the general
 * distribution ("outliers").
 *
 * @param kind        which loss.
 * @param weight      {@code w} of the class loss (the paper's code: 6000).
 * @param temperature {@code T} of the class loss (the paper's code: 1000).
 */
public record OutlierLoss(Kind kind, double weight, double temperature) {

    /** The outlier loss variants of the authors' code. */
    public enum Kind {
        /** No outlier loss: plain maximum likelihood. */
        NONE,
        /**
         * {@code w · mean_j softplus((ln p_in(x_j) − StopGrad ln p_general(x_j)) / T)}: binary cross-entropy with
         * target "general" on the log-likelihood ratio.
         */
        CLASS,
        /**
         * {@code mean_i ReLU(D + StopGrad NLL_in(x_i) − NLL_in(x^out_i))}: outliers must have an NLL at least
         * D nats above their paired inliers; the first {@code min(B, B_o)} of each batch are paired. Weight,
         * temperature and the general model are not used.
         */
        MARGIN
    }

    /**
     * Validates the values.
     *
     * @throws IllegalArgumentException for a negative weight or non-positive temperature.
     */
    public OutlierLoss {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        if (!(weight >= 0) || !Double.isFinite(weight)) {
            throw new IllegalArgumentException("outlier weight must be finite and >= 0, found " + weight);
        }
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("outlier temperature must be finite and > 0, found " + temperature);
        }
    }

    /** @return no outlier loss. */
    public static OutlierLoss none() {
        return new OutlierLoss(Kind.NONE, 0.0, 1.0);
    }

    /** @return the margin loss (weight and temperature unused). */
    public static OutlierLoss margin() {
        return new OutlierLoss(Kind.MARGIN, 0.0, 1.0);
    }

    /** @return the class loss with the paper's code's w = 6000, T = 1000. */
    public static OutlierLoss paperClassLoss() {
        return new OutlierLoss(Kind.CLASS, 6000.0, 1000.0);
    }
}
