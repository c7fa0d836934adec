package io.github.flowanomaly.tribuo.evaluation;

import com.oracle.labs.mlrg.olcut.util.Pair;
import io.github.flowanomaly.tf.ExecutionOptions;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.LevelScores;
import io.github.flowanomaly.tf.OutlierLoss;
import io.github.flowanomaly.tf.Precision;
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
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.anomaly.Event;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A score table scores each Glow of a model once and derives the predictions and the explaining columns from the same
 * log-likelihoods: its scores and decisions equal the model's own {@code predict}, its columns the model's own
 * per-image accessors, bit for bit, over more images than one scoring chunk.
 */
class ScoreTableTest {

    private static final GlowSpec SPEC = new GlowSpec(16, 16, 1, 2, 2, 16, 3);

    private static GlowModel glow;
    private static GlowModel background;
    private static List<Example<Event>> images;

    private static GlowModel train(double perturbationRate, long seed, MutableDataset<Event> train) {
        return new GlowTrainer(SPEC, new FitSettings(1, 0, 0, 64, 256, 0.05, 20),
                new TrainingOptions(2e-3, 5e-5, 10, 0, 0, 0.9, 0.999, 1e-8, OutlierLoss.none()),
                new BatchAugmentation(Augmentation.NONE, 0.1, perturbationRate),
                new ExecutionOptions(0, 1, false, Precision.FP32), CalibrationSettings.DEFAULT,
                FlowScore.NEGATIVE_LOG_LIKELIHOOD, null, Checkpointing.NONE, seed).withHeldOutSeed(7).train(train);
    }

    @BeforeAll
    static void train() {
        MutableDataset<Event> train = SyntheticData.dataset(SyntheticData.shapes(200, 0, 25, 2),
                DatasetRole.IN_DISTRIBUTION, "blobs");
        glow = train(0, 5, train);
        background = train(0.2, 6, train);
        images = SyntheticData.dataset(SyntheticData.shapes(FlowAnomalyModel.PREDICT_CHUNK + 44, 1, 25, 3),
                DatasetRole.IN_DISTRIBUTION, "test").getData();
    }

    @AfterAll
    static void close() {
        glow.close();
        background.close();
    }

    @Test
    void aGlowsTableHoldsItsOwnPredictionsAndLogLikelihoods() {
        for (GlowModel model : List.of(glow, glow.withScore(FlowScore.LAST_SCALE))) {
            ScoreTable table = ScoreTable.of(model, ScoreOrientation.HIGHER_IS_ANOMALOUS, images);
            assertPredictions(model, table);
            LevelScores own = model.logLikelihoods(images);
            assertEquals(2 + SPEC.levels(), table.columns().size());
            for (int i = 0; i < images.size(); i++) {
                double[] expected = new double[2 + SPEC.levels()];
                expected[0] = own.bitsPerDim(i);
                expected[1] = own.logLikelihood(i);
                for (int level = 0; level < SPEC.levels(); level++) {
                    expected[2 + level] = own.levelLogLikelihood(i, level);
                }
                assertArrayEquals(expected, table.values()[i], 0.0, model + " image " + i);
            }
        }
    }

    @Test
    void aPairsTableHoldsBothGlowsLogLikelihoods() {
        BackgroundRatioModel pair = BackgroundRatioModel.of(glow, background, RatioScore.LIKELIHOOD_RATIO);
        ScoreTable table = ScoreTable.of(pair, ScoreOrientation.HIGHER_IS_ANOMALOUS, images);
        assertPredictions(pair, table);
        Pair<LevelScores, LevelScores> own = pair.logLikelihoods(images);
        assertEquals("background_level_1_log_likelihood", table.columns().get(7).name());
        for (int i = 0; i < images.size(); i++) {
            double[] row = table.values()[i];
            assertEquals(own.getA().logLikelihood(i), row[0], 0.0);
            assertEquals(own.getB().logLikelihood(i), row[1], 0.0);
            assertEquals(own.getA().bitsPerDim(i), row[2], 0.0);
            assertEquals(own.getB().bitsPerDim(i), row[3], 0.0);
            assertEquals(own.getB().levelLogLikelihood(i, 1), row[7], 0.0);
        }
    }

    @Test
    void aComplexityCorrectedTableHoldsItsTerms() {
        ComplexityCorrectedModel model = ComplexityCorrectedModel.of(glow, PngComplexity.DEFAULT,
                SyntheticData.dataset(SyntheticData.shapes(50, 0, 25, 9), DatasetRole.IN_DISTRIBUTION, "held out"),
                0.99);
        ScoreTable table = ScoreTable.of(model, ScoreOrientation.HIGHER_IS_ANOMALOUS, images);
        assertPredictions(model, table);
        double[][] own = model.terms(images);
        for (int i = 0; i < images.size(); i++) {
            assertArrayEquals(own[i], table.values()[i], 0.0, "image " + i);
        }
    }

    private static void assertPredictions(FlowAnomalyModel model, ScoreTable table) {
        List<Prediction<Event>> own = model.predict(images);
        assertEquals(own.size(), table.size());
        for (int i = 0; i < own.size(); i++) {
            assertEquals(own.get(i).getOutput().getScore(), table.scores()[i], 0.0, model + " image " + i);
            assertEquals(own.get(i).getOutput().getType().toString(), table.decisions().get(i));
        }
    }
}
