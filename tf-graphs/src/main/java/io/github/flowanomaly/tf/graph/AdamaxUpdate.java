package io.github.flowanomaly.tf.graph;

import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.family.TFloating;

import java.util.ArrayList;
import java.util.List;

/**
 * Adamax with coupled weight decay, as PyTorch's {@code torch.optim.Adamax} (the authors' optimiser), over an explicit
 * list of parameters, with the whole step skipped when the loss or any gradient is not finite.
 * <pre>
 *   g  = ∇θ loss + weightDecay·θ
 *   m  = β1·m + (1 − β1)·g
 *   u  = max(β2·u, |g| + ε)
 *   θ  = θ − lr / (1 − β1^t) · m / u
 * </pre>
 * TF-Java's own optimisers differentiate with respect to every variable of the graph and bake the learning rate into
 * a constant; this update takes a learning-rate operand (for warm-up) and only the given parameters.
 * <p>
 * The skip is exact: every assignment selects the old value when the step is not finite. Every update also
 * depends on all gradients through that flag, so no variable is overwritten while the backward pass may still read
 * it.
 *
 * @param <T> the floating point type.
 */
public final class AdamaxUpdate<T extends TFloating> {

    /**
     * Adamax hyper-parameters.
     *
     * @param beta1       first-moment decay.
     * @param beta2       infinity-norm decay.
     * @param epsilon     added to |g| inside the max (PyTorch's placement).
     * @param weightDecay coupled L2 weight decay added to the gradient.
     */
    public record Settings(double beta1, double beta2, double epsilon, double weightDecay) {
    }

    private final Op target;
    private final Operand<TBool> applied;
    private final Operand<T> stepCount;
    private final List<Output<?>> gradients;

    /**
     * Builds the update.
     *
     * @param ctx          the graph context.
     * @param parameters   the parameters to train.
     * @param loss         the scalar loss.
     * @param learningRate the scalar learning rate.
     * @param settings     the hyper-parameters.
     * @param state        where the optimiser's own variables (moments, step count) are created, so that they can
     *                     be exported and restored like weights (checkpoints).
     */
    @SuppressWarnings("unchecked")
    public AdamaxUpdate(GraphContext<T> ctx, List<Parameters.Parameter<T>> parameters, Operand<T> loss,
                        Operand<T> learningRate, Settings settings, Parameters<T> state) {
        Ops tf = ctx.tf();
        Output<?>[] variables = new Output<?>[parameters.size()];
        for (int i = 0; i < variables.length; i++) {
            variables[i] = parameters.get(i).variable().asOutput();
        }
        Output<?>[] gradients = ctx.graph().addGradients(loss.asOutput(), variables);
        this.gradients = List.of(gradients);

        Parameters.Parameter<T> step = slot(state, "adamax.step", new long[0], 0.0);
        Parameters.Parameter<T> beta1Power = slot(state, "adamax.beta1_power", new long[0], 1.0);
        List<Op> assignments = new ArrayList<>();
        this.applied = flat(ctx, parameters, loss, gradients, learningRate, settings, state, step, beta1Power,
                assignments);
        this.target = tf.withControlDependencies(assignments).withName("adamax.update").noOp();
        this.stepCount = step.value();
    }

    /**
     * The update on one flat vector of all parameters: a handful of large element-wise ops instead of a dozen small
     * ones per variable (the step's op count drops by ~1,700 for the standard Glow).
     */
    @SuppressWarnings("unchecked")
    private static <T extends TFloating> Operand<TBool> flat(GraphContext<T> ctx,
                                                           List<Parameters.Parameter<T>> parameters,
                                                           Operand<T> loss, Output<?>[] gradients,
                                                           Operand<T> learningRate, Settings settings,
                                                           Parameters<T> state, Parameters.Parameter<T> step,
                                                           Parameters.Parameter<T> beta1Power, List<Op> assignments) {
        Ops tf = ctx.tf();
        List<Operand<T>> flatGradients = new ArrayList<>();
        List<Operand<T>> flatValues = new ArrayList<>();
        long total = 0;
        int[] sizes = new int[parameters.size()];
        for (int i = 0; i < parameters.size(); i++) {
            flatGradients.add(tf.reshape((Operand<T>) gradients[i], ctx.ints(-1)));
            flatValues.add(tf.reshape(parameters.get(i).value(), ctx.ints(-1)));
            sizes[i] = parameters.get(i).size();
            total += sizes[i];
        }
        Operand<T> g = tf.concat(flatGradients, tf.constant(0));
        Operand<T> theta = tf.concat(flatValues, tf.constant(0));
        Operand<TBool> applied = tf.withName("adamax.finite").math.logicalAnd(tf.math.isFinite(loss),
                tf.reduceAll(tf.math.isFinite(g), tf.constant(0)));
        if (settings.weightDecay() != 0.0) {
            g = tf.math.add(g, tf.math.mul(theta, ctx.scalar(settings.weightDecay())));
        }
        long[] shape = {total};
        Parameters.Parameter<T> m = slot(state, "adamax.m", shape, 0.0);
        Parameters.Parameter<T> u = slot(state, "adamax.u", shape, 0.0);
        Operand<T> stepSize = stepSize(ctx, learningRate, settings, step, beta1Power, applied, assignments);
        Operand<T> mNew = tf.math.add(tf.math.mul(m.value(), ctx.scalar(settings.beta1())),
                tf.math.mul(g, ctx.scalar(1.0 - settings.beta1())));
        Operand<T> uNew = tf.math.maximum(tf.math.mul(u.value(), ctx.scalar(settings.beta2())),
                tf.math.add(tf.math.abs(g), ctx.scalar(settings.epsilon())));
        Operand<T> thetaNew = tf.select(applied,
                tf.math.sub(theta, tf.math.mul(stepSize, tf.math.div(mNew, uNew))), theta);
        assignments.add(tf.assign(m.variable(), tf.select(applied, mNew, m.value())));
        assignments.add(tf.assign(u.variable(), tf.select(applied, uNew, u.value())));
        var parts = tf.splitV(thetaNew, tf.constant(sizes), tf.constant(0), (long) sizes.length);
        for (int i = 0; i < parameters.size(); i++) {
            Parameters.Parameter<T> p = parameters.get(i);
            int[] dims = new int[p.shape().length];
            for (int d = 0; d < dims.length; d++) {
                dims[d] = (int) p.shape()[d];
            }
            assignments.add(tf.assign(p.variable(), tf.reshape(parts.output().get(i), ctx.ints(dims))));
        }
        return applied;
    }

    /** Advances the step counters (when applied) and returns {@code lr / (1 − β1^t)}. */
    private static <T extends TFloating> Operand<T> stepSize(GraphContext<T> ctx, Operand<T> learningRate,
                                                           Settings settings, Parameters.Parameter<T> step,
                                                           Parameters.Parameter<T> beta1Power,
                                                           Operand<TBool> applied, List<Op> assignments) {
        Ops tf = ctx.tf();
        Operand<T> newStep = tf.math.add(step.value(), ctx.scalar(1.0));
        Operand<T> newBeta1Power = tf.math.mul(beta1Power.value(), ctx.scalar(settings.beta1()));
        assignments.add(tf.assign(step.variable(), tf.select(applied, newStep, step.value())));
        assignments.add(tf.assign(beta1Power.variable(), tf.select(applied, newBeta1Power, beta1Power.value())));
        return tf.math.div(learningRate, tf.math.sub(ctx.scalar(1.0), newBeta1Power));
    }

    /** @return the op that performs (or skips) one update. */
    public Op target() {
        return target;
    }

    /** @return whether the update is applied (loss and gradients finite). */
    public Operand<TBool> applied() {
        return applied;
    }

    /**
     * The gradient of the loss with respect to each parameter, without weight decay, in the order of the parameters
     * given to the constructor (e.g. to check the backward pass against a reference implementation).
     *
     * @return one gradient per parameter, shaped like it.
     */
    public List<Output<?>> gradients() {
        return gradients;
    }

    /** @return the number of applied updates so far (fetch it in a run of its own: the update writes in place). */
    public Operand<T> stepCount() {
        return stepCount;
    }

    private static <T extends TFloating> Parameters.Parameter<T> slot(Parameters<T> state, String name, long[] shape,
                                                                      double value) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        double[] values = new double[Math.toIntExact(n)];
        java.util.Arrays.fill(values, value);
        state.create(name, shape, values, false);
        return state.get(name);
    }
}
