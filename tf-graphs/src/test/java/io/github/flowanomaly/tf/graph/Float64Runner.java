package io.github.flowanomaly.tf.graph;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Test helper: a float64 graph with one image placeholder, a session, random parameter values and double-array
 * feeds/fetches.
 */
final class Float64Runner implements AutoCloseable {

    final Graph graph = new Graph();
    final GraphContext<TFloat64> ctx = new GraphContext<>(graph, TFloat64.class);
    final Parameters<TFloat64> params = new Parameters<>(ctx);
    final Placeholder<TFloat64> x;
    final long[] imageShape;
    private Session session;

    Float64Runner(int height, int width, int channels) {
        this.imageShape = new long[]{height, width, channels};
        this.x = ctx.tf().withName("x").placeholder(TFloat64.class,
                Placeholder.shape(Shape.of(-1, height, width, channels)));
    }

    int dims() {
        return (int) (imageShape[0] * imageShape[1] * imageShape[2]);
    }

    Session session() {
        if (session == null) {
            session = new Session(graph);
            session.initialize();
        }
        return session;
    }

    /** Sets every parameter to N(0, scale²) values (log-scales included), keeping P and sign as initialised. */
    void randomize(Random random, double scale) {
        Parameters.WeightLoader<TFloat64> loader = params.buildLoader();
        Session s = session();
        List<Tensor> fed = new ArrayList<>();
        Session.Runner runner = s.runner();
        // read current values of the non-trainable ones to keep P/sign valid
        for (Parameters.Parameter<TFloat64> p : params.all()) {
            double[] values;
            if (p.trainable()) {
                values = new double[p.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = scale * random.nextGaussian();
                }
            } else {
                values = fetch(p.value(), null, 0)[0];
            }
            TFloat64 t = TFloat64.tensorOf(Shape.of(p.shape()), DataBuffers.of(values, true, false));
            fed.add(t);
            runner.feed(loader.placeholders().get(p.name()), t);
        }
        runner.addTarget(loader.target()).run().close();
        fed.forEach(Tensor::close);
    }

    /** Runs the graph on a batch of images and fetches the given operands as flat double arrays. */
    @SafeVarargs
    final double[][] fetch(Operand<TFloat64> first, double[] batch, int count, Operand<TFloat64>... more) {
        Session.Runner runner = session().runner();
        TFloat64 in = null;
        if (batch != null) {
            in = TFloat64.tensorOf(Shape.of(count, imageShape[0], imageShape[1], imageShape[2]),
                    DataBuffers.of(batch, true, false));
            runner.feed(x, in);
        }
        runner.fetch(first);
        for (Operand<TFloat64> o : more) {
            runner.fetch(o);
        }
        try (Result r = runner.run()) {
            double[][] out = new double[1 + more.length][];
            for (int i = 0; i < out.length; i++) {
                TFloat64 t = (TFloat64) r.get(i);
                out[i] = new double[(int) t.shape().size()];
                t.copyTo(DataBuffers.of(out[i], false, false));
            }
            return out;
        } finally {
            if (in != null) {
                in.close();
            }
        }
    }

    void runTarget(org.tensorflow.op.Op target, double[] batch, int count) {
        try (TFloat64 in = TFloat64.tensorOf(Shape.of(count, imageShape[0], imageShape[1], imageShape[2]),
                DataBuffers.of(batch, true, false))) {
            session().runner().feed(x, in).addTarget(target).run().close();
        }
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
        graph.close();
    }
}
