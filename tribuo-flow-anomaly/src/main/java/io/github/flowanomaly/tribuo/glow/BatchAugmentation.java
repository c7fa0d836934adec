package io.github.flowanomaly.tribuo.glow;

import io.github.flowanomaly.tf.CounterSeeds;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.ImageBatch;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What training does to each batch before dequantisation: the paper's random translation (and flip), and the
 * pixel perturbation of Ren et al.'s background model (each pixel independently replaced, with probability
 * {@link #perturbationRate()}, by a uniform random grey level 0..255 in every channel).
 * <p>
 * The random draws of a batch derive from a seed and the batch's step number only ({@link CounterSeeds}), so a run
 * resumed from a checkpoint changes its batches exactly as an uninterrupted run does, with no extra state.
 * <p>
 * Translation follows torchvision's {@code RandomAffine(translate=(f, f))}: per image and axis an integer shift
 * {@code round(U(−f·size, f·size))} (round half to even, as Python), the content moved by it and vacated pixels set to
 * 0; a flip (for {@link Augmentation#TRANSLATE_FLIP}) mirrors the row with probability 1/2 after the shift.
 *
 * @param augmentation     the geometric augmentation.
 * @param maxShiftFraction the largest shift as a fraction of height and width (the paper's code: 0.1).
 * @param perturbationRate probability μ that a pixel is replaced by uniform noise (0: none; Ren et al.: 0.1–0.3).
 */
public record BatchAugmentation(Augmentation augmentation, double maxShiftFraction, double perturbationRate) {

    /** No change to any batch. */
    public static final BatchAugmentation NONE = new BatchAugmentation(Augmentation.NONE, 0.1, 0);

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException naming the invalid field.
     */
    public BatchAugmentation {
        if (augmentation == null) {
            throw new IllegalArgumentException("augmentation must be set (NONE, TRANSLATE or TRANSLATE_FLIP)");
        }
        if (!(maxShiftFraction >= 0 && maxShiftFraction < 1)) {
            throw new IllegalArgumentException("maxShiftFraction must be in [0, 1), found " + maxShiftFraction);
        }
        if (!(perturbationRate >= 0 && perturbationRate <= 1)) {
            throw new IllegalArgumentException("perturbationRate must be in [0, 1], found " + perturbationRate);
        }
    }

    /** @return whether batches are used unchanged. */
    public boolean isIdentity() {
        return (augmentation == Augmentation.NONE || maxShiftFraction == 0 && augmentation == Augmentation.TRANSLATE)
                && perturbationRate == 0;
    }

    /**
     * Changes a batch in place.
     *
     * @param batch   pixel values in [0, 255], NHWC.
     * @param spec    the image shape.
     * @param seed    the run's augmentation seed.
     * @param counter the step number (or any other counter unique to this batch within the run).
     */
    public void apply(ImageBatch batch, GlowSpec spec, long seed, long counter) {
        if (isIdentity()) {
            return;
        }
        SplittableRandom rng = new SplittableRandom(CounterSeeds.of(seed, counter));
        int h = spec.height();
        int w = spec.width();
        int c = spec.channels();
        int d = h * w * c;
        float[] pixels = batch.pixels();
        float[] scratch = new float[d];
        for (int i = 0; i < batch.count(); i++) {
            int offset = i * d;
            if (augmentation != Augmentation.NONE) {
                int dy = shift(rng, maxShiftFraction * h);
                int dx = shift(rng, maxShiftFraction * w);
                boolean flip = augmentation == Augmentation.TRANSLATE_FLIP && rng.nextBoolean();
                translate(pixels, offset, scratch, h, w, c, dy, dx, flip);
            }
            if (perturbationRate > 0) {
                perturb(pixels, offset, h * w, c, rng);
            }
        }
    }

    /** torchvision's shift: {@code int(round(uniform(−max, max)))}. */
    static int shift(SplittableRandom rng, double max) {
        if (max == 0) {
            return 0;
        }
        return (int) Math.rint(-max + 2 * max * rng.nextDouble());
    }

    /** Moves the image by (dy, dx) (content at (y, x) goes to (y + dy, x + dx)), zero fill, then optionally mirrors. */
    static void translate(float[] pixels, int offset, float[] scratch, int h, int w, int c, int dy, int dx,
                          boolean flip) {
        for (int y = 0; y < h; y++) {
            int sy = y - dy;
            for (int x = 0; x < w; x++) {
                int tx = flip ? w - 1 - x : x;
                int sx = tx - dx;
                int out = (y * w + x) * c;
                if (sy < 0 || sy >= h || sx < 0 || sx >= w) {
                    for (int k = 0; k < c; k++) {
                        scratch[out + k] = 0;
                    }
                } else {
                    System.arraycopy(pixels, offset + (sy * w + sx) * c, scratch, out, c);
                }
            }
        }
        System.arraycopy(scratch, 0, pixels, offset, h * w * c);
    }

    private void perturb(float[] pixels, int offset, int positions, int c, SplittableRandom rng) {
        for (int p = 0; p < positions; p++) {
            if (rng.nextDouble() < perturbationRate) {
                for (int k = 0; k < c; k++) {
                    pixels[offset + p * c + k] = rng.nextInt(256);
                }
            }
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "BatchAugmentation(%s, maxShift=%s, perturbation=%s)", augmentation,
                maxShiftFraction, perturbationRate);
    }
}
