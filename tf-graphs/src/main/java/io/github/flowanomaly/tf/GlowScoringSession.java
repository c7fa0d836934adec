package io.github.flowanomaly.tf;

import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * An inference-only Glow rebuilt from a spec and weights (no optimiser state, no training ops): scoring at the bin
 * centre, encoding to per-level latents, decoding and sampling. Weights are graph constants, so everything that
 * depends on weights alone (e.g. the 1x1 convolution matrices from their LU factors) is folded once by TensorFlow's
 * graph optimiser instead of being recomputed per batch.
 * <p>
 * Thread-safe: TensorFlow sessions may be run concurrently, and this class keeps no mutable state.
 */
public final class GlowScoringSession implements AutoCloseable {

    /** Images per session run when scoring large batches. */
    public static final int DEFAULT_CHUNK = 256;

    private final GlowSpec spec;
    private final GlowGraph glow;
    private final Session session;
    private final List<Placeholder<TFloat32>> latentInputs = new ArrayList<>();
    private final Operand<TFloat32> decoded;
    private final int chunk;

    /**
     * Rebuilds a model.
     *
     * @param spec      the architecture.
     * @param weights   its weights (names and shapes must match the spec).
     * @param execution the TensorFlow execution settings.
     * @param chunk     images per session run when scoring (memory bound), &gt; 0.
     */
    public GlowScoringSession(GlowSpec spec, GlowWeights weights, ExecutionOptions execution, int chunk) {
        if (chunk <= 0) {
            throw new IllegalArgumentException("chunk must be > 0, found " + chunk);
        }
        this.spec = spec;
        this.chunk = chunk;
        this.glow = new GlowGraph(spec, weights, execution.effectivePrecision());
        Session started = null;
        try {
            for (int level = 0; level < spec.levels(); level++) {
                int[] s = spec.priorShape(level);
                latentInputs.add(glow.ctx.tf().withName("latent" + level).placeholder(TFloat32.class,
                        Placeholder.shape(Shape.of(-1, s[0], s[1], s[2]))));
            }
            this.decoded = glow.ctx.tf().withName("decoded").identity(glow.network.inverse(latentInputs));
            started = new Session(glow.graph, GlowGraph.config(execution));
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

    /** @return the architecture. */
    public GlowSpec spec() {
        return spec;
    }

    /** @return the precision the graph computes in on this CPU ({@link Precision#FP32} or {@link Precision#BF16_COUPLING}). */
    public Precision precision() {
        return glow.precision;
    }

    /**
     * Scores images at the bin centre {@code x = (v + 0.5)/256 − 0.5}; deterministic.
     *
     * @param batch the images.
     * @return per-level and total log-likelihoods.
     */
    public LevelScores score(ImageBatch batch) {
        batch.validate(spec);
        int d = spec.dimensions();
        int n = batch.count();
        float[] levels = new float[n * spec.levels()];
        float[] totals = new float[n];
        float[] x = new float[Math.min(n, chunk) * d];
        for (int from = 0; from < n; from += chunk) {
            int count = Math.min(chunk, n - from);
            float[] in = count * d == x.length ? x : new float[count * d];
            float[] pixels = batch.pixels();
            for (int i = 0; i < count * d; i++) {
                in[i] = (pixels[from * d + i] + 0.5f) / 256f - 0.5f;
            }
            LevelScores part = glow.score(session, in, count);
            System.arraycopy(part.levelLogLikelihoods(), 0, levels, from * spec.levels(), count * spec.levels());
            System.arraycopy(part.logLikelihoods(), 0, totals, from, count);
        }
        return new LevelScores(n, spec.levels(), d, levels, totals);
    }

    /**
     * Scores model-space inputs as given (no dequantisation), e.g. outliers dequantised with training noise by a
     * {@link GlowTrainingSession}, in one run.
     *
     * @param modelInputs the inputs {@code x}, NHWC.
     * @param count       the number of images.
     * @return per-level and total log-likelihoods.
     */
    public LevelScores scoreModelInputs(float[] modelInputs, int count) {
        if (count <= 0 || modelInputs.length != (long) count * spec.dimensions()) {
            throw new IllegalArgumentException("Expected " + count + " images of " + spec.dimensions()
                    + " values, found " + modelInputs.length + " values");
        }
        return glow.score(session, modelInputs, count);
    }

    /**
     * Maps model-space inputs to the standardised latents of every level.
     *
     * @param modelInputs inputs {@code x} (already dequantised), NHWC.
     * @param count       the number of images.
     * @return one array per level, NHWC of {@link GlowSpec#priorShape(int)}.
     */
    public List<float[]> encode(float[] modelInputs, int count) {
        Session.Runner runner = session.runner();
        try (TFloat32 x = Tensors.of(modelInputs, count, spec.height(), spec.width(), spec.channels())) {
            runner.feed(glow.input, x);
            for (Operand<TFloat32> latent : glow.outputs.latents()) {
                runner.fetch(latent);
            }
            List<float[]> out = new ArrayList<>();
            try (Result r = runner.run()) {
                for (int level = 0; level < spec.levels(); level++) {
                    out.add(Tensors.read(r.get(level)));
                }
            }
            return out;
        }
    }

    /**
     * Maps per-level latents back to model-space inputs (the inverse of {@link #encode}).
     *
     * @param latents one array per level.
     * @param count   the number of images.
     * @return model-space inputs, NHWC.
     */
    public float[] decode(List<float[]> latents, int count) {
        if (latents.size() != spec.levels()) {
            throw new IllegalArgumentException("Expected " + spec.levels() + " latents, found " + latents.size());
        }
        List<Tensor> fed = new ArrayList<>();
        try {
            Session.Runner runner = session.runner();
            for (int level = 0; level < spec.levels(); level++) {
                int[] s = spec.priorShape(level);
                if (latents.get(level).length != count * spec.priorDimensions(level)) {
                    throw new IllegalArgumentException("Latent of level " + level + " needs "
                            + count * spec.priorDimensions(level) + " values, found " + latents.get(level).length);
                }
                TFloat32 t = Tensors.of(latents.get(level), count, s[0], s[1], s[2]);
                fed.add(t);
                runner.feed(latentInputs.get(level), t);
            }
            try (Result r = runner.fetch(decoded).run()) {
                return Tensors.read(r.get(0));
            }
        } finally {
            fed.forEach(Tensor::close);
        }
    }

    /**
     * Samples images from the model: standard normal latents scaled by a temperature, decoded and mapped to pixel
     * values in {@code [0, 255]} (clamped, not rounded).
     *
     * @param count       number of images.
     * @param temperature the standard deviation of the latents (1 = the model's distribution; the Glow paper
     *                    samples at 0.7).
     * @param seed        the seed of the latent noise.
     * @return the sampled images.
     */
    public ImageBatch sample(int count, double temperature, long seed) {
        if (count <= 0 || !(temperature >= 0)) {
            throw new IllegalArgumentException("Need count > 0 and temperature >= 0, found " + count + ", "
                    + temperature);
        }
        Random random = new Random(seed);
        List<float[]> latents = new ArrayList<>();
        for (int level = 0; level < spec.levels(); level++) {
            float[] z = new float[count * spec.priorDimensions(level)];
            for (int i = 0; i < z.length; i++) {
                z[i] = (float) (temperature * random.nextGaussian());
            }
            latents.add(z);
        }
        return new ImageBatch(Dequantization.toPixels(decode(latents, count)), count);
    }

    @Override
    public void close() {
        session.close();
        glow.close();
    }
}
