package io.github.flowanomaly.tf.graph;

import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

import java.util.Arrays;
import java.util.List;

/**
 * {@code relu(conv(x, K) + b)} as one TensorFlow op, {@code _FusedConv2D} with the fused ops {@code BiasAdd, Relu}
 * (which oneDNN runs as one kernel), with a gradient that reads the ReLU's output.
 * <p>
 * Why: when a graph is differentiated, TensorFlow's C++ gradient of {@code Relu} reads the ReLU's <i>input</i>, so
 * the bias-add output has a second consumer and Grappler cannot fuse the ReLU into the convolution: every coupling
 * network paid a separate ReLU pass over its hidden activations in training (scoring graphs were fused already).
 * The gradient registered here computes the same values ({@code relu(z) > 0} exactly where {@code z > 0}):
 * {@code dz = ReluGrad(dy, y)}, then the convolution's input and filter gradients and {@code BiasAddGrad(dz)}, the
 * pattern oneDNN fuses into a filter-and-bias backward kernel. float32, stride 1, "SAME" padding, NHWC only.
 */
final class FusedConvolution {

    private static final String OP_TYPE = "_FusedConv2D";
    private static final List<Long> STRIDES = List.of(1L, 1L, 1L, 1L);
    private static final String[] FUSED_OPS = {"BiasAdd", "Relu"};
    private static boolean registered;

    private FusedConvolution() {}

    /**
     * Builds {@code relu(conv(x, kernel) + bias)}.
     *
     * @param tf     the ops of the graph.
     * @param x      the input {@code [N, H, W, Cin]}.
     * @param kernel the kernel {@code [kh, kw, Cin, C]}.
     * @param bias   the bias {@code [C]}.
     * @return the output {@code [N, H, W, C]}.
     */
    @SuppressWarnings("unchecked")
    static Operand<TFloat32> convolveAddBiasAndRelu(Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel,
                                                    Operand<TFloat32> bias) {
        registerGradient();
        Operation op = tf.scope().opBuilder(OP_TYPE, "FusedConv2D")
                .addInput(x.asOutput())
                .addInput(kernel.asOutput())
                .addInputList(new Output<?>[]{bias.asOutput()})
                .addInputList(new Output<?>[0])
                .setAttr("T", DataType.DT_FLOAT)
                .setAttr("TArgs", new DataType[]{DataType.DT_FLOAT})
                .setAttr("num_args", 1L)
                .setAttr("strides", new long[]{1, 1, 1, 1})
                .setAttr("padding", "SAME")
                .setAttr("fused_ops", FUSED_OPS)
                .build();
        return (Operand<TFloat32>) (Output<?>) op.output(0);
    }

    /** Registers the gradient once per process (TensorFlow's gradient registry is global). */
    private static synchronized void registerGradient() {
        if (registered) {
            return;
        }
        if (!TensorFlow.registerCustomGradient(OP_TYPE, FusedConvolution::gradient)) {
            throw new IllegalStateException("A gradient for " + OP_TYPE + " is already registered by other code; "
                    + "this library's fused convolution needs its own");
        }
        registered = true;
    }

    @SuppressWarnings("unchecked")
    private static List<Operand<?>> gradient(Ops tf, GraphOperation op, List<Output<?>> outputGradients) {
        String[] fused = op.attributes().getAttrStringList("fused_ops");
        if (!Arrays.equals(fused, FUSED_OPS) || !"SAME".equals(op.attributes().getAttrString("padding"))) {
            throw new IllegalStateException("The gradient of " + OP_TYPE + " is defined for fused ops "
                    + Arrays.toString(FUSED_OPS) + " with SAME padding only, found " + Arrays.toString(fused)
                    + " in " + op.name());
        }
        Operand<TFloat32> x = (Operand<TFloat32>) (Output<?>) op.input(0);
        Operand<TFloat32> kernel = (Operand<TFloat32>) (Output<?>) op.input(1);
        Operand<TFloat32> y = (Operand<TFloat32>) (Output<?>) op.output(0);
        Operand<TFloat32> dz = tf.nn.reluGrad((Operand<TFloat32>) outputGradients.get(0), y);
        Operand<TFloat32> dx = tf.nn.conv2dBackpropInput(tf.shape(x), kernel, dz, STRIDES, "SAME");
        Operand<TFloat32> dKernel = tf.nn.conv2dBackpropFilter(x, tf.shape(kernel), dz, STRIDES, "SAME");
        Operand<TFloat32> dBias = tf.nn.biasAddGrad(dz);
        return List.of(dx, dKernel, dBias);
    }
}
