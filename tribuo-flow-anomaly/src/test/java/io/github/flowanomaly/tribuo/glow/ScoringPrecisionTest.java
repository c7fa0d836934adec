package io.github.flowanomaly.tribuo.glow;

import io.github.flowanomaly.tf.Precision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scoring precision comes from its system property, float32 when unset, with a clear error otherwise. */
class ScoringPrecisionTest {

    @AfterEach
    void clear() {
        System.clearProperty(ScoringPrecision.PROPERTY);
    }

    @Test
    void unsetOrBlankMeansFloat32() {
        assertEquals(Precision.FP32, ScoringPrecision.current());
        System.setProperty(ScoringPrecision.PROPERTY, " ");
        assertEquals(Precision.FP32, ScoringPrecision.current());
    }

    @Test
    void valuesAreReadCaseInsensitively() {
        System.setProperty(ScoringPrecision.PROPERTY, "bf16_coupling");
        assertEquals(Precision.BF16_COUPLING, ScoringPrecision.current());
        System.setProperty(ScoringPrecision.PROPERTY, "AUTO");
        assertEquals(Precision.AUTO, ScoringPrecision.current());
    }

    @Test
    void anUnknownValueNamesThePropertyAndTheChoices() {
        System.setProperty(ScoringPrecision.PROPERTY, "fp16");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ScoringPrecision::current);
        assertTrue(e.getMessage().contains(ScoringPrecision.PROPERTY)
                && e.getMessage().contains("FP32, BF16_COUPLING or AUTO") && e.getMessage().contains("'fp16'"),
                e.getMessage());
    }
}
