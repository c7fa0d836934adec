package io.github.flowanomaly.tribuo.detectors;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.LongProvenance;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.GlowWeights;
import io.github.flowanomaly.tribuo.glow.FlowScore;
import io.github.flowanomaly.tribuo.glow.GlowModel;
import io.github.flowanomaly.tribuo.glow.GlowTrainer;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.anomaly.Event;
import org.tribuo.provenance.ModelProvenance;

/**
 * The background-model likelihood ratio of Ren et al. (NeurIPS 2019, "Likelihood Ratios for Out-of-Distribution
 * Detection"), with Glows: an in-distribution Glow and a background Glow trained on the same images with each pixel
 * replaced, with probability μ, by uniform noise ({@link BackgroundRatioTrainer}). The background model learns the
 * population-level (local) statistics but not the semantics, so the ratio cancels what makes raw likelihoods fail. The
 * anomaly score is {@code ln p_background(x) − ln p_in(x)} ({@link RatioScore#LIKELIHOOD_RATIO}) or its last-scale
 * restriction, higher = more anomalous; see {@link GlowPairModel}. It needs no general-distribution data set.
 */
public final class BackgroundRatioModel extends GlowPairModel {

    private static final long serialVersionUID = 1L;

    /** The protobuf serialization version. */
    public static final int CURRENT_VERSION = 0;

    BackgroundRatioModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
                         ImmutableOutputInfo<Event> outputIDInfo, GlowSpec spec, GlowWeights inDistributionWeights,
                         GlowWeights backgroundWeights, RatioScore score, PairCalibration calibration) {
        super(name, provenance, featureIDMap, outputIDInfo, spec, inDistributionWeights, backgroundWeights, score,
                calibration);
    }

    /**
     * Pairs an in-distribution Glow with a background Glow that held out the same calibration images (trainers with
     * the same {@code heldOutSeed}, as {@link BackgroundRatioTrainer} sets): the threshold comes from both models'
     * stored calibration log-likelihoods, without scoring anything again. The pair's provenance is the
     * in-distribution model's.
     *
     * @param inDistribution the in-distribution model.
     * @param background     the background model (same architecture, same held-out images).
     * @param score          which ratio is the anomaly score.
     * @return the detector.
     * @throws IllegalArgumentException if the architectures differ or the models did not hold out the same images.
     */
    public static BackgroundRatioModel of(GlowModel inDistribution, GlowModel background, RatioScore score) {
        requireSameArchitecture(inDistribution.spec(), background.spec());
        long in = heldOutSeed(inDistribution);
        long bg = heldOutSeed(background);
        if (in == 0 || in != bg || inDistribution.calibration().scores().count()
                != background.calibration().scores().count()) {
            throw new IllegalArgumentException("The in-distribution and background models must hold out the same "
                    + "calibration images (GlowTrainer.heldOutSeed, the same non-zero value for both); found held-out "
                    + "seeds " + in + " and " + bg);
        }
        PairCalibration pair = new PairCalibration(inDistribution.calibration().scores(),
                background.calibration().scores(), inDistribution.calibration().quantile());
        return new BackgroundRatioModel("background-ratio", inDistribution.getProvenance(),
                inDistribution.getFeatureIDMap(), inDistribution.getOutputIDInfo(), inDistribution.spec(),
                inDistribution.weights(), background.weights(), score, pair);
    }

    private static long heldOutSeed(GlowModel model) {
        Provenance p = model.getProvenance().getInstanceProvenance().getMap().get(GlowTrainer.HELD_OUT_SEED);
        return p instanceof LongProvenance l ? l.getValue() : 0;
    }

    /** @return the background model's weights. */
    public GlowWeights backgroundWeights() {
        return referenceWeights();
    }

    /**
     * The background Glow alone, as a single-model detector.
     *
     * @param flowScore the anomaly score.
     * @return a GlowModel sharing this pair's provenance and calibration images.
     */
    public GlowModel backgroundModel(FlowScore flowScore) {
        return referenceModel(flowScore);
    }

    @Override
    public BackgroundRatioModel withScore(RatioScore newScore) {
        return new BackgroundRatioModel(name, provenance, featureIDMap, outputIDInfo, spec(), inDistributionWeights(),
                referenceWeights(), newScore, calibration());
    }

    @Override
    protected BackgroundRatioModel copy(String newName, ModelProvenance newProvenance) {
        return new BackgroundRatioModel(newName, newProvenance, featureIDMap, outputIDInfo, spec(),
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
    public static BackgroundRatioModel deserializeFromProto(int version, String className, Any message)
            throws InvalidProtocolBufferException {
        Parts p = parts(BackgroundRatioModel.class, version, CURRENT_VERSION, message);
        return new BackgroundRatioModel(p.name(), p.provenance(), p.featureIDMap(), p.outputIDInfo(), p.spec(),
                p.inDistributionWeights(), p.referenceWeights(), p.score(), p.calibration());
    }
}
