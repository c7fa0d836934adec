package io.github.flowanomaly.tf;

import java.util.logging.Logger;

/**
 * The arithmetic precision of a Glow's graphs.
 * <p>
 * {@link #BF16_COUPLING} runs the coupling networks (3x3 → 1x1 → 3x3 convolutions with their biases and ReLUs, the
 * bulk of the FLOPs) in bfloat16 and everything that makes the flow a flow in float32: the invertible layers (ActNorm,
 * 1x1 convolutions, the coupling's affine map), log-determinants, priors and the optimiser. The coupling network's
 * input is rounded to bfloat16 and its output (shift and scale) converted back to float32, so the model stays exactly
 * invertible and its log-determinant exact for the shift and scale it computes; only those two functions change,
 * within bfloat16 rounding. Data-dependent initialisation always runs in float32.
 * <p>
 * Deviation: the authors' code trains in float32 only.
 */
public enum Precision {
    /** Everything in float32 (the reference). */
    FP32,
    /** Coupling networks in bfloat16, the rest in float32; falls back to float32 on a CPU without bfloat16. */
    BF16_COUPLING,
    /** {@link #BF16_COUPLING} where the CPU has AVX512_BF16 or AMX-BF16, otherwise {@link #FP32}. */
    AUTO;

    private static final Logger LOG = Logger.getLogger(Precision.class.getName());

    /**
     * The precision the graphs use on a CPU: {@link #FP32} or {@link #BF16_COUPLING}, never {@link #AUTO}. Asking
     * for bfloat16 on a CPU without it falls back to float32 and logs why.
     *
     * @param cpu the processor.
     * @return the effective precision.
     */
    public Precision resolve(CpuFeatures cpu) {
        return switch (this) {
            case FP32 -> FP32;
            case AUTO -> cpu.hasBfloat16() ? BF16_COUPLING : FP32;
            case BF16_COUPLING -> {
                if (cpu.hasBfloat16()) {
                    yield BF16_COUPLING;
                }
                LOG.warning("precision BF16_COUPLING asked for, but the CPU (" + cpu.model() + ") has neither "
                        + "AVX512_BF16 nor AMX-BF16: using FP32 (bfloat16 would be emulated and slower)");
                yield FP32;
            }
        };
    }

    /**
     * Parses a name case-insensitively.
     *
     * @param name FP32, BF16_COUPLING or AUTO.
     * @return the precision.
     * @throws IllegalArgumentException naming the accepted values.
     */
    public static Precision parse(String name) {
        for (Precision p : values()) {
            if (p.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("precision must be one of FP32, BF16_COUPLING, AUTO, found '" + name + "'");
    }
}
