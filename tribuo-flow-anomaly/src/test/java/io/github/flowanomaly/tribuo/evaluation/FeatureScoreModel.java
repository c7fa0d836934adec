package io.github.flowanomaly.tribuo.evaluation;

import com.oracle.labs.mlrg.olcut.util.Pair;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.anomaly.Event;
import org.tribuo.anomaly.Event.EventType;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.impl.EmptyTrainerProvenance;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A test detector whose score is the value of the feature {@link #SCORE_FEATURE} (0 when absent), flagging as
 * anomalous every example scoring above a threshold.
 */
final class FeatureScoreModel extends Model<Event> {

    static final String SCORE_FEATURE = "score";

    private final double threshold;

    private FeatureScoreModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureMap,
                              ImmutableOutputInfo<Event> outputInfo, double threshold) {
        super(name, provenance, featureMap, outputInfo, false);
        this.threshold = threshold;
    }

    static FeatureScoreModel fit(Dataset<Event> dataset, double threshold) {
        ModelProvenance provenance = new ModelProvenance(FeatureScoreModel.class.getName(), OffsetDateTime.now(),
                dataset.getProvenance(), new EmptyTrainerProvenance());
        return new FeatureScoreModel("feature-score", provenance, dataset.getFeatureIDMap(),
                dataset.getOutputIDInfo(), threshold);
    }

    @Override
    public Prediction<Event> predict(Example<Event> example) {
        double score = 0.0;
        for (Feature feature : example) {
            if (feature.getName().equals(SCORE_FEATURE)) {
                score = feature.getValue();
            }
        }
        EventType type = score > threshold ? EventType.ANOMALOUS : EventType.EXPECTED;
        return new Prediction<>(new Event(type, score), example.size(), example);
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
    protected Model<Event> copy(String newName, ModelProvenance newProvenance) {
        return new FeatureScoreModel(newName, newProvenance, featureIDMap, outputIDInfo, threshold);
    }
}
