package io.github.flowanomaly.tf.graph;

import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The class outlier loss's derivative {@code ∂L/∂Δ_j = (w/T)·σ(Δ_j/T)/B}, by finite differences and by autodiff; the
 * margin loss's value and gradient with unequal inlier and outlier batch sizes.
 */
class OutlierLossGradientTest {

    @Test
    void gradientMatchesTheClosedFormAndFiniteDifferences() {
        double w = 6000, t = 1000;
        double[] delta = {-2500, -300, 0, 150, 1800};
        int b = delta.length;
        try (Float64Runner r = new Float64Runner(1, 1, 1)) {
            Placeholder<TFloat64> d = r.ctx.tf().placeholder(TFloat64.class, Placeholder.shape(Shape.of(-1)));
            Operand<TFloat64> loss = OutlierLossTerms.classLossOfDelta(r.ctx, d, w, t);
            Output<?>[] grad = r.graph.addGradients(loss.asOutput(), new Output<?>[]{d.asOutput()});
            double[] analytic = run(r.session(), d, delta, grad[0]);
            double h = 1e-3;
            for (int j = 0; j < b; j++) {
                double[] plus = delta.clone();
                double[] minus = delta.clone();
                plus[j] += h;
                minus[j] -= h;
                double numeric = (run(r.session(), d, plus, loss.asOutput())[0]
                        - run(r.session(), d, minus, loss.asOutput())[0]) / (2 * h);
                double closedForm = (w / t) / (1 + Math.exp(-delta[j] / t)) / b;
                assertEquals(closedForm, numeric, 1e-6 * Math.max(1, closedForm), "finite difference at " + j);
                assertEquals(closedForm, analytic[j], 1e-12, "autodiff at " + j);
            }
        }
    }

    @Test
    void marginLossPairsTheFirstMinBatchSizes() {
        int dims = 10;
        double[] inlierNll = {20, 30, 25, 40};     // B = 4
        double[] outlierNll = {25, 50, 34};        // B_o = 3: pairs (20,25) (30,50) (25,34); inlier 40 unused
        try (Float64Runner r = new Float64Runner(1, 1, 1)) {
            Placeholder<TFloat64> in = r.ctx.tf().placeholder(TFloat64.class, Placeholder.shape(Shape.of(-1)));
            Placeholder<TFloat64> out = r.ctx.tf().placeholder(TFloat64.class, Placeholder.shape(Shape.of(-1)));
            Operand<TFloat64> loss = OutlierLossTerms.marginLoss(r.ctx, in, out, dims);
            // (no gradient path reaches the inlier NLLs: they are under a stop-gradient)
            Output<?>[] grads = r.graph.addGradients(loss.asOutput(), new Output<?>[]{out.asOutput()});
            try (TFloat64 a = TFloat64.tensorOf(Shape.of(4), DataBuffers.of(inlierNll, true, false));
                 TFloat64 b = TFloat64.tensorOf(Shape.of(3), DataBuffers.of(outlierNll, true, false));
                 Result result = r.session().runner().feed(in, a).feed(out, b).fetch(loss.asOutput())
                         .fetch(grads[0]).run()) {
                // ReLU(10 + 20 - 25) = 5, ReLU(10 + 30 - 50) = 0, ReLU(10 + 25 - 34) = 1  -> mean over n = 3
                assertEquals(2.0, ((TFloat64) result.get(0)).getDouble(), 1e-12);
                TFloat64 outGrad = (TFloat64) result.get(1);
                assertEquals(-1.0 / 3, outGrad.getDouble(0), 1e-12);
                assertEquals(0.0, outGrad.getDouble(1), 1e-12);
                assertEquals(-1.0 / 3, outGrad.getDouble(2), 1e-12);
            }
        }
    }

    private static double[] run(Session session, Placeholder<TFloat64> d, double[] values, Output<?> fetch) {
        try (TFloat64 in = TFloat64.tensorOf(Shape.of(values.length), DataBuffers.of(values, true, false));
             Result result = session.runner().feed(d, in).fetch(fetch).run()) {
            TFloat64 out = (TFloat64) result.get(0);
            double[] v = new double[(int) out.shape().size()];
            out.copyTo(DataBuffers.of(v, false, false));
            return v;
        }
    }
}
