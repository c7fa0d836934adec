package io.github.flowanomaly.tf.graph;

import io.github.flowanomaly.tf.GlowSpec;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat64;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Log-determinants of every layer type and of the whole flow against ln|det J| of the Jacobian computed by finite
 * differences, all in float64.
 */
class LogDeterminantTest {

    private static final double TOLERANCE = 1e-3;
    private static final double STEP = 1e-5;

    @Test
    void actNormPerChannel() {
        checkLayer(2, 2, 3, (r) -> ActNorm.perChannel(r.ctx, r.params, "an", 2, 2, 3)::forward);
    }

    @Test
    void actNormPerDimension() {
        checkLayer(2, 2, 2, (r) -> ActNorm.perDimension(r.ctx, r.params, "prior", 2, 2, 2)::forward);
    }

    @Test
    void invertibleConv() {
        checkLayer(2, 2, 4, (r) -> {
            InvertibleConv1x1<TFloat64> conv = new InvertibleConv1x1<>(r.ctx, r.params, "conv", 2, 2, 4,
                    new Random(3));
            return (x, pass) -> conv.forward(x);
        });
    }

    @Test
    void affineCoupling() {
        checkLayer(2, 2, 4, (r) -> new AffineCoupling<>(r.ctx, r.params, "cpl", 2, 2, 4, 5, new Random(4))::forward);
    }

    @Test
    void wholeFlow() {
        GlowSpec spec = new GlowSpec(4, 4, 1, 2, 1, 4, 11);
        try (Float64Runner r = new Float64Runner(4, 4, 1)) {
            GlowNetwork<TFloat64> net = new GlowNetwork<>(r.ctx, r.params, spec);
            GlowNetwork.Outputs<TFloat64> out = net.forward(r.x, new ForwardPass(BuildMode.NORMAL));
            r.randomize(new Random(5), 0.3);
            List<Operand<TFloat64>> latents = out.latents();
            double[] x = randomInput(16, new Random(6));
            double numeric = Jacobians.logAbsDet(batch -> concatLatents(r, latents, batch), x, STEP);
            double[][] fetched = r.fetch(out.logLikelihood(), x, 1);
            double[] z = concatLatents(r, latents, x);
            double gaussian = 0;
            for (double v : z) {
                gaussian += -0.5 * v * v - 0.5 * Math.log(2 * Math.PI);
            }
            // ln p(x) = ln|det J| + Σ ln N(z; 0, 1)
            assertEquals(numeric, fetched[0][0] - gaussian, TOLERANCE);
        }
    }

    /** Latents of every level concatenated per example (level order, NHWC inside a level). */
    private static double[] concatLatents(Float64Runner r, List<Operand<TFloat64>> latents, double[] batch) {
        int count = batch.length / r.dims();
        @SuppressWarnings("unchecked")
        Operand<TFloat64>[] rest = latents.subList(1, latents.size()).toArray(new Operand[0]);
        double[][] parts = r.fetch(latents.get(0), batch, count, rest);
        double[] out = new double[batch.length];
        int offset = 0;
        for (int i = 0; i < count; i++) {
            for (double[] part : parts) {
                int per = part.length / count;
                System.arraycopy(part, i * per, out, offset, per);
                offset += per;
            }
        }
        return out;
    }

    interface Layer {
        FlowResult<TFloat64> forward(Operand<TFloat64> x, ForwardPass pass);
    }

    private static void checkLayer(int h, int w, int c, Function<Float64Runner, Layer> factory) {
        try (Float64Runner r = new Float64Runner(h, w, c)) {
            Layer layer = factory.apply(r);
            FlowResult<TFloat64> result = layer.forward(r.x, new ForwardPass(BuildMode.NORMAL));
            // a log-det that is a scalar must still be comparable per example
            Operand<TFloat64> logDet = r.ctx.tf().math.add(result.logDet(),
                    r.ctx.tf().math.mul(r.ctx.tf().reduceSum(r.x, r.ctx.ints(1, 2, 3)), r.ctx.scalar(0.0)));
            r.randomize(new Random(7), 0.3);
            int n = h * w * c;
            double[] x = randomInput(n, new Random(8));
            double numeric = Jacobians.logAbsDet(batch -> r.fetch(result.output(), batch, batch.length / n)[0],
                    x, STEP);
            double analytic = r.fetch(logDet, x, 1)[0][0];
            assertEquals(numeric, analytic, TOLERANCE);
            assertEquals(true, Math.abs(analytic) > 1e-3, "log-det should be non-trivial, was " + analytic);
        }
    }

    private static double[] randomInput(int n, Random random) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble() - 0.5;
        }
        return x;
    }

    @SuppressWarnings("unused")
    private static List<Double> toList(double[] v) {
        List<Double> l = new ArrayList<>();
        for (double d : v) {
            l.add(d);
        }
        return l;
    }
}
