package io.github.flowanomaly.tf.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

import java.util.List;
import java.util.Random;

/**
 * LU-parameterised invertible 1x1 convolution:
 * {@code W = P·(L ⊙ strictLower + I)·(U ⊙ strictUpper + diag(sign ⊙ exp(logS)))}, {@code y[.., o] = Σ_i W[o,i]·x[.., i]},
 * log-det {@code H·W·Σ logS}.
 * <p>
 * No determinant, matrix-diag or LU op is used (several of them have no gradient in TF's C++ registry); the diagonal
 * is built by multiplying an identity constant with a row vector. {@code P} and {@code sign} are non-trainable
 * parameters so that they travel with exported weights.
 *
 * @param <T> the floating point type.
 */
public final class InvertibleConv1x1<T extends TFloating> {

    private final GraphContext<T> ctx;
    private final int channels;
    private final long positions;
    private final Operand<T> logS;
    private final Operand<T> weight;

    /**
     * Creates the layer and its parameters, initialised from a random rotation.
     *
     * @param ctx      the graph context.
     * @param params   where to create the parameters.
     * @param name     parameter name prefix.
     * @param height   input height.
     * @param width    input width.
     * @param channels number of channels C.
     * @param random   the random source of the initial rotation.
     */
    public InvertibleConv1x1(GraphContext<T> ctx, Parameters<T> params, String name, int height, int width,
                             int channels, Random random) {
        this.ctx = ctx;
        this.channels = channels;
        this.positions = (long) height * width;
        LuFactors lu = LuFactors.randomRotation(channels, random);
        long[] square = {channels, channels};
        long[] vector = {channels};
        Operand<T> p = params.create(name + ".P", square, lu.permutation(), false);
        Operand<T> l = params.create(name + ".L", square, lu.lower(), true);
        Operand<T> u = params.create(name + ".U", square, lu.upper(), true);
        Operand<T> sign = params.create(name + ".sign_s", vector, lu.signs(), false);
        this.logS = params.create(name + ".log_s", vector, lu.logAbsDiag(), true);
        this.weight = buildWeight(p, l, u, sign);
    }

    private Operand<T> buildWeight(Operand<T> p, Operand<T> l, Operand<T> u, Operand<T> sign) {
        Ops tf = ctx.tf();
        int c = channels;
        double[] strictLower = new double[c * c];
        double[] strictUpper = new double[c * c];
        double[] eye = new double[c * c];
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                strictLower[i * c + j] = j < i ? 1 : 0;
                strictUpper[i * c + j] = j > i ? 1 : 0;
                eye[i * c + j] = i == j ? 1 : 0;
            }
        }
        long[] square = {c, c};
        Operand<T> identity = ctx.constant(square, eye, false);
        Operand<T> lowerFull = tf.math.add(tf.math.mul(l, ctx.constant(square, strictLower, false)), identity);
        Operand<T> diagonal = tf.math.mul(identity,
                tf.reshape(tf.math.mul(sign, tf.math.exp(logS)), ctx.ints(1, c)));
        Operand<T> upperFull = tf.math.add(tf.math.mul(u, ctx.constant(square, strictUpper, false)), diagonal);
        return tf.linalg.matMul(p, tf.linalg.matMul(lowerFull, upperFull));
    }

    /** @return the C×C weight matrix W as a graph value. */
    public Operand<T> weight() {
        return weight;
    }

    /**
     * Applies the convolution.
     *
     * @param x the input {@code [N, H, W, C]}.
     * @return output and the (scalar) log-determinant.
     */
    public FlowResult<T> forward(Operand<T> x) {
        Ops tf = ctx.tf();
        Operand<T> y = convolve(x, weight);
        Operand<T> logDet = tf.math.mul(tf.reduceSum(logS, ctx.ints(0)), ctx.scalar(positions));
        return new FlowResult<>(y, logDet);
    }

    /**
     * Inverts the convolution with {@code W⁻¹} (a matrix inverse op; only used without gradients).
     *
     * @param y the output of {@link #forward}.
     * @return the input.
     */
    public Operand<T> inverse(Operand<T> y) {
        return convolve(y, ctx.tf().linalg.inv(weight));
    }

    private Operand<T> convolve(Operand<T> x, Operand<T> matrix) {
        Ops tf = ctx.tf();
        // conv kernel K[0, 0, i, o] = W[o, i]
        Operand<T> kernel = tf.reshape(tf.linalg.transpose(matrix, ctx.ints(1, 0)), ctx.ints(1, 1, channels, channels));
        return tf.nn.conv2d(x, kernel, List.of(1L, 1L, 1L, 1L), "SAME");
    }
}
