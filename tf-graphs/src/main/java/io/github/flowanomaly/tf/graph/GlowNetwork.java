package io.github.flowanomaly.tf.graph;

import io.github.flowanomaly.tf.GlowSpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The multi-scale Glow of the authors' code. Per level: squeeze, K flow steps, then the <em>first</em> half of the
 * channels is factored out to the level's prior and the second half continues (the last level sends everything to
 * its prior).
 * <p>
 * The log-likelihood contribution of level {@code s} is {@code lp_s = LD_s + PA_s + PN_s}: the log-determinants of the
 * level's own K steps, plus the prior's ActNorm log-determinant and standard-normal log-density of the dimensions it
 * factors out. {@code ln p(x) = Σ_s lp_s}.
 *
 * @param <T> the floating point type.
 */
public final class GlowNetwork<T extends TFloating> {

    /**
     * A forward pass through the network.
     *
     * @param levelLogLikelihoods {@code lp_s} per level, each {@code [N]}.
     * @param logLikelihood       {@code ln p(x) = lp_0 + lp_1 + ... } (summed in level order), {@code [N]}.
     * @param latents             the standardised latent of each level's prior, {@code [N, h_s, w_s, c_s]}.
     * @param <T>                 the floating point type.
     */
    public record Outputs<T extends TFloating>(List<Operand<T>> levelLogLikelihoods, Operand<T> logLikelihood,
                                               List<Operand<T>> latents) {
    }

    private final GraphContext<T> ctx;
    private final GlowSpec spec;
    private final List<List<FlowStep<T>>> steps = new ArrayList<>();
    private final List<ScalePrior<T>> priors = new ArrayList<>();

    /**
     * Creates the network's layers and parameters. Parameter names follow
     * {@code level<s>.step<k>.{actnorm,invconv,coupling}.*} and {@code level<s>.prior.*}.
     *
     * @param ctx    the graph context.
     * @param params where to create the parameters.
     * @param spec   the architecture and initialisation seed.
     */
    public GlowNetwork(GraphContext<T> ctx, Parameters<T> params, GlowSpec spec) {
        this.ctx = ctx;
        this.spec = spec;
        Random random = new Random(spec.seed());
        int h = spec.height();
        int w = spec.width();
        int c = spec.channels();
        for (int level = 0; level < spec.levels(); level++) {
            h /= 2;
            w /= 2;
            c *= 4;
            List<FlowStep<T>> levelSteps = new ArrayList<>();
            for (int k = 0; k < spec.stepsPerLevel(); k++) {
                levelSteps.add(new FlowStep<>(ctx, params, "level" + level + ".step" + k, h, w, c,
                        spec.hiddenChannels(), random));
            }
            steps.add(levelSteps);
            int[] prior = spec.priorShape(level);
            priors.add(new ScalePrior<>(ctx, params, "level" + level + ".prior", prior[0], prior[1], prior[2]));
            if (level < spec.levels() - 1) {
                c /= 2;
            }
        }
    }

    /** @return the architecture. */
    public GlowSpec spec() {
        return spec;
    }

    /** @return the flow steps, per level. */
    public List<List<FlowStep<T>>> steps() {
        return steps;
    }

    /**
     * Builds the forward pass on model-space inputs {@code x = v/256 − 0.5 (+ noise)}.
     *
     * @param x    the input {@code [N, H, W, C]}.
     * @param pass the forward pass (normal or data-init).
     * @return per-level log-likelihoods, total and latents.
     */
    public Outputs<T> forward(Operand<T> x, ForwardPass pass) {
        Ops tf = ctx.tf();
        List<Operand<T>> levelLogLikelihoods = new ArrayList<>();
        List<Operand<T>> latents = new ArrayList<>();
        Operand<T> current = x;
        int h = spec.height();
        int w = spec.width();
        int c = spec.channels();
        for (int level = 0; level < spec.levels(); level++) {
            current = Squeeze.squeeze(ctx, current, h, w, c);
            h /= 2;
            w /= 2;
            c *= 4;
            Operand<T> logDet = ctx.scalar(0.0);
            for (FlowStep<T> step : steps.get(level)) {
                FlowResult<T> out = step.forward(current, pass);
                current = out.output();
                logDet = tf.math.add(logDet, out.logDet());
            }
            Operand<T> factored = current;
            if (level < spec.levels() - 1) {
                var halves = tf.split(tf.constant(3), current, 2L);
                factored = halves.output().get(0);
                current = halves.output().get(1);
                c /= 2;
            }
            FlowResult<T> prior = priors.get(level).forward(factored, pass);
            latents.add(prior.output());
            levelLogLikelihoods.add(tf.math.add(logDet, prior.logDet()));
        }
        Operand<T> total = levelLogLikelihoods.get(0);
        for (int level = 1; level < levelLogLikelihoods.size(); level++) {
            total = tf.math.add(total, levelLogLikelihoods.get(level));
        }
        return new Outputs<>(List.copyOf(levelLogLikelihoods), total, List.copyOf(latents));
    }

    /**
     * Builds the inverse pass: from the standardised latents of every level back to model-space inputs.
     *
     * @param latents one latent per level, shaped as {@link Outputs#latents()}.
     * @return the reconstructed input {@code [N, H, W, C]}.
     */
    public Operand<T> inverse(List<? extends Operand<T>> latents) {
        if (latents.size() != spec.levels()) {
            throw new IllegalArgumentException("Expected " + spec.levels() + " latents, found " + latents.size());
        }
        Ops tf = ctx.tf();
        Operand<T> current = null;
        for (int level = spec.levels() - 1; level >= 0; level--) {
            Operand<T> factored = priors.get(level).inverse(latents.get(level));
            current = current == null ? factored : tf.concat(List.of(factored, current), tf.constant(3));
            List<FlowStep<T>> levelSteps = steps.get(level);
            for (int k = levelSteps.size() - 1; k >= 0; k--) {
                current = levelSteps.get(k).inverse(current);
            }
            int h = spec.height() >> level;
            int w = spec.width() >> level;
            int c = spec.channels() << level;
            current = Squeeze.unsqueeze(ctx, current, h, w, c);
        }
        return current;
    }
}
