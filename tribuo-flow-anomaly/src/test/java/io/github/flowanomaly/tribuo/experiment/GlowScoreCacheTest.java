package io.github.flowanomaly.tribuo.experiment;

import io.github.flowanomaly.tf.ExecutionOptions;
import io.github.flowanomaly.tf.Precision;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.ImageBatch;
import io.github.flowanomaly.tf.LevelScores;
import io.github.flowanomaly.tf.OutlierLoss;
import io.github.flowanomaly.tf.TrainingOptions;
import io.github.flowanomaly.tribuo.data.DatasetRole;
import io.github.flowanomaly.tribuo.detectors.BackgroundRatioModel;
import io.github.flowanomaly.tribuo.detectors.ComplexityCorrectedModel;
import io.github.flowanomaly.tribuo.detectors.PngComplexity;
import io.github.flowanomaly.tribuo.detectors.RatioScore;
import io.github.flowanomaly.tribuo.glow.Augmentation;
import io.github.flowanomaly.tribuo.glow.BatchAugmentation;
import io.github.flowanomaly.tribuo.glow.CalibrationSettings;
import io.github.flowanomaly.tribuo.glow.Checkpointing;
import io.github.flowanomaly.tribuo.glow.FitSettings;
import io.github.flowanomaly.tribuo.glow.FlowAnomalyModel;
import io.github.flowanomaly.tribuo.glow.FlowScore;
import io.github.flowanomaly.tribuo.glow.GlowModel;
import io.github.flowanomaly.tribuo.glow.GlowTrainer;
import io.github.flowanomaly.tribuo.glow.SyntheticData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.anomaly.Event;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** An experiment scores each Glow once per set; every detector's predictions equal its own predict. */
class GlowScoreCacheTest {

    private static final GlowSpec SPEC = new GlowSpec(16, 16, 1, 2, 2, 16, 3);

    private static GlowModel scratch;
    private static GlowModel background;
    private static MutableDataset<Event> test;

    private static GlowModel train(double perturbationRate, long seed, MutableDataset<Event> train) {
        return new GlowTrainer(SPEC, new FitSettings(1, 0, 0, 64, 256, 0.05, 20),
                new TrainingOptions(2e-3, 5e-5, 10, 0, 0, 0.9, 0.999, 1e-8, OutlierLoss.none()),
                new BatchAugmentation(Augmentation.NONE, 0.1, perturbationRate), new ExecutionOptions(0, 1, false, Precision.FP32),
                CalibrationSettings.DEFAULT, FlowScore.NEGATIVE_LOG_LIKELIHOOD, null, Checkpointing.NONE, seed)
                .withHeldOutSeed(7).train(train);
    }

    @BeforeAll
    static void train() {
        MutableDataset<Event> train = SyntheticData.dataset(SyntheticData.shapes(200, 0, 25, 2),
                DatasetRole.IN_DISTRIBUTION, "blobs");
        scratch = train(0, 5, train);
        background = train(0.2, 6, train);
        test = SyntheticData.dataset(SyntheticData.shapes(300, 0, 25, 3), DatasetRole.IN_DISTRIBUTION, "test");
    }

    @AfterAll
    static void close() {
        scratch.close();
        background.close();
    }

    @Test
    void everyDetectorPredictsAsItsOwnPredict() {
        BackgroundRatioModel pair = BackgroundRatioModel.of(scratch, background, RatioScore.LIKELIHOOD_RATIO);
        List<FlowAnomalyModel> detectors = List.of(scratch, scratch.withScore(FlowScore.LAST_SCALE),
                scratch.withScore(FlowScore.TYPICALITY), pair, pair.withScore(RatioScore.LAST_SCALE_RATIO),
                ComplexityCorrectedModel.of(scratch, PngComplexity.DEFAULT, test, 0.99));
        GlowScoreCache cache = new GlowScoreCache();
        for (FlowAnomalyModel d : detectors) {
            List<Prediction<Event>> cached = cache.predict(d, "test", test);
            List<Prediction<Event>> own = d.predict(test);
            assertEquals(own.size(), cached.size());
            for (int i = 0; i < own.size(); i++) {
                assertEquals(own.get(i).getOutput().getScore(), cached.get(i).getOutput().getScore(), 0.0,
                        d + " image " + i);
                assertEquals(own.get(i).getOutput().getType(), cached.get(i).getOutput().getType());
            }
        }
    }

    @Test
    void aGlowSharedByDetectorsIsScoredOncePerSet() {
        GlowScoreCache cache = new GlowScoreCache();
        LevelScores first = cache.logLikelihoods(scratch, 0, "test", test);
        assertSame(first, cache.logLikelihoods(scratch.withScore(FlowScore.LAST_SCALE), 0, "test", test));
        BackgroundRatioModel pair = BackgroundRatioModel.of(scratch, background, RatioScore.LIKELIHOOD_RATIO);
        assertSame(first, cache.logLikelihoods(pair, 0, "test", test), "the pair's in-distribution Glow is scratch");
        assertSame(cache.logLikelihoods(background, 0, "test", test), cache.logLikelihoods(pair, 1, "test", test));
    }

    @Test
    void levelsOfTheWrongShapeAreRefused() {
        ImageBatch batch = scratch.pixelMapper().toBatch(test.getData(), 0);
        LevelScores levels = scratch.logLikelihoods(batch);
        assertThrows(IllegalArgumentException.class, () -> scratch.anomalyScores(List.of(levels, levels), batch));
        BackgroundRatioModel pair = BackgroundRatioModel.of(scratch, background, RatioScore.LIKELIHOOD_RATIO);
        assertThrows(IllegalArgumentException.class, () -> pair.anomalyScores(List.of(levels), batch));
        assertThrows(IndexOutOfBoundsException.class, () -> scratch.glowLogLikelihoods(1, batch));
    }
}
