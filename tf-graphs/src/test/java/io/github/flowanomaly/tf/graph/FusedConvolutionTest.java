package io.github.flowanomaly.tf.graph;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fused {@code relu(conv + bias)} op computes what the three separate ops compute, and its registered gradient
 * gives their gradients with respect to input, kernel and bias; a loss that reaches the op twice sums both paths.
 */
class FusedConvolutionTest {

    private static Operand<TFloat32> constant(Ops tf, Random random, long... shape) {
        int n = 1;
        for (long d : shape) {
            n *= (int) d;
        }
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return tf.constant(Shape.of(shape), DataBuffers.of(values));
    }

    @Test
    void fusedOpAndItsGradientEqualTheSeparateOps() {
        Random random = new Random(5);
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Operand<TFloat32> x = constant(tf, random, 3, 6, 5, 2);
            Operand<TFloat32> kernel = constant(tf, random, 3, 3, 2, 7);
            Operand<TFloat32> bias = constant(tf, random, 7);
            Operand<TFloat32> weights = constant(tf, random, 3, 6, 5, 7);
            Operand<TFloat32> fused = FusedConvolution.convolveAddBiasAndRelu(tf, x, kernel, bias);
            Operand<TFloat32> separate = tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(x, kernel, List.of(1L, 1L, 1L, 1L),
                    "SAME"), bias));
            // the second term reaches the fused op once more, through a second consumer of its output
            Operand<TFloat32> fusedLoss = tf.math.add(weightedSum(tf, fused, weights),
                    tf.reduceSum(tf.math.square(fused), tf.constant(new int[]{0, 1, 2, 3})));
            Operand<TFloat32> separateLoss = tf.math.add(weightedSum(tf, separate, weights),
                    tf.reduceSum(tf.math.square(separate), tf.constant(new int[]{0, 1, 2, 3})));
            Output<?>[] inputs = {x.asOutput(), kernel.asOutput(), bias.asOutput()};
            Output<?>[] fusedGradients = graph.addGradients(fusedLoss.asOutput(), inputs);
            Output<?>[] separateGradients = graph.addGradients(separateLoss.asOutput(), inputs);
            try (Session session = new Session(graph)) {
                assertClose(session, fused.asOutput(), separate.asOutput(), "output");
                assertClose(session, fusedLoss.asOutput(), separateLoss.asOutput(), "loss");
                String[] names = {"input", "kernel", "bias"};
                for (int i = 0; i < inputs.length; i++) {
                    assertClose(session, fusedGradients[i], separateGradients[i], names[i] + " gradient");
                }
            }
        }
    }

    private static Operand<TFloat32> weightedSum(Ops tf, Operand<TFloat32> y, Operand<TFloat32> weights) {
        return tf.reduceSum(tf.math.mul(y, weights), tf.constant(new int[]{0, 1, 2, 3}));
    }

    private static void assertClose(Session session, Output<?> a, Output<?> b, String what) {
        try (Result r = session.runner().fetch(a).fetch(b).run()) {
            TFloat32 ta = (TFloat32) r.get(0);
            TFloat32 tb = (TFloat32) r.get(1);
            assertEquals(tb.shape(), ta.shape(), what + " shape");
            float[] va = new float[(int) ta.shape().size()];
            float[] vb = new float[va.length];
            ta.copyTo(DataBuffers.of(va, false, false));
            tb.copyTo(DataBuffers.of(vb, false, false));
            double scale = 0;
            for (float v : vb) {
                scale = Math.max(scale, Math.abs(v));
            }
            assertTrue(scale > 0, what + " is all zero: the check would be vacuous");
            for (int i = 0; i < va.length; i++) {
                assertEquals(vb[i], va[i], 1e-5 * scale, what + " at " + i);
            }
        }
    }
}
