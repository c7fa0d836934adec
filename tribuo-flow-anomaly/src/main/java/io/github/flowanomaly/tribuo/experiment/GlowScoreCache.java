package io.github.flowanomaly.tribuo.experiment;

import io.github.flowanomaly.tf.GlowWeights;
import io.github.flowanomaly.tf.ImageBatch;
import io.github.flowanomaly.tf.LevelScores;
import io.github.flowanomaly.tribuo.glow.FlowAnomalyModel;
import io.github.flowanomaly.tribuo.glow.PixelMapper;
import org.tribuo.Dataset;
import org.tribuo.Prediction;
import org.tribuo.anomaly.Event;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores each Glow of an experiment once per image set. The detectors of one Glow (raw likelihood, last scale,
 * typicality, complexity correction) and the ratios of a pair are all functions of the same per-level
 * log-likelihoods, so the experiment computes those once per (Glow, set) and derives every detector's scores from
 * them; predictions equal the detector's own {@code predict} (same sessions, same chunks), without scoring again.
 * Glows are told apart by their weights object, which the views of one model ({@code withScore}, the pair's
 * single-Glow models) share.
 */
final class GlowScoreCache {

    private final Map<String, ImageBatch> images = new HashMap<>();
    private final Map<GlowWeights, Map<String, LevelScores>> logLikelihoods = new IdentityHashMap<>();

    /**
     * Predictions of a detector on an image set.
     *
     * @param model the detector.
     * @param name  the set's name (the key of its cached images and scores).
     * @param set   the images.
     * @return one prediction per image, in order, as {@code model.predict(set)} gives them.
     */
    List<Prediction<Event>> predict(FlowAnomalyModel model, String name, Dataset<Event> set) {
        ImageBatch batch = images(model, name, set);
        List<LevelScores> levels = new ArrayList<>();
        for (int g = 0; g < model.scoredGlows().size(); g++) {
            levels.add(logLikelihoods(model, g, name, set));
        }
        return model.predictions(set.getData(), model.anomalyScores(levels, batch));
    }

    /**
     * The per-level log-likelihoods of an image set under one of a detector's Glows.
     *
     * @param model the detector.
     * @param glow  the index into {@code model.scoredGlows()}.
     * @param name  the set's name.
     * @param set   the images.
     * @return the log-likelihoods, computed on the first call for this Glow and set.
     */
    LevelScores logLikelihoods(FlowAnomalyModel model, int glow, String name, Dataset<Event> set) {
        GlowWeights weights = model.scoredGlows().get(glow);
        Map<String, LevelScores> bySet = logLikelihoods.computeIfAbsent(weights, w -> new HashMap<>());
        LevelScores cached = bySet.get(name);
        if (cached == null) {
            cached = model.glowLogLikelihoods(glow, images(model, name, set));
            bySet.put(name, cached);
        }
        return cached;
    }

    private ImageBatch images(FlowAnomalyModel model, String name, Dataset<Event> set) {
        PixelMapper mapper = model.pixelMapper();
        String key = name + "@" + model.spec().height() + "x" + model.spec().width() + "x" + model.spec().channels();
        return images.computeIfAbsent(key, k -> mapper.toBatch(set.getData(), 0));
    }
}
