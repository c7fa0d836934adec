package io.github.flowanomaly.tribuo.glow;

import com.oracle.labs.mlrg.olcut.util.Pair;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.GlowWeights;
import io.github.flowanomaly.tf.ImageBatch;
import io.github.flowanomaly.tf.LevelScores;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.anomaly.Event;
import org.tribuo.provenance.ModelProvenance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shared half of this library's anomaly models: examples are images as pixel features ({@link PixelMapper}, every
 * pixel required), scored in chunks of {@value #PREDICT_CHUNK}, higher = more anomalous, {@code ANOMALOUS} above
 * {@link #threshold()}. No feature importances or excuses. {@link AutoCloseable} for the native TensorFlow sessions a
 * subclass holds.
 * <p>
 * Every score is a function of the per-level log-likelihoods of one or more Glows ({@link #scoredGlows()}) and, for
 * some detectors, of the images themselves: {@link #anomalyScores(List, ImageBatch)}. A caller that evaluates several
 * detectors sharing Glows (the raw likelihood, last scale and typicality of one Glow, the ratios of a pair) can
 * therefore score each Glow once per image set ({@link #glowLogLikelihoods}) and derive every detector's scores from
 * the same numbers ({@link #predictions(List, double[])}).
 */
public abstract class FlowAnomalyModel extends Model<Event> implements AutoCloseable {

    private static final long serialVersionUID = 1L;

    /** Images scored per TensorFlow run. */
    public static final int PREDICT_CHUNK = 256;

    /**
     * Sets Tribuo's model fields.
     *
     * @param name         the model name.
     * @param provenance   its provenance.
     * @param featureIDMap the feature domain.
     * @param outputIDInfo the output domain.
     */
    protected FlowAnomalyModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
                               ImmutableOutputInfo<Event> outputIDInfo) {
        super(name, provenance, featureIDMap, outputIDInfo, false);
    }

    /** @return the architecture whose image shape the examples must have. */
    public abstract GlowSpec spec();

    /** @return the decision threshold on the anomaly score. */
    public abstract double threshold();

    /**
     * The Glows whose per-level log-likelihoods this model's score is a function of: one for a single Glow, the
     * in-distribution and the reference Glow of a pair.
     *
     * @return their weights, in the order {@link #anomalyScores(List, ImageBatch)} takes their log-likelihoods.
     */
    public abstract List<GlowWeights> scoredGlows();

    /**
     * Per-level log-likelihoods (nats, bin-centre dequantisation) of images under one of {@link #scoredGlows()}.
     *
     * @param glow  the index into {@link #scoredGlows()}.
     * @param batch the images, pixel values in [0, 255], NHWC in this model's shape.
     * @return the log-likelihoods, in batch order.
     * @throws IndexOutOfBoundsException if {@code glow} is not an index of {@link #scoredGlows()}.
     */
    public abstract LevelScores glowLogLikelihoods(int glow, ImageBatch batch);

    /**
     * The anomaly scores of images from their log-likelihoods under {@link #scoredGlows()}.
     *
     * @param levels the log-likelihoods of {@code batch} under each of {@link #scoredGlows()}, in that order (as
     *               {@link #glowLogLikelihoods} computes them).
     * @param batch  the images (for scores that look at the pixels, e.g. their compressed size).
     * @return one score per image, higher = more anomalous.
     * @throws IllegalArgumentException if {@code levels} does not hold one entry per scored Glow.
     */
    public abstract double[] anomalyScores(List<LevelScores> levels, ImageBatch batch);

    /**
     * The anomaly scores of a chunk of images: each scored Glow's log-likelihoods, then
     * {@link #anomalyScores(List, ImageBatch)}.
     *
     * @param batch the images, pixel values in [0, 255], NHWC.
     * @return one score per image, higher = more anomalous.
     */
    protected final double[] anomalyScores(ImageBatch batch) {
        int glows = scoredGlows().size();
        List<LevelScores> levels = new ArrayList<>(glows);
        for (int g = 0; g < glows; g++) {
            levels.add(glowLogLikelihoods(g, batch));
        }
        return anomalyScores(levels, batch);
    }

    /**
     * Thresholded predictions of examples whose anomaly scores were computed already (by
     * {@link #anomalyScores(List, ImageBatch)}): the same predictions as {@link #predict(Iterable)} without scoring
     * again.
     *
     * @param examples the examples.
     * @param scores   their anomaly scores, in order.
     * @return one prediction per example.
     * @throws IllegalArgumentException if the counts differ.
     */
    public List<Prediction<Event>> predictions(List<? extends Example<Event>> examples, double[] scores) {
        return ThresholdedPredictions.of(examples, scores, threshold());
    }

    /**
     * Checks the argument of {@link #anomalyScores(List, ImageBatch)}.
     *
     * @param levels the log-likelihoods given.
     * @param batch  the images given.
     * @throws IllegalArgumentException if there is not one entry per scored Glow, each with one row per image.
     */
    protected final void checkLevels(List<LevelScores> levels, ImageBatch batch) {
        if (levels.size() != scoredGlows().size()) {
            throw new IllegalArgumentException("Expected the log-likelihoods of " + scoredGlows().size()
                    + " Glow(s), found " + levels.size());
        }
        for (LevelScores l : levels) {
            if (l.count() != batch.count()) {
                throw new IllegalArgumentException("Expected log-likelihoods of " + batch.count()
                        + " images, found " + l.count());
            }
        }
    }

    /** @return the pixel mapping of this model's image shape (every pixel required). */
    public PixelMapper pixelMapper() {
        GlowSpec spec = spec();
        return new PixelMapper(spec.height(), spec.width(), spec.channels(), true);
    }

    @Override
    public Prediction<Event> predict(Example<Event> example) {
        return innerPredict(List.of(example)).get(0);
    }

    @Override
    protected List<Prediction<Event>> innerPredict(Iterable<Example<Event>> examples) {
        return ThresholdedPredictions.predict(examples, pixelMapper(), PREDICT_CHUNK, this::anomalyScores,
                threshold());
    }

    @Override
    public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
        return Collections.emptyMap();
    }

    @Override
    public Optional<Excuse<Event>> getExcuse(Example<Event> example) {
        return Optional.empty();
    }

    /** Releases native sessions (rebuilt on the next prediction). */
    @Override
    public abstract void close();
}
