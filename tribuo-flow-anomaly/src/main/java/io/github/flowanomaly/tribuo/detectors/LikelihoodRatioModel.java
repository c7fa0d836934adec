package io.github.flowanomaly.tribuo.detectors;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.oracle.labs.mlrg.olcut.util.Pair;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.GlowWeights;
import io.github.flowanomaly.tf.ImageBatch;
import io.github.flowanomaly.tf.LevelScores;
import io.github.flowanomaly.tribuo.glow.Calibration;
import io.github.flowanomaly.tribuo.glow.FlowScore;
import io.github.flowanomaly.tribuo.glow.GlowModel;
import io.github.flowanomaly.tribuo.glow.GlowNetworkCodec;
import io.github.flowanomaly.tribuo.glow.PixelMapper;
import io.github.flowanomaly.tribuo.glow.ReopenableScoringSession;
import io.github.flowanomaly.tribuo.glow.ThresholdedPredictions;
import io.github.flowanomaly.tribuo.protos.LikelihoodRatioModelProto;
import org.tribuo.Dataset;
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
 * The likelihood-ratio detector of the paper: an in-distribution Glow (fine-tuned from the general model) and a frozen
 * general-distribution Glow of the same architecture, each in its own TensorFlow session. The anomaly score is
 * {@code ln p_gen(x) − ln p_in(x)} (or its last-scale restriction), higher = more anomalous; an example is
 * {@code ANOMALOUS} above {@link #threshold()}, a quantile of held-out in-distribution scores.
 * <p>
 * Thread-safe; {@link AutoCloseable} for the native sessions (reopened on use).
 */
public final class LikelihoodRatioModel extends Model<Event> implements AutoCloseable {

    private static final long serialVersionUID = 1L;

    /** The protobuf serialization version. */
    public static final int CURRENT_VERSION = 0;

    private static final int CHUNK = 256;

    private final GlowSpec spec;
    private final GlowWeights inDistributionWeights;
    private final GlowWeights generalWeights;
    private final RatioScore score;
    private final PairCalibration calibration;
    private final double threshold;
    private transient ReopenableScoringSession inDistributionSession;
    private transient ReopenableScoringSession generalSession;

    LikelihoodRatioModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
                         ImmutableOutputInfo<Event> outputIDInfo, GlowSpec spec, GlowWeights inDistributionWeights,
                         GlowWeights generalWeights, RatioScore score, PairCalibration calibration) {
        super(name, provenance, featureIDMap, outputIDInfo, false);
        this.spec = spec;
        this.inDistributionWeights = inDistributionWeights;
        this.generalWeights = generalWeights;
        this.score = score;
        this.calibration = calibration;
        this.threshold = calibration.threshold(score);
    }

    /**
     * Pairs two trained Glows. The threshold is calibrated on the given held-out in-distribution images; the pair's
     * provenance is the in-distribution model's.
     *
     * @param inDistribution the in-distribution model.
     * @param general        the general-distribution model (same architecture).
     * @param calibration    held-out in-distribution images.
     * @param quantile       the threshold quantile.
     * @param score          which ratio is the anomaly score.
     * @return the detector.
     * @throws IllegalArgumentException if the two architectures differ.
     */
    public static LikelihoodRatioModel of(GlowModel inDistribution, GlowModel general, Dataset<Event> calibration,
                                          double quantile, RatioScore score) {
        requireSameArchitecture(inDistribution.spec(), general.spec());
        List<Example<Event>> images = calibration.getData();
        PairCalibration pair = new PairCalibration(inDistribution.logLikelihoods(images),
                general.logLikelihoods(images), quantile);
        return new LikelihoodRatioModel("likelihood-ratio", inDistribution.getProvenance(),
                inDistribution.getFeatureIDMap(), inDistribution.getOutputIDInfo(), inDistribution.spec(),
                inDistribution.weights(), general.weights(), score, pair);
    }

    static void requireSameArchitecture(GlowSpec inDistribution, GlowSpec general) {
        GlowSpec a = new GlowSpec(inDistribution.height(), inDistribution.width(), inDistribution.channels(),
                inDistribution.levels(), inDistribution.stepsPerLevel(), inDistribution.hiddenChannels(), 0);
        GlowSpec b = new GlowSpec(general.height(), general.width(), general.channels(), general.levels(),
                general.stepsPerLevel(), general.hiddenChannels(), 0);
        if (!a.equals(b)) {
            throw new IllegalArgumentException("A likelihood-ratio pair needs one architecture; in-distribution "
                    + inDistribution + " differs from general " + general);
        }
    }

    /** @return the shared architecture. */
    public GlowSpec spec() {
        return spec;
    }

    /** @return the in-distribution model's weights. */
    public GlowWeights inDistributionWeights() {
        return inDistributionWeights;
    }

    /** @return the general model's weights (never changed by fine-tuning). */
    public GlowWeights generalWeights() {
        return generalWeights;
    }

    /** @return which ratio is the anomaly score. */
    public RatioScore score() {
        return score;
    }

    /** @return the decision threshold. */
    public double threshold() {
        return threshold;
    }

    /** @return the held-out log-likelihoods the threshold comes from. */
    public PairCalibration calibration() {
        return calibration;
    }

    /**
     * The in-distribution Glow alone, as a single-model detector (raw likelihood or last scale).
     *
     * @param flowScore the anomaly score.
     * @return a GlowModel sharing this pair's provenance and calibration images.
     */
    public GlowModel inDistributionModel(FlowScore flowScore) {
        return GlowModel.of(name + "-in-distribution", provenance, featureIDMap, outputIDInfo, spec,
                inDistributionWeights, flowScore, new Calibration(calibration.inDistribution(),
                        calibration.quantile()));
    }

    /**
     * The general Glow alone, as a single-model detector.
     *
     * @param flowScore the anomaly score.
     * @return a GlowModel sharing this pair's provenance and calibration images.
     */
    public GlowModel generalModel(FlowScore flowScore) {
        return GlowModel.of(name + "-general", provenance, featureIDMap, outputIDInfo, spec, generalWeights,
                flowScore, new Calibration(calibration.general(), calibration.quantile()));
    }

    /**
     * The same pair with another score (threshold re-derived from the calibration images).
     *
     * @param newScore the score.
     * @return a new model sharing this one's weights.
     */
    public LikelihoodRatioModel withScore(RatioScore newScore) {
        return new LikelihoodRatioModel(name, provenance, featureIDMap, outputIDInfo, spec, inDistributionWeights,
                generalWeights, newScore, calibration);
    }

    /**
     * Log-likelihoods of images under both models (bin-centre dequantisation).
     *
     * @param examples the images.
     * @return in-distribution model scores (first) and general model scores (second).
     */
    public Pair<LevelScores, LevelScores> logLikelihoods(List<? extends Example<Event>> examples) {
        ImageBatch batch = new PixelMapper(spec.height(), spec.width(), spec.channels(), true)
                .toBatch(examples, 0);
        return new Pair<>(inDistributionSession().score(batch), generalSession().score(batch));
    }

    @Override
    public Prediction<Event> predict(Example<Event> example) {
        return innerPredict(List.of(example)).get(0);
    }

    @Override
    protected List<Prediction<Event>> innerPredict(Iterable<Example<Event>> examples) {
        return ThresholdedPredictions.predict(examples,
                new PixelMapper(spec.height(), spec.width(), spec.channels(), true),
                CHUNK, batch -> {
                    LevelScores in = inDistributionSession().score(batch);
                    LevelScores general = generalSession().score(batch);
                    double[] out = new double[in.count()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = score.score(in, general, i);
                    }
                    return out;
                }, threshold);
    }

    private synchronized ReopenableScoringSession inDistributionSession() {
        if (inDistributionSession == null) {
            inDistributionSession = new ReopenableScoringSession(spec, inDistributionWeights, CHUNK);
        }
        return inDistributionSession;
    }

    private synchronized ReopenableScoringSession generalSession() {
        if (generalSession == null) {
            generalSession = new ReopenableScoringSession(spec, generalWeights, CHUNK);
        }
        return generalSession;
    }

    /**
     * Releases both native sessions (rebuilt on the next prediction). Predictions running in other threads finish
     * first; none of them fails because of the close.
     */
    @Override
    public void close() {
        try {
            inDistributionSession().close();
        } finally {
            generalSession().close();
        }
    }

    @Override
    public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
        return Collections.emptyMap();
    }

    @Override
    public Optional<Excuse<Event>> getExcuse(Example<Event> example) {
        return Optional.empty();
    }

    @Override
    protected LikelihoodRatioModel copy(String newName, ModelProvenance newProvenance) {
        return new LikelihoodRatioModel(newName, newProvenance, featureIDMap, outputIDInfo, spec,
                inDistributionWeights, generalWeights, score, calibration);
    }

    @Override
    public ModelProto serialize() {
        LikelihoodRatioModelProto proto = LikelihoodRatioModelProto.newBuilder()
                .setMetadata(createDataCarrier().serialize().toByteString())
                .setInDistribution(GlowNetworkCodec.toProto(spec, inDistributionWeights))
                .setGeneral(GlowNetworkCodec.toProto(spec, generalWeights))
                .setScore(score.name())
                .setInDistributionCalibration(new Calibration(calibration.inDistribution(),
                        calibration.quantile()).toProto())
                .setGeneralCalibration(new Calibration(calibration.general(), calibration.quantile()).toProto())
                .build();
        return ModelProto.newBuilder().setVersion(CURRENT_VERSION)
                .setClassName(LikelihoodRatioModel.class.getName()).setSerializedData(Any.pack(proto)).build();
    }

    /**
     * Deserialization factory used by {@link Model#deserialize(ModelProto)}.
     *
     * @param version   the serialized version.
     * @param className the class name.
     * @param message   the serialized data.
     * @return the model.
     * @throws InvalidProtocolBufferException if the message is not a {@link LikelihoodRatioModelProto}.
     */
    @SuppressWarnings("unchecked")
    public static LikelihoodRatioModel deserializeFromProto(int version, String className, Any message)
            throws InvalidProtocolBufferException {
        if (version < 0 || version > CURRENT_VERSION) {
            throw new IllegalArgumentException("Unknown LikelihoodRatioModel version " + version
                    + ", this build reads up to " + CURRENT_VERSION);
        }
        LikelihoodRatioModelProto proto = message.unpack(LikelihoodRatioModelProto.class);
        ModelDataCarrier<?> carrier = ModelDataCarrier.deserialize(ModelDataProto.parseFrom(proto.getMetadata()));
        GlowSpec spec = GlowNetworkCodec.spec(proto.getInDistribution());
        requireSameArchitecture(spec, GlowNetworkCodec.spec(proto.getGeneral()));
        Calibration in = Calibration.fromProto(proto.getInDistributionCalibration(), spec.dimensions());
        Calibration general = Calibration.fromProto(proto.getGeneralCalibration(), spec.dimensions());
        return new LikelihoodRatioModel(carrier.name(), carrier.provenance(), carrier.featureDomain(),
                (ImmutableOutputInfo<Event>) carrier.outputDomain(), spec,
                GlowNetworkCodec.weights(proto.getInDistribution()), GlowNetworkCodec.weights(proto.getGeneral()),
                RatioScore.valueOf(proto.getScore()),
                new PairCalibration(in.scores(), general.scores(), in.quantile()));
    }

    @Override
    public String toString() {
        return "LikelihoodRatioModel(name=" + name + ", spec=" + spec + ", score=" + score + ", threshold="
                + threshold + ")";
    }
}
