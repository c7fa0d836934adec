package io.github.flowanomaly.tf.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

import java.util.List;

/**
 * ActNorm as in the authors' code: {@code y = scale · (x + loc)} with {@code scale = exp(logScale) + eps}
 * (add first, then scale).
 * <p>
 * Two flavours: per channel (flow steps and the coupling network; {@code eps = 0}, log-det
 * {@code H·W·Σ logScale}) and per dimension (the per-scale priors; {@code eps = 1e-8}, log-det
 * {@code Σ ln(exp(logScale) + 1e-8)}). Data-dependent initialisation sets {@code loc = −mean} and
 * {@code logScale = ln(1 / max(std, 1e-6))} with the unbiased standard deviation of the layer's input.
 *
 * @param <T> the floating point type.
 */
public final class ActNorm<T extends TFloating> {

    private final GraphContext<T> ctx;
    private final String name;
    private final Parameters.Parameter<T> loc;
    private final Parameters.Parameter<T> logScale;
    private final int[] statisticAxes;
    private final int[] parameterAxes;
    private final long broadcastCount;
    private final double eps;

    private ActNorm(GraphContext<T> ctx, Parameters<T> params, String name, long[] shape, int[] statisticAxes,
                    long broadcastCount, double eps) {
        this.ctx = ctx;
        this.name = name;
        int n = 1;
        for (long d : shape) {
            n *= (int) d;
        }
        params.create(name + ".loc", shape, new double[n], true);
        params.create(name + ".log_scale", shape, new double[n], true);
        this.loc = params.get(name + ".loc");
        this.logScale = params.get(name + ".log_scale");
        this.statisticAxes = statisticAxes;
        this.parameterAxes = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            parameterAxes[i] = i;
        }
        this.broadcastCount = broadcastCount;
        this.eps = eps;
    }

    /**
     * An ActNorm with one location and scale per channel of an NHWC tensor (eps = 0).
     *
     * @param ctx      the graph context.
     * @param params   where to create the parameters.
     * @param name     parameter name prefix.
     * @param height   input height.
     * @param width    input width.
     * @param channels input channels.
     * @param <T>      the floating point type.
     * @return the layer.
     */
    public static <T extends TFloating> ActNorm<T> perChannel(GraphContext<T> ctx, Parameters<T> params, String name,
                                                              int height, int width, int channels) {
        return new ActNorm<>(ctx, params, name, new long[]{channels}, new int[]{0, 1, 2}, (long) height * width, 0.0);
    }

    /**
     * An ActNorm with one location and scale per dimension ({@code [h, w, c]}) and eps = 1e-8, as the per-scale
     * priors of the authors' code.
     *
     * @param ctx      the graph context.
     * @param params   where to create the parameters.
     * @param name     parameter name prefix.
     * @param height   input height.
     * @param width    input width.
     * @param channels input channels.
     * @param <T>      the floating point type.
     * @return the layer.
     */
    public static <T extends TFloating> ActNorm<T> perDimension(GraphContext<T> ctx, Parameters<T> params,
                                                                String name, int height, int width, int channels) {
        return new ActNorm<>(ctx, params, name, new long[]{height, width, channels}, new int[]{0}, 1L, 1e-8);
    }

    /**
     * Applies the layer.
     *
     * @param x    the input.
     * @param pass the forward pass (in data-init mode the parameters are computed from {@code x} and assigned).
     * @return output and log-determinant (a scalar: it does not depend on the input).
     */
    public FlowResult<T> forward(Operand<T> x, ForwardPass pass) {
        Operand<T> locValue = loc.value();
        Operand<T> logScaleValue = logScale.value();
        if (pass.isDataInit()) {
            Operand<T>[] init = dataInit(x);
            locValue = init[0];
            logScaleValue = init[1];
            pass.addInitAssignment(ctx.tf().assign(loc.variable(), locValue));
            pass.addInitAssignment(ctx.tf().assign(logScale.variable(), logScaleValue));
        }
        Ops tf = ctx.tf();
        Operand<T> scale = scale(logScaleValue);
        Operand<T> y = tf.math.mul(tf.math.add(x, locValue), scale);
        pass.observe(name, y);
        Operand<T> logScaleTerms = eps == 0.0 ? logScaleValue : tf.math.log(scale);
        Operand<T> logDet = tf.math.mul(tf.reduceSum(logScaleTerms, ctx.ints(parameterAxes)),
                ctx.scalar(broadcastCount));
        return new FlowResult<>(y, logDet);
    }

    /**
     * Applies a convolution followed by this per-channel ActNorm as one convolution:
     * {@code conv(x, K)·s + loc·s = conv(x, K·s) + loc·s} with {@code s = exp(logScale)} scaling the kernel's output
     * channels, so the same function costs one pass over the activations instead of three and TensorFlow can fuse
     * the convolution with the bias and a following ReLU. Data-init passes use the unfolded form, because the
     * initialisation needs the statistics of the convolution's output.
     *
     * @param x      the convolution's input {@code [N, H, W, Cin]}.
     * @param kernel the convolution kernel {@code [kh, kw, Cin, C]} (stride 1, "SAME" padding).
     * @param pass   the forward pass.
     * @return the normalised convolution output {@code [N, H, W, C]}.
     */
    public Operand<T> convolveAndNormalize(Operand<T> x, Operand<T> kernel, ForwardPass pass) {
        if (eps != 0.0 || parameterAxes.length != 1) {
            throw new IllegalStateException("only a per-channel ActNorm can be folded into a convolution: " + name);
        }
        Ops tf = ctx.tf();
        List<Long> strides = List.of(1L, 1L, 1L, 1L);
        if (pass.isDataInit()) {
            return forward(tf.nn.conv2d(x, kernel, strides, "SAME"), pass).output();
        }
        Operand<T> scale = scale(logScale.value());
        Operand<T> y = tf.nn.biasAdd(tf.nn.conv2d(x, tf.math.mul(kernel, scale), strides, "SAME"),
                tf.math.mul(loc.value(), scale));
        pass.observe(name, y);
        return y;
    }

    /**
     * {@code relu(}{@link #convolveAndNormalize}{@code )}: in float32 outside data-init passes one fused op (see
     * {@link FusedConvolution}), which is the same function without a separate ReLU pass over the activations in
     * training; otherwise the unfused ops. A fused pass observes no pre-ReLU tensor.
     *
     * @param x      the convolution's input {@code [N, H, W, Cin]}.
     * @param kernel the convolution kernel {@code [kh, kw, Cin, C]} (stride 1, "SAME" padding).
     * @param pass   the forward pass.
     * @return the rectified, normalised convolution output {@code [N, H, W, C]}.
     */
    @SuppressWarnings("unchecked")
    public Operand<T> convolveNormalizeAndRelu(Operand<T> x, Operand<T> kernel, ForwardPass pass) {
        if (ctx.type() != TFloat32.class || pass.isDataInit()) {
            return ctx.tf().nn.relu(convolveAndNormalize(x, kernel, pass));
        }
        if (eps != 0.0 || parameterAxes.length != 1) {
            throw new IllegalStateException("only a per-channel ActNorm can be folded into a convolution: " + name);
        }
        Ops tf = ctx.tf();
        Operand<T> scale = scale(logScale.value());
        return (Operand<T>) FusedConvolution.convolveAddBiasAndRelu(tf, (Operand<TFloat32>) x,
                (Operand<TFloat32>) tf.math.mul(kernel, scale), (Operand<TFloat32>) tf.math.mul(loc.value(), scale));
    }

    /**
     * {@link #convolveAndNormalize} in bfloat16: the folded kernel {@code K·s} and bias {@code loc·s} are computed in
     * the flow's type from the float32 parameters and rounded to bfloat16; convolution and bias run in bfloat16
     * (oneDNN accumulates in float32). Not for data-init passes (their statistics need the flow's type).
     *
     * @param x      the convolution's input in bfloat16 {@code [N, H, W, Cin]}.
     * @param kernel the convolution kernel {@code [kh, kw, Cin, C]} in the flow's type.
     * @param pass   the forward pass (normal mode).
     * @return the normalised convolution output in bfloat16.
     */
    public Operand<TBfloat16> convolveAndNormalizeBfloat16(Operand<TBfloat16> x, Operand<T> kernel,
                                                           ForwardPass pass) {
        if (eps != 0.0 || parameterAxes.length != 1 || pass.isDataInit()) {
            throw new IllegalStateException("a bfloat16 convolution folds a per-channel ActNorm outside data-init "
                    + "passes only: " + name);
        }
        Ops tf = ctx.tf();
        Operand<T> scale = scale(logScale.value());
        Operand<TBfloat16> foldedKernel = tf.dtypes.cast(tf.math.mul(kernel, scale), TBfloat16.class);
        Operand<TBfloat16> foldedBias = tf.dtypes.cast(tf.math.mul(loc.value(), scale), TBfloat16.class);
        Operand<TBfloat16> y = tf.nn.biasAdd(tf.nn.conv2d(x, foldedKernel, List.of(1L, 1L, 1L, 1L), "SAME"),
                foldedBias);
        pass.observe(name, y);
        return y;
    }

    /**
     * Inverts the layer with its current parameters.
     *
     * @param y the output of {@link #forward}.
     * @return the input.
     */
    public Operand<T> inverse(Operand<T> y) {
        Ops tf = ctx.tf();
        return tf.math.sub(tf.math.div(y, scale(logScale.value())), loc.value());
    }

    private Operand<T> scale(Operand<T> logScaleValue) {
        Ops tf = ctx.tf();
        Operand<T> scale = tf.math.exp(logScaleValue);
        return eps == 0.0 ? scale : tf.math.add(scale, ctx.scalar(eps));
    }

    @SuppressWarnings("unchecked")
    private Operand<T>[] dataInit(Operand<T> x) {
        Ops tf = ctx.tf();
        Operand<T> mean = tf.math.mean(x, ctx.ints(statisticAxes));
        Operand<T> centred = tf.math.sub(x, mean);
        Operand<T> sumSquares = tf.reduceSum(tf.math.mul(centred, centred), ctx.ints(statisticAxes));
        // number of values reduced per parameter = size(x) / size(parameter)
        Operand<T> count = tf.math.div(tf.dtypes.cast(tf.size(x), ctx.type()),
                tf.dtypes.cast(tf.size(mean), ctx.type()));
        Operand<T> unbiasedVariance = tf.math.div(sumSquares, tf.math.sub(count, ctx.scalar(1.0)));
        Operand<T> std = tf.math.sqrt(unbiasedVariance);
        Operand<T> logScaleInit = tf.math.neg(tf.math.log(tf.math.maximum(std, ctx.scalar(1e-6))));
        return new Operand[]{tf.math.neg(mean), logScaleInit};
    }
}
