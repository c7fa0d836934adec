package io.github.flowanomaly.tf.graph;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * The graph being built, its op factory and its floating point type, with helpers for typed constants.
 *
 * @param <T> the floating point type of every tensor of the flow ({@link TFloat32} normally, {@link TFloat64} in
 *            numerical tests).
 */
public final class GraphContext<T extends TFloating> {

    private final Graph graph;
    private final Ops tf;
    private final Class<T> type;
    private final boolean bfloat16Coupling;

    /**
     * Creates a context over a graph whose tensors are all of one type.
     *
     * @param graph the graph to add operations to.
     * @param type  the floating point type of the flow's tensors.
     */
    public GraphContext(Graph graph, Class<T> type) {
        this(graph, type, false);
    }

    /**
     * Creates a context over a graph.
     *
     * @param graph            the graph to add operations to.
     * @param type             the floating point type of the flow's tensors.
     * @param bfloat16Coupling whether the coupling networks compute in bfloat16 (the rest stays in {@code type}).
     */
    public GraphContext(Graph graph, Class<T> type, boolean bfloat16Coupling) {
        this.graph = graph;
        this.tf = Ops.create(graph);
        this.type = type;
        this.bfloat16Coupling = bfloat16Coupling;
    }

    /** @return whether the coupling networks compute in bfloat16 (see {@code Precision.BF16_COUPLING}). */
    public boolean bfloat16Coupling() {
        return bfloat16Coupling;
    }

    /** @return the graph. */
    public Graph graph() {
        return graph;
    }

    /** @return the op factory of the graph. */
    public Ops tf() {
        return tf;
    }

    /** @return the floating point type. */
    public Class<T> type() {
        return type;
    }

    /**
     * A scalar constant of the flow's type.
     *
     * @param value the value.
     * @return the constant.
     */
    public Operand<T> scalar(double value) {
        return cast(type == TFloat64.class ? tf.constant(value) : tf.constant((float) value));
    }

    /**
     * A constant of the flow's type, created in the init scope when {@code initScope} is set.
     *
     * @param shape     the shape.
     * @param values    the values in row-major order.
     * @param initScope whether to create it in the init scope (as a variable initialiser).
     * @return the constant.
     */
    public Operand<T> constant(long[] shape, double[] values, boolean initScope) {
        Ops ops = initScope ? tf.withInitScope() : tf;
        if (type == TFloat64.class) {
            return cast(ops.constant(Shape.of(shape), DataBuffers.of(values, true, false)));
        }
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return cast(ops.constant(Shape.of(shape), DataBuffers.of(floats, true, false)));
    }

    /**
     * An int32 vector constant (shapes, axes).
     *
     * @param values the values.
     * @return the constant.
     */
    public Operand<TInt32> ints(int... values) {
        return tf.constant(values);
    }

    @SuppressWarnings("unchecked")
    private Operand<T> cast(Operand<? extends TFloating> operand) {
        if (operand.type() == type) {
            return (Operand<T>) operand;
        }
        return tf.dtypes.cast(operand, type);
    }
}
