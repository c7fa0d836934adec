package io.github.flowanomaly.tribuo.detectors;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.ImageBatch;
import io.github.flowanomaly.tf.GlowWeights;
import io.github.flowanomaly.tf.LevelScores;
import io.github.flowanomaly.tribuo.glow.FlowAnomalyModel;
import io.github.flowanomaly.tribuo.glow.FlowScore;
import io.github.flowanomaly.tribuo.glow.GlowModel;
import io.github.flowanomaly.tribuo.impl.Quantiles;
import io.github.flowanomaly.tribuo.protos.ComplexityCorrectedModelProto;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.anomaly.AnomalyInfo;
import org.tribuo.anomaly.Event;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.protos.core.ModelDataProto;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.ModelProvenance;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The complexity-corrected likelihood of Serrà et al. (ICLR 2020, "Input complexity and out-of-distribution detection
 * with likelihood-based generative models"): {@code S(x) = bpd_model(x) − L(x)}, the wrapped Glow's negative
 * log-likelihood in bits/dim minus the bits/dim of a lossless compressor of the image ({@link PngComplexity}), higher =
 * more anomalous. Simple images (flat backgrounds, thin strokes) get high likelihoods from any model because they are
 * easy to compress; subtracting the compressor's code length removes that. It costs no training: it wraps a trained
 * {@link GlowModel} (a pair model through its {@link GlowPairModel#inDistributionModel in-distribution Glow}).
 * <p>
 * Deviation from Serrà et al.: PNG from {@code javax.imageio} as the compressor (they found FLIF best, PNG weaker).
 * An example is {@code ANOMALOUS} when S exceeds {@link #threshold()}, a quantile of S on held-out in-distribution
 * images given to {@link #of}. Thread-safe; closing releases the wrapped model's session.
 */
public final class ComplexityCorrectedModel extends FlowAnomalyModel {

    private static final long serialVersionUID = 1L;

    /** The protobuf serialization version. */
    public static final int CURRENT_VERSION = 0;

    private final GlowModel glow;
    private final PngComplexity compressor;
    private final double[] calibrationScores;
    private final double quantile;
    private final double threshold;

    private ComplexityCorrectedModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
                                     ImmutableOutputInfo<Event> outputIDInfo, GlowModel glow,
                                     PngComplexity compressor, double[] calibrationScores, double quantile) {
        super(name, provenance, featureIDMap, outputIDInfo);
        if (calibrationScores.length == 0) {
            throw new IllegalArgumentException("A complexity-corrected model needs at least one calibration image");
        }
        if (!(quantile >= 0 && quantile <= 1)) {
            throw new IllegalArgumentException("threshold quantile must be in [0, 1], found " + quantile);
        }
        this.glow = glow;
        this.compressor = compressor;
        this.calibrationScores = calibrationScores.clone();
        this.quantile = quantile;
        this.threshold = Quantiles.of(this.calibrationScores, quantile);
    }

    /**
     * Wraps a trained Glow. The threshold is the quantile of S on the given held-out in-distribution images (images
     * the Glow was not trained on).
     *
     * @param glow        the Glow (its own score is ignored: S uses its bits/dim).
     * @param compressor  the compressor settings.
     * @param calibration held-out in-distribution images.
     * @param quantile    the threshold quantile.
     * @return the detector.
     */
    public static ComplexityCorrectedModel of(GlowModel glow, PngComplexity compressor, Dataset<Event> calibration,
                                              double quantile) {
        GlowModel likelihood = glow.withScore(FlowScore.NEGATIVE_LOG_LIKELIHOOD);
        double[] scores = scores(likelihood, compressor, likelihood.pixelMapper().toBatch(calibration.getData(), 0));
        Map<String, Provenance> run = new HashMap<>();
        run.put("compressor", new StringProvenance("compressor", compressor.describe()));
        run.put("glow-model", glow.getProvenance());
        ModelProvenance provenance = new ModelProvenance(ComplexityCorrectedModel.class.getName(),
                OffsetDateTime.now(), calibration.getProvenance(), glow.getProvenance().getTrainerProvenance(), run);
        return new ComplexityCorrectedModel("complexity-corrected", provenance, glow.getFeatureIDMap(),
                glow.getOutputIDInfo(), likelihood, compressor, scores, quantile);
    }

    private static double[] scores(GlowModel glow, PngComplexity compressor, ImageBatch batch) {
        return scores(glow.logLikelihoods(batch), compressor, batch, glow.spec());
    }

    private static double[] scores(LevelScores likelihoods, PngComplexity compressor, ImageBatch batch,
                                   GlowSpec spec) {
        double[][] terms = terms(likelihoods, compressor, batch, spec);
        double[] out = new double[terms.length];
        for (int i = 0; i < out.length; i++) {
            double s = terms[i][0] - terms[i][1];
            out[i] = Double.isFinite(s) ? s : Double.POSITIVE_INFINITY;
        }
        return out;
    }

    /** Per image {@code {bpd_model, L(x)}}. */
    private static double[][] terms(LevelScores likelihoods, PngComplexity compressor, ImageBatch batch,
                                    GlowSpec spec) {
        double[] complexity = compressor.bitsPerDim(batch, spec.height(), spec.width(), spec.channels());
        double[][] out = new double[batch.count()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[]{likelihoods.bitsPerDim(i), complexity[i]};
        }
        return out;
    }

    /** @return the wrapped Glow (scoring raw likelihood). */
    public GlowModel glow() {
        return glow;
    }

    /** @return the compressor settings. */
    public PngComplexity compressor() {
        return compressor;
    }

    /** @return the wrapped Glow's architecture. */
    @Override
    public GlowSpec spec() {
        return glow.spec();
    }

    /** @return the decision threshold on S. */
    @Override
    public double threshold() {
        return threshold;
    }

    /**
     * The two terms of S for images.
     *
     * @param examples the images.
     * @return per image {@code {bpd_model, L(x)}}, both in bits per dimension.
     */
    public double[][] terms(List<? extends Example<Event>> examples) {
        ImageBatch batch = pixelMapper().toBatch(examples, 0);
        return terms(glow.logLikelihoods(batch), batch);
    }

    /**
     * The two terms of S for images whose log-likelihoods under the Glow are known already
     * ({@link #glowLogLikelihoods}), so that they are not scored again.
     *
     * @param likelihoods the images' log-likelihoods under {@link #glow()}.
     * @param batch       the images.
     * @return per image {@code {bpd_model, L(x)}}, both in bits per dimension.
     * @throws IllegalArgumentException if the counts differ.
     */
    public double[][] terms(LevelScores likelihoods, ImageBatch batch) {
        if (likelihoods.count() != batch.count()) {
            throw new IllegalArgumentException("Expected log-likelihoods of " + batch.count() + " images, found "
                    + likelihoods.count());
        }
        return terms(likelihoods, compressor, batch, spec());
    }

    @Override
    public List<GlowWeights> scoredGlows() {
        return glow.scoredGlows();
    }

    @Override
    public LevelScores glowLogLikelihoods(int index, ImageBatch batch) {
        return glow.glowLogLikelihoods(index, batch);
    }

    @Override
    public double[] anomalyScores(List<LevelScores> levels, ImageBatch batch) {
        checkLevels(levels, batch);
        return scores(levels.get(0), compressor, batch, spec());
    }

    /** Releases the wrapped Glow's native session (reopened on the next prediction). */
    @Override
    public void close() {
        glow.close();
    }

    @Override
    protected ComplexityCorrectedModel copy(String newName, ModelProvenance newProvenance) {
        return new ComplexityCorrectedModel(newName, newProvenance, featureIDMap, outputIDInfo, glow, compressor,
                calibrationScores, quantile);
    }

    @Override
    public ModelProto serialize() {
        ComplexityCorrectedModelProto.Builder proto = ComplexityCorrectedModelProto.newBuilder()
                .setMetadata(createDataCarrier().serialize().toByteString())
                .setInnerModel(glow.serialize().toByteString())
                .setDeflateLevel(compressor.deflateLevel())
                .setQuantile(quantile);
        for (double v : calibrationScores) {
            proto.addCalibrationScores(v);
        }
        return ModelProto.newBuilder().setVersion(CURRENT_VERSION)
                .setClassName(ComplexityCorrectedModel.class.getName()).setSerializedData(Any.pack(proto.build()))
                .build();
    }

    /**
     * Deserialization factory used by {@link Model#deserialize(ModelProto)}.
     *
     * @param version   the serialized version.
     * @param className the class name.
     * @param message   the serialized data.
     * @return the model.
     * @throws InvalidProtocolBufferException if the message is not a {@link ComplexityCorrectedModelProto}.
     */
    @SuppressWarnings("unchecked")
    public static ComplexityCorrectedModel deserializeFromProto(int version, String className, Any message)
            throws InvalidProtocolBufferException {
        if (version < 0 || version > CURRENT_VERSION) {
            throw new IllegalArgumentException("Unknown ComplexityCorrectedModel version " + version
                    + ", this build reads up to " + CURRENT_VERSION);
        }
        ComplexityCorrectedModelProto proto = message.unpack(ComplexityCorrectedModelProto.class);
        ModelDataCarrier<?> carrier = ModelDataCarrier.deserialize(ModelDataProto.parseFrom(proto.getMetadata()));
        Object domain = carrier.outputDomain();
        if (!(domain instanceof AnomalyInfo)) {
            throw new IllegalStateException("Invalid protobuf: ComplexityCorrectedModel needs an anomaly (Event) "
                    + "output domain, found " + carrier.outputDomain().getClass().getName());
        }
        Model<?> inner = Model.deserialize(ModelProto.parseFrom(proto.getInnerModel()));
        if (!(inner instanceof GlowModel glow)) {
            throw new IllegalStateException("Invalid protobuf: ComplexityCorrectedModel wraps a GlowModel, found "
                    + inner.getClass().getName());
        }
        double[] scores = proto.getCalibrationScoresList().stream().mapToDouble(Double::doubleValue).toArray();
        return new ComplexityCorrectedModel(carrier.name(), carrier.provenance(), carrier.featureDomain(),
                (ImmutableOutputInfo<Event>) carrier.outputDomain(), glow,
                new PngComplexity(proto.getDeflateLevel()), scores, proto.getQuantile());
    }

    @Override
    public String toString() {
        return "ComplexityCorrectedModel(glow=" + glow + ", compressor=" + compressor.describe() + ", threshold="
                + threshold + ")";
    }
}
