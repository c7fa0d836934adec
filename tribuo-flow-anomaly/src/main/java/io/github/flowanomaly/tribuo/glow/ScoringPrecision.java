package io.github.flowanomaly.tribuo.glow;

import io.github.flowanomaly.tf.Precision;

import java.util.Locale;

/**
 * The arithmetic precision every saved Glow-based model of this JVM scores in, from the system property
 * {@value #PROPERTY}: {@code FP32} (the default), {@code BF16_COUPLING} (coupling networks in bfloat16 where the CPU
 * has AVX512_BF16 or AMX-BF16, float32 elsewhere) or {@code AUTO} (the same, chosen by the CPU's flags). Read when a
 * model opens its scoring session (its first prediction, or the first after {@code close()}).
 *
 * <p>Thresholds are calibrated on float32 scores, so bfloat16 scoring moves scores by up to a few hundredths of a
 * nat per level (docs/performance.md) and can flip the decision of an image that lies on the threshold.
 */
public final class ScoringPrecision {

    /** The system property that chooses the scoring precision. */
    public static final String PROPERTY = "flowanomaly.scoring.precision";

    private ScoringPrecision() {}

    /**
     * The precision asked for by {@value #PROPERTY} (FP32 when unset or blank).
     *
     * @return the precision.
     * @throws IllegalArgumentException naming the property and the allowed values when it holds another value.
     */
    public static Precision current() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return Precision.FP32;
        }
        try {
            return Precision.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("system property " + PROPERTY + " must be FP32, BF16_COUPLING or AUTO, "
                    + "found '" + value + "'", e);
        }
    }
}
