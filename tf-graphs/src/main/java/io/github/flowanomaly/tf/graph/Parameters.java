package io.github.flowanomaly.tf.graph;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TFloating;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named parameters of one flow in one graph.
 * <p>
 * Each parameter is a variable initialised from values computed in Java (so initialisation is deterministic given
 * the seed and needs no TF random ops), read once through an {@code Identity}: ops consuming a ref-typed
 * {@code VariableV2} directly can crash gradient construction (see docs). Names are flat (no {@code /}) because
 * TF-Java rejects scoped names in several places.
 *
 * @param <T> the floating point type.
 */
public final class Parameters<T extends TFloating> {

    /**
     * One parameter.
     *
     * @param name      the parameter name (also the variable op name).
     * @param shape     the shape.
     * @param variable  the variable.
     * @param value     the variable read through an identity; use this everywhere.
     * @param trainable whether the optimizer updates it.
     * @param <T>       the floating point type.
     */
    public record Parameter<T extends TFloating>(String name, long[] shape, Variable<T> variable, Operand<T> value,
                                                 boolean trainable) {
        /** @return the number of elements. */
        public int size() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return Math.toIntExact(n);
        }
    }

    private final GraphContext<T> ctx;
    private final Map<String, Parameter<T>> parameters = new LinkedHashMap<>();
    private final Map<String, io.github.flowanomaly.tf.WeightTensor> frozen;

    /**
     * Creates an empty parameter store whose parameters are variables.
     *
     * @param ctx the graph context.
     */
    public Parameters(GraphContext<T> ctx) {
        this.ctx = ctx;
        this.frozen = null;
    }

    /**
     * Creates a parameter store for an inference-only graph: every parameter is a constant with the given value, so
     * TensorFlow's graph optimiser can fold everything that depends only on weights (the 1x1 convolution matrices
     * from their LU factors, ActNorm and coupling scales) once, before the first run.
     *
     * @param ctx     the graph context.
     * @param weights the value of every parameter, by name.
     */
    public Parameters(GraphContext<T> ctx, Map<String, io.github.flowanomaly.tf.WeightTensor> weights) {
        this.ctx = ctx;
        this.frozen = weights;
    }

    /**
     * Names of frozen weights that no parameter used (an architecture mismatch); empty for variable stores.
     *
     * @return the unused names.
     */
    public List<String> unusedFrozenWeights() {
        List<String> unused = new ArrayList<>();
        if (frozen != null) {
            for (String name : frozen.keySet()) {
                if (!parameters.containsKey(name)) {
                    unused.add(name);
                }
            }
        }
        return unused;
    }

    /**
     * Creates a parameter.
     *
     * @param name      unique flat name.
     * @param shape     its shape.
     * @param initial   its initial values, row-major.
     * @param trainable whether the optimizer updates it.
     * @return the parameter's value (read through an identity).
     */
    public Operand<T> create(String name, long[] shape, double[] initial, boolean trainable) {
        if (parameters.containsKey(name)) {
            throw new IllegalStateException("Duplicate parameter name " + name);
        }
        long expected = 1;
        for (long d : shape) {
            expected *= d;
        }
        if (expected != initial.length) {
            throw new IllegalArgumentException("Parameter " + name + " expects " + expected + " values, found "
                    + initial.length);
        }
        Ops tf = ctx.tf();
        if (frozen != null) {
            Operand<T> value = tf.withName(name).identity(ctx.constant(shape, frozenValue(name, shape), false));
            parameters.put(name, new Parameter<>(name, shape.clone(), null, value, false));
            return value;
        }
        Operand<T> init = ctx.constant(shape, initial, true);
        Variable<T> variable = tf.withName(name).variable(init);
        Operand<T> read = tf.withName(name + "_read").identity(variable);
        parameters.put(name, new Parameter<>(name, shape.clone(), variable, read, trainable));
        return read;
    }

    private double[] frozenValue(String name, long[] shape) {
        io.github.flowanomaly.tf.WeightTensor w = frozen.get(name);
        if (w == null) {
            throw new IllegalArgumentException("Weights do not match the architecture: missing " + name);
        }
        if (!java.util.Arrays.equals(w.shape(), shape)) {
            throw new IllegalArgumentException("Weight " + name + " must have shape " + java.util.Arrays.toString(shape)
                    + ", found " + java.util.Arrays.toString(w.shape()));
        }
        float[] values = w.values();
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** @return all parameters in creation order. */
    public List<Parameter<T>> all() {
        return List.copyOf(parameters.values());
    }

    /** @return the trainable parameters in creation order. */
    public List<Parameter<T>> trainable() {
        List<Parameter<T>> out = new ArrayList<>();
        for (Parameter<T> p : parameters.values()) {
            if (p.trainable()) {
                out.add(p);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Looks up a parameter.
     *
     * @param name the name.
     * @return the parameter.
     */
    public Parameter<T> get(String name) {
        Parameter<T> p = parameters.get(name);
        if (p == null) {
            throw new IllegalArgumentException("Unknown parameter " + name);
        }
        return p;
    }

    /**
     * Builds one placeholder and one assignment per parameter, grouped under a single target, so that all weights
     * can be loaded in one session run.
     *
     * @return the placeholders (by parameter name) and the grouping op.
     */
    public WeightLoader<T> buildLoader() {
        if (frozen != null) {
            throw new IllegalStateException("An inference-only graph has constant parameters; nothing to load");
        }
        Ops tf = ctx.tf();
        Map<String, Placeholder<T>> placeholders = new LinkedHashMap<>();
        List<Op> assigns = new ArrayList<>();
        for (Parameter<T> p : parameters.values()) {
            Placeholder<T> ph = tf.withName("load." + p.name())
                    .placeholder(ctx.type(), Placeholder.shape(Shape.of(p.shape())));
            placeholders.put(p.name(), ph);
            assigns.add(tf.assign(p.variable(), ph));
        }
        Op group = tf.withControlDependencies(assigns).withName("load_weights").noOp();
        return new WeightLoader<>(placeholders, group);
    }

    /**
     * Placeholders and the target that load every parameter.
     *
     * @param placeholders one placeholder per parameter name.
     * @param target       the op to run.
     * @param <T>          the floating point type.
     */
    public record WeightLoader<T extends TFloating>(Map<String, Placeholder<T>> placeholders, Op target) {
    }
}
