package io.github.flowanomaly.tribuo.glow;

import io.github.flowanomaly.tf.LevelScores;
import io.github.flowanomaly.tribuo.data.DatasetRole;
import org.junit.jupiter.api.Test;
import org.tribuo.MutableDataset;
import org.tribuo.anomaly.Event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-level typicality score: statistics of held-out images and the distance from them. */
class LevelStatisticsTest {

    /** Three images, two levels: level 0 = 1, 2, 3; level 1 = 10, 10, 40. */
    private static LevelScores threeImages() {
        return LevelScores.fromLevels(3, 2, 16, new float[]{1, 10, 2, 10, 3, 40});
    }

    @Test
    void meansAndSampleDeviationsPerLevel() {
        LevelStatistics stats = LevelStatistics.of(threeImages());
        assertArrayEquals(new double[]{2, 20}, stats.means(), 1e-9);
        assertArrayEquals(new double[]{1, Math.sqrt(300)}, stats.deviations(), 1e-9);
    }

    @Test
    void distanceIsTheSumOfSquaredStandardisedLevelsInBothDirections() {
        LevelStatistics stats = LevelStatistics.of(threeImages());
        LevelScores probe = LevelScores.fromLevels(2, 2, 16, new float[]{2, 20, 5, 20 - (float) Math.sqrt(300) * 2});
        assertEquals(0, stats.distance(probe, 0), 1e-9, "the typical image");
        assertEquals(9 + 4, stats.distance(probe, 1), 1e-4, "z = +3 on level 0 and -2 on level 1");
        LevelScores tooLikely = LevelScores.fromLevels(1, 2, 16, new float[]{-1, 20});
        assertEquals(9, stats.distance(tooLikely, 0), 1e-6, "too unlikely counts as much as too likely");
    }

    @Test
    void badStatisticsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new LevelStatistics(new double[]{1}, new double[]{0}));
        assertThrows(IllegalArgumentException.class,
                () -> LevelStatistics.of(threeImages()).distance(LevelScores.fromLevels(1, 3, 16,
                        new float[]{1, 2, 3}), 0));
    }

    @Test
    void aGlowModelsTypicalityScoreUsesItsCalibrationImages() {
        MutableDataset<Event> train = SyntheticData.dataset(SyntheticData.blobs(200, 1), DatasetRole.IN_DISTRIBUTION,
                "blobs");
        MutableDataset<Event> test = SyntheticData.dataset(SyntheticData.blobs(10, 2), DatasetRole.IN_DISTRIBUTION,
                "test");
        try (GlowModel glow = GlowTrainerTest.smallTrainer(1).train(train)) {
            GlowModel typicality = glow.withScore(FlowScore.TYPICALITY);
            LevelStatistics reference = glow.calibration().statistics();
            LevelScores scores = glow.logLikelihoods(test.getData());
            double[] predicted = GlowTrainerTest.scores(typicality, test);
            for (int i = 0; i < predicted.length; i++) {
                assertEquals(reference.distance(scores, i), predicted[i], 1e-9, "image " + i);
                assertTrue(predicted[i] >= 0);
            }
            assertEquals(typicality.threshold(), io.github.flowanomaly.tribuo.impl.Quantiles.of(
                    glow.calibration().anomalyScores(FlowScore.TYPICALITY), 0.99), 1e-12);
        }
    }
}
