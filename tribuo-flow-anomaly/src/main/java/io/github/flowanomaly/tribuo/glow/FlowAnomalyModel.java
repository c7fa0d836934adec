package io.github.flowanomaly.tribuo.glow;

import com.oracle.labs.mlrg.olcut.util.Pair;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.ImageBatch;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.anomaly.Event;
import org.tribuo.provenance.ModelProvenance;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shared half of this library's anomaly models: examples are images as pixel features ({@link PixelMapper}, every
 * pixel required), scored in chunks of {@value #PREDICT_CHUNK} by the subclass's {@link #anomalyScores}, higher = more
 * anomalous, {@code ANOMALOUS} above {@link #threshold()}. No feature importances or excuses. {@link AutoCloseable}
 * for the native TensorFlow sessions a subclass holds.
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
     * The anomaly scores of a chunk of images.
     *
     * @param batch the images, pixel values in [0, 255], NHWC.
     * @return one score per image, higher = more anomalous.
     */
    protected abstract double[] anomalyScores(ImageBatch batch);

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
