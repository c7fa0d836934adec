package io.github.flowanomaly.tribuo.glow;

import io.github.flowanomaly.tribuo.impl.GlowNetworkCodec;
import io.github.flowanomaly.tribuo.impl.ReopenableScoringSession;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.GlowWeights;
import io.github.flowanomaly.tf.ImageBatch;
import io.github.flowanomaly.tf.LevelScores;
import io.github.flowanomaly.tribuo.files.SavedModels;
import io.github.flowanomaly.tribuo.protos.GlowModelProto;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.anomaly.Event;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.protos.core.ModelDataProto;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.ModelProvenance;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A trained Glow as a Tribuo anomaly model. {@code Event.getScore()} is an anomaly score, higher = more anomalous
 * (negative log-likelihood in bits/dim, minus the last level's log-likelihood for {@link FlowScore#LAST_SCALE}, or the
 * per-level distance from the held-out images' typical log-likelihoods for {@link FlowScore#TYPICALITY});
 * an example is {@code ANOMALOUS} when its score exceeds {@link #threshold()}, a quantile of the scores of held-out
 * in-distribution images.
 * <p>
 * Thread-safe: predictions may run concurrently. Holds a native TensorFlow session once it has predicted; close the
 * model (or let it be garbage collected) to release it. A closed model reopens its session when used again.
 */
public final class GlowModel extends FlowAnomalyModel {

    private static final long serialVersionUID = 1L;

    /** The protobuf serialization version. */
    public static final int CURRENT_VERSION = 0;

    private final GlowSpec spec;
    private final GlowWeights weights;
    private final FlowScore score;
    private final Calibration calibration;
    private final double threshold;
    private final LevelStatistics reference;
    private transient ReopenableScoringSession session;

    GlowModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
              ImmutableOutputInfo<Event> outputIDInfo, GlowSpec spec, GlowWeights weights, FlowScore score,
              Calibration calibration) {
        super(name, provenance, featureIDMap, outputIDInfo);
        this.spec = spec;
        this.weights = weights;
        this.score = score;
        this.calibration = calibration;
        this.threshold = calibration.threshold(score);
        this.reference = calibration.statistics();
    }

    /**
     * Assembles a model from its parts, e.g. one Glow of a likelihood-ratio pair.
     *
     * @param name         the model name.
     * @param provenance   its provenance.
     * @param featureIDMap the feature domain.
     * @param outputIDInfo the output domain.
     * @param spec         the architecture.
     * @param weights      the weights.
     * @param score        the anomaly score.
     * @param calibration  held-out log-likelihoods and threshold quantile.
     * @return the model.
     */
    public static GlowModel of(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
                               ImmutableOutputInfo<Event> outputIDInfo, GlowSpec spec, GlowWeights weights,
                               FlowScore score, Calibration calibration) {
        return new GlowModel(name, provenance, featureIDMap, outputIDInfo, spec, weights, score, calibration);
    }

    /**
     * Reads a saved GlowModel ({@code .tribuo} protobuf file).
     *
     * @param path  the file.
     * @param field the configuration field naming the file, for error messages.
     * @return the model.
     * @throws IllegalArgumentException if the file is missing, unreadable or holds another kind of model.
     */
    public static GlowModel read(java.nio.file.Path path, String field) {
        return SavedModels.read(path, field, GlowModel.class);
    }

    /** @return the architecture. */
    @Override
    public GlowSpec spec() {
        return spec;
    }

    /** @return the weights as plain data. */
    public GlowWeights weights() {
        return weights;
    }

    /** @return which quantity is the anomaly score. */
    public FlowScore score() {
        return score;
    }

    @Override
    public double threshold() {
        return threshold;
    }

    /** @return the held-out log-likelihoods and quantile the threshold comes from. */
    public Calibration calibration() {
        return calibration;
    }

    /**
     * The same network with a different anomaly score (and the threshold re-derived from the calibration images),
     * e.g. {@link FlowScore#LAST_SCALE} for the paper's last-scale detector.
     *
     * @param newScore the score.
     * @return a new model sharing this one's weights.
     */
    public GlowModel withScore(FlowScore newScore) {
        return new GlowModel(name, provenance, featureIDMap, outputIDInfo, spec, weights, newScore, calibration);
    }

    /**
     * Per-level and total log-likelihoods (nats) of images, scored at the bin centre.
     *
     * @param examples the images.
     * @return the log-likelihoods, in input order.
     */
    public LevelScores logLikelihoods(List<? extends Example<Event>> examples) {
        return session().score(pixelMapper().toBatch(examples, 0));
    }

    /**
     * Per-level and total log-likelihoods (nats) of a batch of pixel images, scored at the bin centre.
     *
     * @param batch the images, pixel values in [0, 255], NHWC in this model's shape.
     * @return the log-likelihoods, in batch order.
     */
    public LevelScores logLikelihoods(ImageBatch batch) {
        return session().score(batch);
    }

    /**
     * The per-level breakdown in bits per dimension of each level's own dimensions:
     * {@code (n_s·ln 256 − lp_s) / (n_s·ln 2)} for level s with n_s factored-out dimensions.
     *
     * @param examples the images.
     * @return {@code [image][level]} bits per dimension.
     */
    public double[][] levelBitsPerDim(List<? extends Example<Event>> examples) {
        LevelScores scores = logLikelihoods(examples);
        double[][] out = new double[scores.count()][spec.levels()];
        for (int i = 0; i < scores.count(); i++) {
            for (int s = 0; s < spec.levels(); s++) {
                int n = spec.priorDimensions(s);
                out[i][s] = (n * Math.log(256) - scores.levelLogLikelihood(i, s)) / (n * Math.log(2));
            }
        }
        return out;
    }

    @Override
    public List<GlowWeights> scoredGlows() {
        return List.of(weights);
    }

    @Override
    public LevelScores glowLogLikelihoods(int glow, ImageBatch batch) {
        java.util.Objects.checkIndex(glow, 1);
        return session().score(batch);
    }

    @Override
    public double[] anomalyScores(List<LevelScores> levels, ImageBatch batch) {
        checkLevels(levels, batch);
        LevelScores scores = levels.get(0);
        double[] out = new double[scores.count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = score.score(scores, i, reference);
        }
        return out;
    }

    private synchronized ReopenableScoringSession session() {
        if (session == null) {
            session = new ReopenableScoringSession(spec, weights, PREDICT_CHUNK);
        }
        return session;
    }

    /**
     * Releases the native TensorFlow session (it is rebuilt on the next prediction). Predictions running in other
     * threads finish first; none of them fails because of the close.
     */
    @Override
    public void close() {
        session().close();
    }

    @Override
    protected GlowModel copy(String newName, ModelProvenance newProvenance) {
        return new GlowModel(newName, newProvenance, featureIDMap, outputIDInfo, spec, weights, score, calibration);
    }

    @Override
    public ModelProto serialize() {
        GlowModelProto proto = GlowModelProto.newBuilder()
                .setMetadata(createDataCarrier().serialize().toByteString())
                .setNetwork(GlowNetworkCodec.toProto(spec, weights))
                .setScore(score.name())
                .setCalibration(calibration.toProto())
                .build();
        return ModelProto.newBuilder().setVersion(CURRENT_VERSION).setClassName(GlowModel.class.getName())
                .setSerializedData(Any.pack(proto)).build();
    }

    /**
     * Deserialization factory used by {@link Model#deserialize(ModelProto)}.
     *
     * @param version   the serialized version.
     * @param className the class name.
     * @param message   the serialized data.
     * @return the model.
     * @throws InvalidProtocolBufferException if the message is not a {@link GlowModelProto}.
     */
    @SuppressWarnings("unchecked")
    public static GlowModel deserializeFromProto(int version, String className, Any message)
            throws InvalidProtocolBufferException {
        if (version < 0 || version > CURRENT_VERSION) {
            throw new IllegalArgumentException("Unknown GlowModel version " + version + ", this build reads up to "
                    + CURRENT_VERSION);
        }
        GlowModelProto proto = message.unpack(GlowModelProto.class);
        ModelDataCarrier<?> carrier = ModelDataCarrier.deserialize(ModelDataProto.parseFrom(proto.getMetadata()));
        GlowSpec spec = GlowNetworkCodec.spec(proto.getNetwork());
        return new GlowModel(carrier.name(), carrier.provenance(), carrier.featureDomain(),
                (ImmutableOutputInfo<Event>) carrier.outputDomain(), spec,
                GlowNetworkCodec.weights(proto.getNetwork()), FlowScore.valueOf(proto.getScore()),
                Calibration.fromProto(proto.getCalibration(), spec.dimensions()));
    }

    @Override
    public String toString() {
        return "GlowModel(name=" + name + ", spec=" + spec + ", score=" + score + ", threshold=" + threshold + ")";
    }
}
