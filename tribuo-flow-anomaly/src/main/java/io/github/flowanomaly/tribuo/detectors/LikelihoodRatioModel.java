package io.github.flowanomaly.tribuo.detectors;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.GlowWeights;
import io.github.flowanomaly.tribuo.glow.FlowScore;
import io.github.flowanomaly.tribuo.glow.GlowModel;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.anomaly.Event;
import org.tribuo.provenance.ModelProvenance;

import java.util.List;

/**
 * The likelihood-ratio detector of the paper: an in-distribution Glow (fine-tuned from the general model) and a frozen
 * general-distribution Glow of the same architecture. The anomaly score is {@code ln p_gen(x) − ln p_in(x)} (or its
 * last-scale restriction), higher = more anomalous; see {@link GlowPairModel}.
 */
public final class LikelihoodRatioModel extends GlowPairModel {

    private static final long serialVersionUID = 1L;

    /** The protobuf serialization version. */
    public static final int CURRENT_VERSION = 0;

    LikelihoodRatioModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
                         ImmutableOutputInfo<Event> outputIDInfo, GlowSpec spec, GlowWeights inDistributionWeights,
                         GlowWeights generalWeights, RatioScore score, PairCalibration calibration) {
        super(name, provenance, featureIDMap, outputIDInfo, spec, inDistributionWeights, generalWeights, score,
                calibration);
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

    /** @return the general model's weights (never changed by fine-tuning). */
    public GlowWeights generalWeights() {
        return referenceWeights();
    }

    /**
     * The general Glow alone, as a single-model detector.
     *
     * @param flowScore the anomaly score.
     * @return a GlowModel sharing this pair's provenance and calibration images.
     */
    public GlowModel generalModel(FlowScore flowScore) {
        return referenceModel(flowScore);
    }

    @Override
    public LikelihoodRatioModel withScore(RatioScore newScore) {
        return new LikelihoodRatioModel(name, provenance, featureIDMap, outputIDInfo, spec(), inDistributionWeights(),
                referenceWeights(), newScore, calibration());
    }

    @Override
    protected LikelihoodRatioModel copy(String newName, ModelProvenance newProvenance) {
        return new LikelihoodRatioModel(newName, newProvenance, featureIDMap, outputIDInfo, spec(),
                inDistributionWeights(), referenceWeights(), score(), calibration());
    }

    @Override
    protected int serializationVersion() {
        return CURRENT_VERSION;
    }

    /**
     * Deserialization factory used by {@link Model#deserialize(org.tribuo.protos.core.ModelProto)}.
     *
     * @param version   the serialized version.
     * @param className the class name.
     * @param message   the serialized data.
     * @return the model.
     * @throws InvalidProtocolBufferException if the message is not a pair of Glows.
     */
    public static LikelihoodRatioModel deserializeFromProto(int version, String className, Any message)
            throws InvalidProtocolBufferException {
        Parts p = parts(LikelihoodRatioModel.class, version, CURRENT_VERSION, message);
        return new LikelihoodRatioModel(p.name(), p.provenance(), p.featureIDMap(), p.outputIDInfo(), p.spec(),
                p.inDistributionWeights(), p.referenceWeights(), p.score(), p.calibration());
    }
}
