package io.github.flowanomaly.tf;

import io.github.flowanomaly.tf.graph.AdamaxUpdate;
import io.github.flowanomaly.tf.graph.BuildMode;
import io.github.flowanomaly.tf.graph.ForwardPass;
import io.github.flowanomaly.tf.graph.OutlierLossTerms;
import io.github.flowanomaly.tf.graph.Parameters;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains one Glow: data-dependent initialisation, Adamax steps (optionally with the outlier loss), scoring and weight
 * export. The graph holds only this model's variables; a general model used by the outlier loss runs in its own
 * session and its log-likelihoods are fed in.
 * <p>
 * Deterministic given the spec's seed (initial weights and dequantisation noise come from Java RNGs), up to the order
 * of floating point reductions inside TensorFlow. Not thread-safe: one training loop drives a session.
 */
public final class GlowTrainingSession implements AutoCloseable {

    private static final double LN_256 = Math.log(256.0);
    private static final double LN_2 = Math.log(2.0);

    private final GlowSpec spec;
    private final TrainingOptions options;
    private final GlowGraph glow;
    private final Session session;
    private final Placeholder<TFloat32> initInput;
    private final Op dataInit;
    private final Placeholder<TFloat32> learningRate;
    private final Operand<TFloat32> loss;
    private final Operand<TFloat32> inlierBitsPerDim;
    private final AdamaxUpdate<TFloat32> update;
    private final Parameters<TFloat32> optimizerState;
    private final Placeholder<TFloat32> outlierInput;
    private final Placeholder<TFloat32> outlierGeneralLogLikelihood;
    /** Graph positions of the first node of the gradients-and-update part and of the first node after it. */
    private final int updateFirstOp;
    private final int updateEndOp;
    private Map<String, String> nodePhases;
    private long noiseDraws;
    private long appliedSteps;
    private long skippedSteps;

    /**
     * Builds the training graph and starts a session. Weights start from the spec's random initialisation, or from
     * {@code initialWeights} (e.g. a general model to fine-tune, in which case no data-dependent initialisation is
     * needed).
     *
     * @param spec           the architecture and seed.
     * @param options        the optimisation settings.
     * @param execution      the TensorFlow execution settings.
     * @param initialWeights weights to start from, or {@code null} for a fresh model.
     */
    public GlowTrainingSession(GlowSpec spec, TrainingOptions options, ExecutionOptions execution,
                               GlowWeights initialWeights) {
        this.spec = spec;
        this.options = options;
        this.glow = new GlowGraph(spec, null, execution.effectivePrecision());
        Session started = null;
        try {
            Ops tf = glow.ctx.tf();
            this.initInput = glow.imagePlaceholder("init_x");
            ForwardPass initPass = new ForwardPass(BuildMode.DATA_INIT);
            glow.network.forward(initInput, initPass);
            this.dataInit = tf.withControlDependencies(initPass.initAssignments()).withName("data_init").noOp();

            Operand<TFloat32> nll = negativeLogLikelihood(glow.outputs.logLikelihood());
            Operand<TFloat32> meanNll = tf.math.mean(nll, tf.constant(0));
            this.inlierBitsPerDim = tf.math.div(meanNll, tf.constant((float) (spec.dimensions() * LN_2)));
            Operand<TFloat32> total = meanNll;
            OutlierLoss outlier = options.outlierLoss();
            if (outlier.kind() != OutlierLoss.Kind.NONE) {
                this.outlierInput = glow.imagePlaceholder("outlier_x");
                // the margin loss does not use the general model
                this.outlierGeneralLogLikelihood = outlier.kind() == OutlierLoss.Kind.CLASS
                        ? tf.withName("outlier_general_log_likelihood")
                        .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1))) : null;
                Operand<TFloat32> outlierLogLikelihood = glow.network
                        .forward(outlierInput, new ForwardPass(BuildMode.NORMAL)).logLikelihood();
                Operand<TFloat32> term = outlier.kind() == OutlierLoss.Kind.CLASS
                        ? OutlierLossTerms.classLoss(glow.ctx, outlierLogLikelihood, outlierGeneralLogLikelihood,
                        outlier.weight(), outlier.temperature())
                        : OutlierLossTerms.marginLoss(glow.ctx, nll, negativeLogLikelihood(outlierLogLikelihood),
                        spec.dimensions());
                total = tf.math.add(total, term);
            } else {
                this.outlierInput = null;
                this.outlierGeneralLogLikelihood = null;
            }
            this.loss = tf.withName("loss").identity(total);
            this.learningRate = tf.withName("learning_rate").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.scalar()));
            this.optimizerState = new Parameters<>(glow.ctx);
            this.updateFirstOp = operationCount(glow.graph);
            this.update = new AdamaxUpdate<>(glow.ctx, glow.parameters.trainable(), loss, learningRate,
                    new AdamaxUpdate.Settings(options.beta1(), options.beta2(), options.epsilon(),
                            options.weightDecay()), optimizerState);
            this.updateEndOp = operationCount(glow.graph);
            glow.buildLoader();
            glow.buildLoader(optimizerState);
            started = new Session(glow.graph, GlowGraph.config(execution));
            started.initialize();
            if (initialWeights != null) {
                glow.importWeights(started, initialWeights);
            }
            this.session = started;
        } catch (RuntimeException | Error e) {
            // a graph cannot close while a session on it is open
            if (started != null) {
                started.close();
            }
            glow.close();
            throw e;
        }
    }

    private Operand<TFloat32> negativeLogLikelihood(Operand<TFloat32> logLikelihood) {
        Ops tf = glow.ctx.tf();
        return tf.math.add(tf.math.neg(logLikelihood), tf.constant((float) (spec.dimensions() * LN_256)));
    }

    /** @return the architecture. */
    public GlowSpec spec() {
        return spec;
    }

    /** @return the precision the graph computes in on this CPU ({@link Precision#FP32} or {@link Precision#BF16_COUPLING}). */
    public Precision precision() {
        return glow.precision;
    }

    /**
     * Data-dependent initialisation of every ActNorm (flow, coupling network and priors) in one run, on a batch
     * dequantised with uniform noise, as the paper's code does (it uses 704 training images).
     *
     * @param batch the initialisation batch (at least 2 images).
     */
    public void initializeFromData(ImageBatch batch) {
        batch.validate(spec);
        if (batch.count() < 2) {
            throw new IllegalArgumentException("Data-dependent initialisation needs at least 2 images, found "
                    + batch.count());
        }
        float[] x = new float[batch.pixels().length];
        Dequantization.uniformNoise(batch.pixels(), x, nextNoise());
        initializeFromModelInputs(x, batch.count());
    }

    /**
     * The data-dependent initialisation on inputs already in model space (dequantised), e.g. to compare it with a
     * reference implementation on exactly the same inputs.
     *
     * @param x     {@code count} dequantised images, NHWC.
     * @param count the number of images.
     */
    void initializeFromModelInputs(float[] x, int count) {
        try (TFloat32 t = Tensors.of(x, count, spec.height(), spec.width(), spec.channels())) {
            session.runner().feed(initInput, t).addTarget(dataInit).run().close();
        }
    }

    /**
     * One Adamax step on the NLL of a batch dequantised with uniform noise.
     *
     * @param batch the in-distribution batch.
     * @return the step's outcome.
     */
    public StepResult step(ImageBatch batch) {
        if (outlierInput != null) {
            throw new IllegalStateException("This session trains with the " + options.outlierLoss().kind()
                    + " outlier loss; call step(batch, outliers, generalLogLikelihoods)");
        }
        return run(batch, null, null);
    }

    /**
     * One Adamax step on the NLL of a batch plus the outlier loss on a batch of general-distribution images.
     *
     * @param batch                 the in-distribution batch.
     * @param outliers              the general-distribution batch.
     * @param generalLogLikelihoods {@code ln p_gen} of the outliers, as computed by the frozen general model on the
     *                              same dequantised inputs (see {@link #dequantizeForTraining}); required by the
     *                              class loss, ignored (may be null) by the margin loss, which does not use the
     *                              general model.
     * @return the step's outcome.
     */
    public StepResult step(ImageBatch batch, float[] outliers, float[] generalLogLikelihoods) {
        if (outlierInput == null) {
            throw new IllegalStateException("This session has no outlier loss; call step(batch)");
        }
        return run(batch, outliers, generalLogLikelihoods);
    }

    /**
     * Dequantises a batch with this session's noise source (uniform noise, as for training), e.g. outliers whose
     * general-model log-likelihood must be computed on exactly the inputs this session will see.
     *
     * @param batch the batch.
     * @return model-space inputs.
     */
    public float[] dequantizeForTraining(ImageBatch batch) {
        batch.validate(spec);
        float[] x = new float[batch.pixels().length];
        Dequantization.uniformNoise(batch.pixels(), x, nextNoise());
        return x;
    }

    /**
     * The noise source of the next dequantisation: a stream derived from the spec's seed and a counter, so the noise
     * sequence is part of the exported {@link TrainingState} and a resumed run continues it exactly.
     */
    private SplittableRandom nextNoise() {
        long draw = noiseDraws++;
        return new SplittableRandom(CounterSeeds.of(spec.seed(), draw));
    }

    /**
     * Runs one (real) training step like {@link #step(ImageBatch)} and returns where its time went: the Java side
     * (dequantisation noise, tensor creation) and the session run, and with {@code traced} TensorFlow's node times
     * per kernel type (TensorFlow's and oneDNN's op names after graph rewriting) and per phase (forward, backward,
     * update). A diagnostic for performance work; tracing adds overhead to the run.
     *
     * @param batch  the in-distribution batch (only for sessions without an outlier loss).
     * @param traced whether to trace the run with TensorFlow's full tracing.
     * @return the step's profile.
     */
    public StepProfile profileStep(ImageBatch batch, boolean traced) {
        if (outlierInput != null) {
            throw new IllegalStateException("profileStep supports sessions without an outlier loss");
        }
        long start = System.nanoTime();
        float[] x = dequantizeForTraining(batch);
        long dequantized = System.nanoTime();
        Map<String, Double> byKernel = new HashMap<>();
        Map<String, Double> byPhase = new LinkedHashMap<>();
        try (TFloat32 xt = Tensors.of(x, batch.count(), spec.height(), spec.width(), spec.channels());
             TFloat32 lrt = TFloat32.scalarOf((float) options.learningRateAt(appliedSteps + 1))) {
            long fed = System.nanoTime();
            Session.Runner runner = session.runner().feed(glow.input, xt).feed(learningRate, lrt).fetch(loss)
                    .fetch(inlierBitsPerDim).fetch(update.applied()).addTarget(update.target());
            if (traced) {
                runner.setOptions(RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build());
            }
            try (Result r = traced ? runner.runAndFetchMetadata() : runner.run()) {
                long ran = System.nanoTime();
                if (Tensors.bool(r.get(2))) {
                    appliedSteps++;
                } else {
                    skippedSteps++;
                }
                if (traced) {
                    RunMetadata metadata = r.getMetadata().orElseThrow(() ->
                            new IllegalStateException("TensorFlow returned no run metadata"));
                    for (String phase : List.of("forward", "backward", "update", "other")) {
                        byPhase.put(phase, 0.0);
                    }
                    Map<String, String> phases = nodePhases();
                    for (DeviceStepStats device : metadata.getStepStats().getDevStatsList()) {
                        for (NodeExecStats node : device.getNodeStatsList()) {
                            double ms = node.getAllEndRelMicros() / 1000.0;
                            byKernel.merge(kernelType(node), ms, Double::sum);
                            byPhase.merge(phases.getOrDefault(node.getNodeName(), "other"), ms, Double::sum);
                        }
                    }
                }
                return new StepProfile((dequantized - start) / 1e6, (fed - dequantized) / 1e6, (ran - fed) / 1e6,
                        traced, largestFirst(byKernel), byPhase);
            }
        }
    }

    /**
     * The phase of every node of the graph, from the order the nodes were created in (the graph lists them in that
     * order): the loss's nodes before {@link #updateFirstOp}, then the gradients (named {@code gradients/...} by
     * TensorFlow) and the update's own nodes up to {@link #updateEndOp}, then loaders and other nodes.
     */
    private Map<String, String> nodePhases() {
        if (nodePhases == null) {
            Map<String, String> phases = new HashMap<>();
            Iterator<GraphOperation> ops = glow.graph.operations();
            for (int i = 0; ops.hasNext(); i++) {
                String name = ops.next().name();
                String phase = i < updateFirstOp ? "forward"
                        : i < updateEndOp ? (name.startsWith("gradients") ? "backward" : "update") : "other";
                phases.put(name, phase);
            }
            nodePhases = phases;
        }
        return nodePhases;
    }

    private static int operationCount(Graph graph) {
        int count = 0;
        for (Iterator<GraphOperation> ops = graph.operations(); ops.hasNext(); ops.next()) {
            count++;
        }
        return count;
    }

    private static Map<String, Double> largestFirst(Map<String, Double> millis) {
        Map<String, Double> sorted = new LinkedHashMap<>();
        millis.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** The op type from a timeline label such as {@code "name = _MklConv2D(a, b)"}, else the node name. */
    private static String kernelType(NodeExecStats node) {
        String label = node.getTimelineLabel();
        int eq = label.indexOf(" = ");
        int paren = label.indexOf('(', eq + 3);
        return eq >= 0 && paren > eq ? label.substring(eq + 3, paren) : node.getNodeName();
    }

    private StepResult run(ImageBatch batch, float[] outliers, float[] generalLogLikelihoods) {
        return stepOnModelInputs(dequantizeForTraining(batch), batch.count(), outliers, generalLogLikelihoods);
    }

    /**
     * One Adamax step on inputs already in model space (dequantised), e.g. to compare a step with a reference
     * implementation on exactly the same inputs.
     *
     * @param x                     {@code count} dequantised images, NHWC.
     * @param count                 the number of images.
     * @param outliers              dequantised outliers, or {@code null} without an outlier loss.
     * @param generalLogLikelihoods their general-model log-likelihoods (class loss only).
     * @return the step's outcome.
     */
    StepResult stepOnModelInputs(float[] x, int count, float[] outliers, float[] generalLogLikelihoods) {
        long[] shape = {count, spec.height(), spec.width(), spec.channels()};
        double lr = options.learningRateAt(appliedSteps + 1);
        try (TFloat32 xt = Tensors.of(x, shape);
             TFloat32 lrt = TFloat32.scalarOf((float) lr);
             OutlierFeeds of = OutlierFeeds.of(outliers, generalLogLikelihoods, spec,
                     options.outlierLoss())) {
            Session.Runner runner = feedInputs(xt, of).feed(learningRate, lrt);
            try (Result r = runner.fetch(loss).fetch(inlierBitsPerDim).fetch(update.applied())
                    .addTarget(update.target()).run()) {
                boolean applied = Tensors.bool(r.get(2));
                if (applied) {
                    appliedSteps++;
                } else {
                    skippedSteps++;
                }
                return new StepResult(Tensors.scalar(r.get(0)), Tensors.scalar(r.get(1)), applied, appliedSteps,
                        skippedSteps);
            }
        }
    }

    /**
     * The gradient of the training loss (NLL, plus the outlier loss if this session has one) with respect to every
     * trainable parameter, without weight decay, on inputs already in model space; no update is made.
     *
     * @param x                     {@code count} dequantised images, NHWC.
     * @param count                 the number of images.
     * @param outliers              dequantised outliers, or {@code null} without an outlier loss.
     * @param generalLogLikelihoods their general-model log-likelihoods (class loss only).
     * @return the loss and its gradients, named and shaped like the weights.
     */
    LossGradients lossGradients(float[] x, int count, float[] outliers, float[] generalLogLikelihoods) {
        long[] shape = {count, spec.height(), spec.width(), spec.channels()};
        List<Parameters.Parameter<TFloat32>> trainable = glow.parameters.trainable();
        try (TFloat32 xt = Tensors.of(x, shape);
             OutlierFeeds of = OutlierFeeds.of(outliers, generalLogLikelihoods, spec, options.outlierLoss())) {
            Session.Runner runner = feedInputs(xt, of).fetch(loss);
            update.gradients().forEach(runner::fetch);
            try (Result r = runner.run()) {
                Map<String, WeightTensor> out = new LinkedHashMap<>();
                for (int i = 0; i < trainable.size(); i++) {
                    Parameters.Parameter<TFloat32> p = trainable.get(i);
                    out.put(p.name(), new WeightTensor(p.shape(), Tensors.read(r.get(i + 1))));
                }
                return new LossGradients(Tensors.scalar(r.get(0)), new GlowWeights(out));
            }
        }
    }

    /** A runner fed with the in-distribution batch and, if any, the outlier batch and its general log-likelihoods. */
    private Session.Runner feedInputs(TFloat32 x, OutlierFeeds outlierFeeds) {
        Session.Runner runner = session.runner().feed(glow.input, x);
        if (outlierFeeds != null) {
            runner.feed(outlierInput, outlierFeeds.images());
            if (outlierGeneralLogLikelihood != null) {
                runner.feed(outlierGeneralLogLikelihood, outlierFeeds.general());
            }
        }
        return runner;
    }

    /**
     * A loss and its gradients.
     *
     * @param loss      the loss.
     * @param gradients its gradient per trainable parameter.
     */
    record LossGradients(double loss, GlowWeights gradients) {
    }

    /**
     * Scores a batch at the bin centre (deterministic).
     *
     * @param batch the batch.
     * @return per-level and total log-likelihoods.
     */
    public LevelScores score(ImageBatch batch) {
        batch.validate(spec);
        float[] x = new float[batch.pixels().length];
        Dequantization.binCentre(batch.pixels(), x);
        return glow.score(session, x, batch.count());
    }

    /** @return the current weights as plain data. */
    public GlowWeights exportWeights() {
        return glow.exportWeights(session);
    }

    /**
     * Replaces all weights (the optimiser state is kept).
     *
     * @param weights the weights; names and shapes must match the spec.
     */
    public void importWeights(GlowWeights weights) {
        glow.importWeights(session, weights);
    }

    /**
     * Everything needed to continue training later: weights, optimiser state and step counters.
     *
     * @return the state.
     */
    public TrainingState exportState() {
        return new TrainingState(glow.exportWeights(session), glow.exportFrom(session, optimizerState),
                appliedSteps, skippedSteps, noiseDraws);
    }

    /**
     * Restores a state exported by a session of the same architecture and options (e.g. from a checkpoint).
     *
     * @param state the state.
     */
    public void importState(TrainingState state) {
        glow.importWeights(session, state.weights());
        glow.importInto(session, optimizerState, state.optimizer());
        this.appliedSteps = state.appliedSteps();
        this.skippedSteps = state.skippedSteps();
        this.noiseDraws = state.noiseDraws();
    }

    /** @return the number of applied steps. */
    public long appliedSteps() {
        return appliedSteps;
    }

    /** @return the number of steps skipped because the loss or a gradient was not finite. */
    public long skippedSteps() {
        return skippedSteps;
    }

    @Override
    public void close() {
        session.close();
        glow.close();
    }

    /** The tensors fed for an outlier-loss step. */
    private record OutlierFeeds(TFloat32 images, TFloat32 general) implements AutoCloseable {

        static OutlierFeeds of(float[] outliers, float[] general, GlowSpec spec, OutlierLoss loss) {
            if (outliers == null) {
                return null;
            }
            int d = spec.dimensions();
            if (outliers.length == 0 || outliers.length % d != 0) {
                throw new IllegalArgumentException("Outliers must hold whole images of " + d + " values, found "
                        + outliers.length + " values");
            }
            int n = outliers.length / d;
            TFloat32 images = Tensors.of(outliers, n, spec.height(), spec.width(), spec.channels());
            if (loss.kind() == OutlierLoss.Kind.MARGIN) {
                return new OutlierFeeds(images, null); // pairs the first min(inliers, outliers) of each
            }
            if (general == null || general.length != n) {
                images.close();
                throw new IllegalArgumentException("Expected " + n + " general-model log-likelihoods, found "
                        + (general == null ? "none" : general.length));
            }
            return new OutlierFeeds(images, Tensors.of(general, n));
        }

        @Override
        public void close() {
            images.close();
            if (general != null) {
                general.close();
            }
        }
    }
}
