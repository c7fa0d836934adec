package io.github.flowanomaly.cli;

import com.oracle.labs.mlrg.olcut.config.Option;
import com.oracle.labs.mlrg.olcut.config.Options;
import io.github.flowanomaly.tf.Precision;
import io.github.flowanomaly.tribuo.glow.ScoringPrecision;

/** The {@code --precision} option of the commands that score saved models ({@code score}, {@code evaluate}). */
public final class ScoringPrecisionOptions implements Options {

    /** Creates the option unset (models score in float32 unless the system property says otherwise). */
    public ScoringPrecisionOptions() {}

    /** The precision asked for, or null to leave {@value ScoringPrecision#PROPERTY} as it is. */
    @Option(longName = "precision", usage = "Precision Glow-based models score in: FP32 (default), BF16_COUPLING "
            + "or AUTO (bfloat16 coupling networks where the CPU has AVX512_BF16/AMX); sets "
            + ScoringPrecision.PROPERTY + ".")
    public Precision precision;

    /** Sets {@value ScoringPrecision#PROPERTY} when the option was given; call before the model opens a session. */
    void apply() {
        if (precision != null) {
            System.setProperty(ScoringPrecision.PROPERTY, precision.name());
        }
    }
}
