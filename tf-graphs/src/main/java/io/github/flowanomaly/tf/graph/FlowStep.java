package io.github.flowanomaly.tf.graph;

import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

import java.util.Random;

/**
 * One Glow step: ActNorm → invertible 1x1 convolution (LU) → affine coupling.
 *
 * @param <T> the floating point type.
 */
public final class FlowStep<T extends TFloating> {

    private final GraphContext<T> ctx;
    private final ActNorm<T> actNorm;
    private final InvertibleConv1x1<T> conv;
    private final AffineCoupling<T> coupling;

    /**
     * Creates the step and its parameters (named {@code <name>.actnorm.*}, {@code <name>.invconv.*},
     * {@code <name>.coupling.*}).
     *
     * @param ctx      the graph context.
     * @param params   where to create the parameters.
     * @param name     parameter name prefix, e.g. {@code level0.step3}.
     * @param height   input height.
     * @param width    input width.
     * @param channels input channels.
     * @param hidden   hidden width of the coupling network.
     * @param random   the random source.
     */
    public FlowStep(GraphContext<T> ctx, Parameters<T> params, String name, int height, int width, int channels,
                    int hidden, Random random) {
        this.ctx = ctx;
        this.actNorm = ActNorm.perChannel(ctx, params, name + ".actnorm", height, width, channels);
        this.conv = new InvertibleConv1x1<>(ctx, params, name + ".invconv", height, width, channels, random);
        this.coupling = new AffineCoupling<>(ctx, params, name + ".coupling", height, width, channels, hidden, random);
    }

    /**
     * Applies the step.
     *
     * @param x    the input.
     * @param pass the forward pass.
     * @return the output and the summed log-determinant of the three layers.
     */
    public FlowResult<T> forward(Operand<T> x, ForwardPass pass) {
        FlowResult<T> a = actNorm.forward(x, pass);
        FlowResult<T> b = conv.forward(a.output());
        FlowResult<T> c = coupling.forward(b.output(), pass);
        var tf = ctx.tf();
        Operand<T> logDet = tf.math.add(tf.math.add(a.logDet(), b.logDet()), c.logDet());
        return new FlowResult<>(c.output(), logDet);
    }

    /**
     * Inverts the step.
     *
     * @param y the output of {@link #forward}.
     * @return the input.
     */
    public Operand<T> inverse(Operand<T> y) {
        return actNorm.inverse(conv.inverse(coupling.inverse(y)));
    }

    /** @return the ActNorm layer. */
    public ActNorm<T> actNorm() {
        return actNorm;
    }

    /** @return the invertible 1x1 convolution. */
    public InvertibleConv1x1<T> conv() {
        return conv;
    }

    /** @return the affine coupling. */
    public AffineCoupling<T> coupling() {
        return coupling;
    }
}
