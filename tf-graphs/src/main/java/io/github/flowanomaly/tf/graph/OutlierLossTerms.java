package io.github.flowanomaly.tf.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * The outlier losses of the paper's code as graph terms.
 */
public final class OutlierLossTerms {

    private OutlierLossTerms() {}

    /**
     * The class loss {@code w · mean_j softplus(Δ_j / T)} with {@code Δ_j = ln p_in(x_j) − StopGrad ln p_gen(x_j)}:
     * binary cross-entropy with logit {@code Δ/T} and target 0. Its derivative is
     * {@code ∂L/∂Δ_j = (w/T)·σ(Δ_j/T)/B}.
     *
     * @param ctx                  the graph context.
     * @param inDistLogLikelihood  {@code ln p_in} of the outliers, {@code [B]}.
     * @param generalLogLikelihood {@code ln p_gen} of the outliers, {@code [B]} (gradient stopped).
     * @param weight               {@code w}.
     * @param temperature          {@code T}.
     * @param <T>                  the floating point type.
     * @return the scalar loss.
     */
    public static <T extends TFloating> Operand<T> classLoss(GraphContext<T> ctx, Operand<T> inDistLogLikelihood,
                                                             Operand<T> generalLogLikelihood, double weight,
                                                             double temperature) {
        Ops tf = ctx.tf();
        Operand<T> delta = tf.math.sub(inDistLogLikelihood, tf.stopGradient(generalLogLikelihood));
        return classLossOfDelta(ctx, delta, weight, temperature);
    }

    /**
     * The class loss as a function of the log-likelihood ratios {@code Δ}.
     *
     * @param ctx         the graph context.
     * @param delta       {@code Δ}, {@code [B]}.
     * @param weight      {@code w}.
     * @param temperature {@code T}.
     * @param <T>         the floating point type.
     * @return {@code w · mean softplus(Δ/T)}.
     */
    public static <T extends TFloating> Operand<T> classLossOfDelta(GraphContext<T> ctx, Operand<T> delta,
                                                                    double weight, double temperature) {
        Ops tf = ctx.tf();
        Operand<T> softplus = tf.math.softplus(tf.math.div(delta, ctx.scalar(temperature)));
        return tf.math.mul(tf.math.mean(softplus, ctx.ints(0)), ctx.scalar(weight));
    }

    /**
     * The margin loss {@code (1/n) Σ_{i<n} ReLU(D + StopGrad NLL_in(x_i) − NLL_in(x^out_i))} with
     * {@code n = min(B, B_o)}, pairing inlier i with outlier i (the authors' {@code apply_outlier_losses_from_outs}).
     *
     * @param ctx        the graph context.
     * @param inlierNll  NLL of the inliers in nats, {@code [B]}.
     * @param outlierNll NLL of the outliers in nats, {@code [B_o]}.
     * @param dimensions the margin D (one nat per dimension).
     * @param <T>        the floating point type.
     * @return the scalar loss.
     */
    public static <T extends TFloating> Operand<T> marginLoss(GraphContext<T> ctx, Operand<T> inlierNll,
                                                              Operand<T> outlierNll, int dimensions) {
        Ops tf = ctx.tf();
        Operand<TInt32> n = tf.math.minimum(tf.shape(inlierNll), tf.shape(outlierNll));
        Operand<TInt32> start = tf.constant(new int[]{0});
        Operand<T> inliers = tf.slice(inlierNll, start, n);
        Operand<T> outliers = tf.slice(outlierNll, start, n);
        Operand<T> gap = tf.math.sub(tf.math.add(tf.stopGradient(inliers), ctx.scalar(dimensions)), outliers);
        return tf.math.mean(tf.nn.relu(gap), ctx.ints(0));
    }
}
