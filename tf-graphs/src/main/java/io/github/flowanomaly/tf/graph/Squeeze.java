package io.github.flowanomaly.tf.graph;

import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * The squeeze of the authors' code: every 2x2 spatial block becomes 4 channels,
 * {@code out[b, h', w', 4c + 2i + j] = in[b, 2h' + i, 2w' + j, c]} (NHWC).
 * <p>
 * Built as reshape, transpose, reshape. {@code tf.nn.space_to_depth} is deliberately not used: it orders channels as
 * {@code (2i + j)·C + c}, which would make the half-splits select different dimensions than the paper's code. The
 * log-determinant of a squeeze is 0.
 */
public final class Squeeze {

    private Squeeze() {}

    /**
     * Squeezes {@code [N, h, w, c]} into {@code [N, h/2, w/2, 4c]}.
     *
     * @param ctx      the graph context.
     * @param x        the input.
     * @param height   input height (even).
     * @param width    input width (even).
     * @param channels input channels.
     * @param <T>      the floating point type.
     * @return the squeezed tensor.
     */
    public static <T extends TFloating> Operand<T> squeeze(GraphContext<T> ctx, Operand<T> x, int height, int width,
                                                           int channels) {
        var tf = ctx.tf();
        Operand<T> blocks = tf.reshape(x, ctx.ints(-1, height / 2, 2, width / 2, 2, channels));
        Operand<T> moved = tf.linalg.transpose(blocks, ctx.ints(0, 1, 3, 5, 2, 4));
        return tf.reshape(moved, ctx.ints(-1, height / 2, width / 2, 4 * channels));
    }

    /**
     * Inverts {@link #squeeze}: {@code [N, h/2, w/2, 4c]} back to {@code [N, h, w, c]}.
     *
     * @param ctx      the graph context.
     * @param y        the squeezed tensor.
     * @param height   the height of the unsqueezed output.
     * @param width    the width of the unsqueezed output.
     * @param channels the channels of the unsqueezed output.
     * @param <T>      the floating point type.
     * @return the unsqueezed tensor.
     */
    public static <T extends TFloating> Operand<T> unsqueeze(GraphContext<T> ctx, Operand<T> y, int height, int width,
                                                             int channels) {
        var tf = ctx.tf();
        Operand<T> blocks = tf.reshape(y, ctx.ints(-1, height / 2, width / 2, channels, 2, 2));
        Operand<T> moved = tf.linalg.transpose(blocks, ctx.ints(0, 1, 4, 2, 5, 3));
        return tf.reshape(moved, ctx.ints(-1, height, width, channels));
    }
}
