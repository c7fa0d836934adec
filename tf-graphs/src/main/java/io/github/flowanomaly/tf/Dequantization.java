package io.github.flowanomaly.tf;

import java.util.SplittableRandom;

/**
 * The paper's mapping from 8-bit pixel values {@code v} to model inputs.
 * <ul>
 *     <li>training: {@code x = v/256 − 0.5 + u/256} with {@code u ~ U[0, 1)} per dimension (not centred);</li>
 *     <li>scoring: the bin centre, {@code x = (v + 0.5)/256 − 0.5}, deterministic.</li>
 * </ul>
 * Note the divisor 256, not 255.
 */
public final class Dequantization {

    private Dequantization() {}

    /**
     * Bin-centre inputs for deterministic scoring.
     *
     * @param pixels pixel values.
     * @param out    where to write the model inputs (same length).
     */
    public static void binCentre(float[] pixels, float[] out) {
        for (int i = 0; i < pixels.length; i++) {
            out[i] = (pixels[i] + 0.5f) / 256f - 0.5f;
        }
    }

    /**
     * Uniformly dequantised inputs for training.
     *
     * @param pixels pixel values.
     * @param out    where to write the model inputs (same length).
     * @param random the noise source.
     */
    public static void uniformNoise(float[] pixels, float[] out, SplittableRandom random) {
        for (int i = 0; i < pixels.length; i++) {
            out[i] = (pixels[i] + (float) random.nextDouble()) / 256f - 0.5f;
        }
    }

    /**
     * Maps model-space values back to pixel values in {@code [0, 255]} (clamped, not rounded).
     *
     * @param x model-space values.
     * @return pixel values.
     */
    public static float[] toPixels(float[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            float v = (x[i] + 0.5f) * 256f;
            out[i] = Math.max(0f, Math.min(255f, v));
        }
        return out;
    }
}
