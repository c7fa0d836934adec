package io.github.flowanomaly.tf.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * The per-scale prior of the authors' code: a per-dimension ActNorm ({@code eps = 1e-8}) followed by a standard normal,
 * i.e. a learned, unconditional, diagonal Gaussian per dimension. Its log-likelihood contribution is
 * {@code Σ_d ln(exp(ls_d) + 1e-8) + Σ_d ln N(z_d; 0, 1)}.
 *
 * @param <T> the floating point type.
 */
public final class ScalePrior<T extends TFloating> {

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private final GraphContext<T> ctx;
    private final ActNorm<T> actNorm;

    /**
     * Creates the prior and its parameters ({@code <name>.loc}, {@code <name>.log_scale}, shape {@code [h, w, c]}).
     *
     * @param ctx      the graph context.
     * @param params   where to create the parameters.
     * @param name     parameter name prefix, e.g. {@code level0.prior}.
     * @param height   height of the factored-out tensor.
     * @param width    width of the factored-out tensor.
     * @param channels channels of the factored-out tensor.
     */
    public ScalePrior(GraphContext<T> ctx, Parameters<T> params, String name, int height, int width, int channels) {
        this.ctx = ctx;
        this.actNorm = ActNorm.perDimension(ctx, params, name, height, width, channels);
    }

    /**
     * Scores a factored-out tensor.
     *
     * @param a    the factored-out tensor {@code [N, h, w, c]}.
     * @param pass the forward pass.
     * @return the standardised latent {@code z} and the per-example log-likelihood contribution {@code [N]}.
     */
    public FlowResult<T> forward(Operand<T> a, ForwardPass pass) {
        Ops tf = ctx.tf();
        FlowResult<T> normalised = actNorm.forward(a, pass);
        Operand<T> z = normalised.output();
        Operand<T> halfSquares = tf.math.mul(tf.math.mul(z, z), ctx.scalar(-0.5));
        Operand<T> gaussian = tf.math.sub(halfSquares, ctx.scalar(HALF_LOG_TWO_PI));
        Operand<T> logDensity = tf.reduceSum(gaussian, ctx.ints(1, 2, 3));
        return new FlowResult<>(z, tf.math.add(logDensity, normalised.logDet()));
    }

    /**
     * Maps a standardised latent back to the factored-out tensor.
     *
     * @param z the latent.
     * @return the factored-out tensor.
     */
    public Operand<T> inverse(Operand<T> z) {
        return actNorm.inverse(z);
    }
}
