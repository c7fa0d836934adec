package io.github.flowanomaly.tf.graph;

import io.github.flowanomaly.tf.GlowSpec;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat64;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After the one-run data-dependent initialisation, every ActNorm output (flow, coupling network, priors) is
 * standardised on the initialisation batch; every coupling contributes {@code (C/2)·H·W·ln σ(2)} to the log-det.
 */
class DataInitTest {

    @Test
    void everyActNormOutputIsStandardisedOnTheInitBatch() {
        GlowSpec spec = new GlowSpec(8, 8, 1, 3, 2, 8, 21);
        int n = 64;
        try (Float64Runner r = new Float64Runner(8, 8, 1)) {
            GlowNetwork<TFloat64> net = new GlowNetwork<>(r.ctx, r.params, spec);
            ForwardPass init = new ForwardPass(BuildMode.DATA_INIT);
            net.forward(r.x, init);
            Op initOp = r.ctx.tf().withControlDependencies(init.initAssignments()).noOp();
            ForwardPass normal = new ForwardPass(BuildMode.NORMAL);
            net.forward(r.x, normal);
            double[] batch = structuredImages(n, 64, new Random(1));
            r.runTarget(initOp, batch, n);
            int checked = 0;
            for (Map.Entry<String, Operand<?>> e : normal.observed().entrySet()) {
                @SuppressWarnings("unchecked")
                Operand<TFloat64> y = (Operand<TFloat64>) e.getValue();
                double[] values = r.fetch(y, batch, n)[0];
                boolean perDimension = e.getKey().endsWith(".prior");
                int groups = perDimension ? values.length / n : (int) y.shape().get(3);
                assertStandardised(e.getKey(), values, groups);
                checked++;
            }
            // 3 levels × 2 steps × 3 ActNorms + 3 priors
            assertEquals(21, checked);
        }
    }

    /** Values laid out as [..., groups] (per-channel) or [N, groups] (per-dimension): both have groups innermost. */
    private static void assertStandardised(String name, double[] values, int groups) {
        int count = values.length / groups;
        for (int g = 0; g < groups; g++) {
            double sum = 0;
            for (int i = 0; i < count; i++) {
                sum += values[i * groups + g];
            }
            double mean = sum / count;
            double squares = 0;
            for (int i = 0; i < count; i++) {
                double d = values[i * groups + g] - mean;
                squares += d * d;
            }
            double std = Math.sqrt(squares / (count - 1));
            assertEquals(0.0, mean, 1e-6, name + " channel " + g + " mean");
            assertTrue(Math.abs(std - 1.0) < 1e-6 || std < 1e-9, name + " channel " + g + " std " + std);
        }
    }

    /** Smooth random images in model space [-0.5, 0.5). */
    static double[] structuredImages(int n, int dims, Random random) {
        double[] x = new double[n * dims];
        for (int i = 0; i < n; i++) {
            double a = random.nextDouble();
            double b = random.nextDouble();
            for (int d = 0; d < dims; d++) {
                x[i * dims + d] = 0.4 * Math.sin(a * 6 + d * b) + 0.05 * random.nextGaussian();
            }
        }
        return x;
    }
}
