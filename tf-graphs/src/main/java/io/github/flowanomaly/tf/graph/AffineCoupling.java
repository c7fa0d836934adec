package io.github.flowanomaly.tf.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.family.TFloating;

import java.util.List;
import java.util.Random;

/**
 * Affine coupling of the authors' code: the first half of the channels {@code x_a} is kept and conditions the second,
 * {@code y_b = (x_b + shift) · sigmoid(raw + 2)}, log-det {@code Σ ln sigmoid(raw + 2)}.
 * <p>
 * Conditioner: 3x3 conv (no bias, N(0, 0.05²)) → ActNorm → ReLU → 1x1 conv (no bias, N(0, 0.05²)) → ActNorm → ReLU →
 * zero-initialised 3x3 conv with bias whose output is scaled by {@code exp(3·logs)}; zero "SAME" padding. Each
 * ActNorm is folded into the convolution before it ({@link ActNorm#convolveAndNormalize}): the same function, with
 * one pass over the hidden activations instead of three; in float32 the ReLU after it joins the same op
 * ({@link ActNorm#convolveNormalizeAndRelu}).
 * <p>
 * Deviation in layout only: the authors take {@code shift} from the even and {@code raw} from the odd output channels of
 * the last conv; here the first C/2 outputs are {@code shift} and the last C/2 are {@code raw}. Because the last conv
 * starts at zero both give the same training trajectory; weights ported from PyTorch are permuted on import
 * (see the golden-vector test).
 * <p>
 * With {@link GraphContext#bfloat16Coupling()} the conditioner computes in bfloat16 (its input rounded, its output
 * converted back before the last bias); the affine map and log-determinant stay in the flow's type.
 *
 * @param <T> the floating point type.
 */
public final class AffineCoupling<T extends TFloating> {

    private static final double CONV_INIT_STD = 0.05;

    private final GraphContext<T> ctx;
    private final Operand<T> conv1;
    private final ActNorm<T> norm1;
    private final Operand<T> conv2;
    private final ActNorm<T> norm2;
    private final Operand<T> conv3;
    private final Operand<T> bias3;
    private final Operand<T> logs3;

    /**
     * Creates the layer and its parameters.
     *
     * @param ctx      the graph context.
     * @param params   where to create the parameters.
     * @param name     parameter name prefix.
     * @param height   input height.
     * @param width    input width.
     * @param channels input channels C (even).
     * @param hidden   hidden width of the conditioner.
     * @param random   the random source of the conv initialisations.
     */
    public AffineCoupling(GraphContext<T> ctx, Parameters<T> params, String name, int height, int width,
                          int channels, int hidden, Random random) {
        this.ctx = ctx;
        int half = channels / 2;
        this.conv1 = params.create(name + ".conv1.weight", new long[]{3, 3, half, hidden},
                gaussian(9 * half * hidden, random), true);
        this.norm1 = ActNorm.perChannel(ctx, params, name + ".actnorm1", height, width, hidden);
        this.conv2 = params.create(name + ".conv2.weight", new long[]{1, 1, hidden, hidden},
                gaussian(hidden * hidden, random), true);
        this.norm2 = ActNorm.perChannel(ctx, params, name + ".actnorm2", height, width, hidden);
        this.conv3 = params.create(name + ".conv3.weight", new long[]{3, 3, hidden, channels},
                new double[9 * hidden * channels], true);
        this.bias3 = params.create(name + ".conv3.bias", new long[]{channels}, new double[channels], true);
        this.logs3 = params.create(name + ".conv3.logs", new long[]{channels}, new double[channels], true);
    }

    /**
     * Applies the coupling.
     *
     * @param x    the input {@code [N, H, W, C]}.
     * @param pass the forward pass (the conditioner's ActNorms initialise from data in data-init mode).
     * @return output and per-example log-determinant {@code [N]}.
     */
    public FlowResult<T> forward(Operand<T> x, ForwardPass pass) {
        Ops tf = ctx.tf();
        var halves = tf.split(ctx.tf().constant(3), x, 2L);
        Operand<T> kept = halves.output().get(0);
        Operand<T> changed = halves.output().get(1);
        Operand<T>[] shiftAndPreScale = shiftAndPreScale(kept, pass);
        Operand<T> logScale = tf.math.neg(tf.math.softplus(tf.math.neg(shiftAndPreScale[1])));
        Operand<T> scale = tf.math.sigmoid(shiftAndPreScale[1]);
        Operand<T> transformed = tf.math.mul(tf.math.add(changed, shiftAndPreScale[0]), scale);
        Operand<T> y = tf.concat(List.of(kept, transformed), tf.constant(3));
        Operand<T> logDet = tf.reduceSum(logScale, ctx.ints(1, 2, 3));
        return new FlowResult<>(y, logDet);
    }

    /**
     * Inverts the coupling: {@code x_b = y_b / s − shift}.
     *
     * @param y the output of {@link #forward}.
     * @return the input.
     */
    public Operand<T> inverse(Operand<T> y) {
        Ops tf = ctx.tf();
        var halves = tf.split(tf.constant(3), y, 2L);
        Operand<T> kept = halves.output().get(0);
        Operand<T>[] shiftAndPreScale = shiftAndPreScale(kept, new ForwardPass(BuildMode.NORMAL));
        Operand<T> scale = tf.math.sigmoid(shiftAndPreScale[1]);
        Operand<T> restored = tf.math.sub(tf.math.div(halves.output().get(1), scale), shiftAndPreScale[0]);
        return tf.concat(List.of(kept, restored), tf.constant(3));
    }

    /** Returns {shift, raw + 2}. */
    @SuppressWarnings("unchecked")
    private Operand<T>[] shiftAndPreScale(Operand<T> kept, ForwardPass pass) {
        Ops tf = ctx.tf();
        List<Long> strides = List.of(1L, 1L, 1L, 1L);
        // (conv(h, K3) + b3)·exp(3·logs3) as conv(h, K3·e) + b3·e: the same function, one pass less
        Operand<T> outputScale = tf.math.exp(tf.math.mul(logs3, ctx.scalar(3.0)));
        Operand<T> h;
        if (ctx.bfloat16Coupling() && !pass.isDataInit()) {
            // the hidden activations live in bfloat16; the narrow output comes back to the flow's type before its
            // bias, so shift and scale carry one bfloat16 rounding of the convolution only
            Operand<TBfloat16> hidden = tf.nn.relu(norm1.convolveAndNormalizeBfloat16(
                    tf.dtypes.cast(kept, TBfloat16.class), conv1, pass));
            hidden = tf.nn.relu(norm2.convolveAndNormalizeBfloat16(hidden, conv2, pass));
            Operand<TBfloat16> out = tf.nn.conv2d(hidden,
                    tf.dtypes.cast(tf.math.mul(conv3, outputScale), TBfloat16.class), strides, "SAME");
            h = tf.nn.biasAdd(tf.dtypes.cast(out, ctx.type()), tf.math.mul(bias3, outputScale));
        } else {
            h = norm1.convolveNormalizeAndRelu(kept, conv1, pass);
            h = norm2.convolveNormalizeAndRelu(h, conv2, pass);
            h = tf.nn.biasAdd(tf.nn.conv2d(h, tf.math.mul(conv3, outputScale), strides, "SAME"),
                    tf.math.mul(bias3, outputScale));
        }
        var parts = tf.split(tf.constant(3), h, 2L);
        return new Operand[]{parts.output().get(0), tf.math.add(parts.output().get(1), ctx.scalar(2.0))};
    }

    private static double[] gaussian(int n, Random random) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = CONV_INIT_STD * random.nextGaussian();
        }
        return values;
    }
}
