package io.github.flowanomaly.tf;

import io.github.flowanomaly.tf.graph.BuildMode;
import io.github.flowanomaly.tf.graph.ForwardPass;
import io.github.flowanomaly.tf.graph.GlowNetwork;
import io.github.flowanomaly.tf.graph.GraphContext;
import io.github.flowanomaly.tf.graph.Parameters;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A graph holding one Glow, its scoring pass on a fed batch, and weight import/export; shared by the training and
 * scoring sessions.
 */
final class GlowGraph implements AutoCloseable {

    final GlowSpec spec;
    final Precision precision;
    final Graph graph;
    final GraphContext<TFloat32> ctx;
    final Parameters<TFloat32> parameters;
    final GlowNetwork<TFloat32> network;
    final Placeholder<TFloat32> input;
    final GlowNetwork.Outputs<TFloat32> outputs;
    final Operand<TFloat32> levelLogLikelihoods;
    private final Map<Parameters<TFloat32>, Parameters.WeightLoader<TFloat32>> loaders = new java.util.HashMap<>();

    /**
     * Builds the graph.
     *
     * @param spec      the architecture.
     * @param weights   null for trainable variables, or the weights of an inference-only graph (constants).
     * @param precision the effective precision, {@link Precision#FP32} or {@link Precision#BF16_COUPLING}.
     */
    GlowGraph(GlowSpec spec, GlowWeights weights, Precision precision) {
        if (precision == Precision.AUTO) {
            throw new IllegalArgumentException("resolve AUTO against the CPU before building a graph");
        }
        this.spec = spec;
        this.precision = precision;
        this.graph = new Graph();
        this.ctx = new GraphContext<>(graph, TFloat32.class, precision == Precision.BF16_COUPLING);
        this.parameters = weights == null ? new Parameters<>(ctx) : new Parameters<>(ctx, weights.tensors());
        try {
            this.network = new GlowNetwork<>(ctx, parameters, spec);
            List<String> unused = parameters.unusedFrozenWeights();
            if (!unused.isEmpty()) {
                throw new IllegalArgumentException("Weights do not match the architecture " + spec + ": unknown "
                        + unused);
            }
            this.input = imagePlaceholder("x");
            this.outputs = network.forward(input, new ForwardPass(BuildMode.NORMAL));
            Ops tf = ctx.tf();
            this.levelLogLikelihoods = tf.withName("level_log_likelihoods").stack(outputs.levelLogLikelihoods(),
                    org.tensorflow.op.core.Stack.axis(1L));
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    Placeholder<TFloat32> imagePlaceholder(String name) {
        return ctx.tf().withName(name).placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(-1, spec.height(), spec.width(), spec.channels())));
    }

    /** System property that turns on XLA auto-clustering (JIT) of the graphs, for performance experiments. */
    static final String XLA_PROPERTY = "flowanomaly.xla";

    static ConfigProto config(ExecutionOptions options) {
        TensorFlowRuntime.logStartup(options);
        ConfigProto.Builder builder = ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(options.intraOpThreads())
                .setInterOpParallelismThreads(options.interOpThreads())
                .setLogDevicePlacement(options.logDevicePlacement());
        if (Boolean.getBoolean(XLA_PROPERTY)) {
            builder.setGraphOptions(org.tensorflow.proto.GraphOptions.newBuilder().setOptimizerOptions(
                    org.tensorflow.proto.OptimizerOptions.newBuilder()
                            .setGlobalJitLevel(org.tensorflow.proto.OptimizerOptions.GlobalJitLevel.ON_1)));
        }
        return builder.build();
    }

    /** Builds the weight loader of the network's parameters. */
    void buildLoader() {
        buildLoader(parameters);
    }

    /** Builds the loader of a parameter store (placeholders and assignments), once. */
    void buildLoader(Parameters<TFloat32> store) {
        loaders.computeIfAbsent(store, Parameters::buildLoader);
    }

    void importWeights(Session session, GlowWeights weights) {
        importInto(session, parameters, weights);
    }

    GlowWeights exportWeights(Session session) {
        return exportFrom(session, parameters);
    }

    /** Loads values into every variable of a store in one run; names and shapes must match exactly. */
    void importInto(Session session, Parameters<TFloat32> store, GlowWeights weights) {
        buildLoader(store);
        Parameters.WeightLoader<TFloat32> loader = loaders.get(store);
        Map<String, Placeholder<TFloat32>> placeholders = loader.placeholders();
        if (!weights.tensors().keySet().equals(placeholders.keySet())) {
            List<String> missing = new ArrayList<>(placeholders.keySet());
            missing.removeAll(weights.tensors().keySet());
            List<String> unknown = new ArrayList<>(weights.tensors().keySet());
            unknown.removeAll(placeholders.keySet());
            throw new IllegalArgumentException("Weights do not match the architecture " + spec + ": missing "
                    + missing + ", unknown " + unknown);
        }
        List<Tensor> fed = new ArrayList<>();
        try {
            Session.Runner runner = session.runner();
            for (Parameters.Parameter<TFloat32> p : store.all()) {
                WeightTensor w = weights.get(p.name());
                if (!java.util.Arrays.equals(w.shape(), p.shape())) {
                    throw new IllegalArgumentException("Weight " + p.name() + " must have shape "
                            + java.util.Arrays.toString(p.shape()) + ", found " + java.util.Arrays.toString(w.shape()));
                }
                Tensor t = Tensors.of(w.values(), p.shape());
                fed.add(t);
                runner.feed(placeholders.get(p.name()), t);
            }
            runner.addTarget(loader.target()).run().close();
        } finally {
            fed.forEach(Tensor::close);
        }
    }

    /** Fetches every value of a store in one run. */
    GlowWeights exportFrom(Session session, Parameters<TFloat32> store) {
        Session.Runner runner = session.runner();
        List<Parameters.Parameter<TFloat32>> all = store.all();
        for (Parameters.Parameter<TFloat32> p : all) {
            runner.fetch(p.value());
        }
        Map<String, WeightTensor> out = new LinkedHashMap<>();
        try (Result result = runner.run()) {
            for (int i = 0; i < all.size(); i++) {
                out.put(all.get(i).name(), new WeightTensor(all.get(i).shape(), Tensors.read(result.get(i))));
            }
        }
        return new GlowWeights(out);
    }

    /** Scores model-space inputs in one run. */
    LevelScores score(Session session, float[] modelInputs, int count) {
        try (TFloat32 x = Tensors.of(modelInputs, count, spec.height(), spec.width(), spec.channels());
             Result result = session.runner().feed(input, x).fetch(levelLogLikelihoods)
                     .fetch(outputs.logLikelihood()).run()) {
            return new LevelScores(count, spec.levels(), spec.dimensions(), Tensors.read(result.get(0)),
                    Tensors.read(result.get(1)));
        }
    }

    @Override
    public void close() {
        graph.close();
    }
}
