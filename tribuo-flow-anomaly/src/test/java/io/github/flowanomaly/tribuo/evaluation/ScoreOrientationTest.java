package io.github.flowanomaly.tribuo.evaluation;

import io.github.flowanomaly.tribuo.data.DatasetRole;
import io.github.flowanomaly.tribuo.glow.SyntheticData;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One place knows which way every anomaly model's scores point. */
class ScoreOrientationTest {

    @Test
    void aModelClassThisLibraryDoesNotKnowNeedsAnExplicitOrientation() {
        FeatureScoreModel unknown = FeatureScoreModel.fit(SyntheticData.dataset(SyntheticData.blobs(4, 1),
                DatasetRole.IN_DISTRIBUTION, "x"), 0);
        assertTrue(ScoreOrientation.of(unknown).isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScoreOrientation.resolve(unknown, null));
        assertTrue(e.getMessage().contains("--orientation"), e.getMessage());
        assertEquals(ScoreOrientation.HIGHER_IS_NORMAL, ScoreOrientation.resolve(unknown,
                ScoreOrientation.HIGHER_IS_NORMAL));
    }
}
