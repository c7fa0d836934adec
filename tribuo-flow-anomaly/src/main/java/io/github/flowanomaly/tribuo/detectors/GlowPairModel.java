package io.github.flowanomaly.tribuo.detectors;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.oracle.labs.mlrg.olcut.util.Pair;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.GlowWeights;
import io.github.flowanomaly.tf.ImageBatch;
import io.github.flowanomaly.tf.LevelScores;
import io.github.flowanomaly.tribuo.glow.Calibration;
import io.github.flowanomaly.tribuo.glow.FlowAnomalyModel;
import io.github.flowanomaly.tribuo.glow.FlowScore;
import io.github.flowanomaly.tribuo.glow.GlowModel;
import io.github.flowanomaly.tribuo.impl.GlowNetworkCodec;
import io.github.flowanomaly.tribuo.impl.ReopenableScoringSession;
import io.github.flowanomaly.tribuo.protos.LikelihoodRatioModelProto;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.anomaly.AnomalyInfo;
import org.tribuo.anomaly.Event;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.protos.core.ModelDataProto;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.ModelProvenance;

import java.util.List;

/**
 * The shared half of every detector built from two Glows of one architecture: an in-distribution Glow and a
 * reference Glow (the general-distribution model of the paper's likelihood ratio, or the background model of Ren et
 * al.'s), each in its own TensorFlow session. The anomaly score is a {@link RatioScore}, {@code ln p_ref(x) −
 * ln p_in(x)} or its last-scale restriction, higher = more anomalous; an example is {@code ANOMALOUS} above
 * {@link #threshold()}, a quantile of the scores of held-out in-distribution images.
 * <p>
 * Thread-safe; {@link AutoCloseable} for the native sessions (reopened on use). Both subclasses serialize to a
 * {@link LikelihoodRatioModelProto} (its {@code general} network is the reference model), under their own class name.
 */
public abstract class GlowPairModel extends FlowAnomalyModel {

    private static final long serialVersionUID = 1L;

    private final GlowSpec spec;
    private final GlowWeights inDistributionWeights;
    private final GlowWeights referenceWeights;
    private final RatioScore score;
    private final PairCalibration calibration;
    private final double threshold;
    private transient ReopenableScoringSession inDistributionSession;
    private transient ReopenableScoringSession referenceSession;

    /**
     * Assembles the pair.
     *
     * @param name                  the model name.
     * @param provenance            its provenance.
     * @param featureIDMap          the feature domain.
     * @param outputIDInfo          the output domain.
     * @param spec                  the shared architecture.
     * @param inDistributionWeights the in-distribution Glow.
     * @param referenceWeights      the reference Glow.
     * @param score                 which ratio is the anomaly score.
     * @param calibration           held-out log-likelihoods under both Glows and the threshold quantile.
     */
    protected GlowPairModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
                            ImmutableOutputInfo<Event> outputIDInfo, GlowSpec spec, GlowWeights inDistributionWeights,
                            GlowWeights referenceWeights, RatioScore score, PairCalibration calibration) {
        super(name, provenance, featureIDMap, outputIDInfo);
        this.spec = spec;
        this.inDistributionWeights = inDistributionWeights;
        this.referenceWeights = referenceWeights;
        this.score = score;
        this.calibration = calibration;
        this.threshold = calibration.threshold(score);
    }

    /**
     * Checks that two Glows can be paired.
     *
     * @param inDistribution the in-distribution architecture.
     * @param reference      the reference architecture.
     * @throws IllegalArgumentException if they differ in anything but the seed.
     */
    static void requireSameArchitecture(GlowSpec inDistribution, GlowSpec reference) {
        if (!withoutSeed(inDistribution).equals(withoutSeed(reference))) {
            throw new IllegalArgumentException("A pair of Glows needs one architecture; in-distribution "
                    + inDistribution + " differs from reference " + reference);
        }
    }

    private static GlowSpec withoutSeed(GlowSpec s) {
        return new GlowSpec(s.height(), s.width(), s.channels(), s.levels(), s.stepsPerLevel(), s.hiddenChannels(),
                0);
    }

    /** @return the shared architecture. */
    @Override
    public GlowSpec spec() {
        return spec;
    }

    /** @return the in-distribution model's weights. */
    public GlowWeights inDistributionWeights() {
        return inDistributionWeights;
    }

    /** @return the reference model's weights. */
    protected GlowWeights referenceWeights() {
        return referenceWeights;
    }

    /** @return which ratio is the anomaly score. */
    public RatioScore score() {
        return score;
    }

    @Override
    public double threshold() {
        return threshold;
    }

    /** @return the held-out log-likelihoods the threshold comes from. */
    public PairCalibration calibration() {
        return calibration;
    }

    /**
     * The same pair with another score (threshold re-derived from the calibration images).
     *
     * @param newScore the score.
     * @return a new model of this class sharing this one's weights.
     */
    public abstract GlowPairModel withScore(RatioScore newScore);

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
     * The reference Glow alone, as a single-model detector.
     *
     * @param flowScore the anomaly score.
     * @return a GlowModel sharing this pair's provenance and calibration images.
     */
    protected GlowModel referenceModel(FlowScore flowScore) {
        return GlowModel.of(name + "-reference", provenance, featureIDMap, outputIDInfo, spec, referenceWeights,
                flowScore, new Calibration(calibration.general(), calibration.quantile()));
    }

    /**
     * Log-likelihoods of images under both models (bin-centre dequantisation).
     *
     * @param examples the images.
     * @return in-distribution model scores (first) and reference model scores (second).
     */
    public Pair<LevelScores, LevelScores> logLikelihoods(List<? extends Example<Event>> examples) {
        ImageBatch batch = pixelMapper().toBatch(examples, 0);
        return new Pair<>(inDistributionSession().score(batch), referenceSession().score(batch));
    }

    @Override
    public List<GlowWeights> scoredGlows() {
        return List.of(inDistributionWeights, referenceWeights);
    }

    @Override
    public LevelScores glowLogLikelihoods(int glow, ImageBatch batch) {
        java.util.Objects.checkIndex(glow, 2);
        return glow == 0 ? inDistributionSession().score(batch) : referenceSession().score(batch);
    }

    @Override
    public double[] anomalyScores(List<LevelScores> levels, ImageBatch batch) {
        checkLevels(levels, batch);
        LevelScores in = levels.get(0);
        LevelScores reference = levels.get(1);
        double[] out = new double[in.count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = score.score(in, reference, i);
        }
        return out;
    }

    private synchronized ReopenableScoringSession inDistributionSession() {
        if (inDistributionSession == null) {
            inDistributionSession = new ReopenableScoringSession(spec, inDistributionWeights, PREDICT_CHUNK);
        }
        return inDistributionSession;
    }

    private synchronized ReopenableScoringSession referenceSession() {
        if (referenceSession == null) {
            referenceSession = new ReopenableScoringSession(spec, referenceWeights, PREDICT_CHUNK);
        }
        return referenceSession;
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
            referenceSession().close();
        }
    }

    /** @return the protobuf serialization version of this class. */
    protected abstract int serializationVersion();

    @Override
    public ModelProto serialize() {
        LikelihoodRatioModelProto proto = LikelihoodRatioModelProto.newBuilder()
                .setMetadata(createDataCarrier().serialize().toByteString())
                .setInDistribution(GlowNetworkCodec.toProto(spec, inDistributionWeights))
                .setGeneral(GlowNetworkCodec.toProto(spec, referenceWeights))
                .setScore(score.name())
                .setInDistributionCalibration(new Calibration(calibration.inDistribution(),
                        calibration.quantile()).toProto())
                .setGeneralCalibration(new Calibration(calibration.general(), calibration.quantile()).toProto())
                .build();
        return ModelProto.newBuilder().setVersion(serializationVersion()).setClassName(getClass().getName())
                .setSerializedData(Any.pack(proto)).build();
    }

    /**
     * The parts of a serialized pair, checked: known version, the Tribuo metadata of an anomaly model, one
     * architecture.
     *
     * @param type           the class being deserialized, for messages.
     * @param version        the serialized version.
     * @param currentVersion the newest version this build reads.
     * @param message        the serialized data.
     * @return the parts.
     * @throws InvalidProtocolBufferException if the message is not a {@link LikelihoodRatioModelProto}.
     * @throws IllegalStateException          if the output domain is not an anomaly domain.
     */
    @SuppressWarnings("unchecked")
    static Parts parts(Class<?> type, int version, int currentVersion, Any message)
            throws InvalidProtocolBufferException {
        if (version < 0 || version > currentVersion) {
            throw new IllegalArgumentException("Unknown " + type.getSimpleName() + " version " + version
                    + ", this build reads up to " + currentVersion);
        }
        LikelihoodRatioModelProto proto = message.unpack(LikelihoodRatioModelProto.class);
        ModelDataCarrier<?> carrier = ModelDataCarrier.deserialize(ModelDataProto.parseFrom(proto.getMetadata()));
        Object domain = carrier.outputDomain();
        if (!(domain instanceof AnomalyInfo)) {
            throw new IllegalStateException("Invalid protobuf: " + type.getSimpleName()
                    + " needs an anomaly (Event) output domain, found "
                    + carrier.outputDomain().getClass().getName());
        }
        GlowSpec spec = GlowNetworkCodec.spec(proto.getInDistribution());
        requireSameArchitecture(spec, GlowNetworkCodec.spec(proto.getGeneral()));
        Calibration in = Calibration.fromProto(proto.getInDistributionCalibration(), spec.dimensions());
        Calibration reference = Calibration.fromProto(proto.getGeneralCalibration(), spec.dimensions());
        return new Parts(carrier.name(), carrier.provenance(), carrier.featureDomain(),
                (ImmutableOutputInfo<Event>) carrier.outputDomain(), spec,
                GlowNetworkCodec.weights(proto.getInDistribution()), GlowNetworkCodec.weights(proto.getGeneral()),
                RatioScore.valueOf(proto.getScore()),
                new PairCalibration(in.scores(), reference.scores(), in.quantile()));
    }

    /**
     * A deserialized pair's parts.
     *
     * @param name                  model name.
     * @param provenance            model provenance.
     * @param featureIDMap          feature domain.
     * @param outputIDInfo          output domain.
     * @param spec                  architecture.
     * @param inDistributionWeights in-distribution Glow.
     * @param referenceWeights      reference Glow.
     * @param score                 anomaly score.
     * @param calibration           calibration.
     */
    record Parts(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
                 ImmutableOutputInfo<Event> outputIDInfo, GlowSpec spec, GlowWeights inDistributionWeights,
                 GlowWeights referenceWeights, RatioScore score, PairCalibration calibration) {
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(name=" + name + ", spec=" + spec + ", score=" + score + ", threshold="
                + threshold + ")";
    }
}
