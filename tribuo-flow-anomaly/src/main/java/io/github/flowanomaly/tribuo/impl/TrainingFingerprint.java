package io.github.flowanomaly.tribuo.impl;

import io.github.flowanomaly.tribuo.glow.BatchAugmentation;
import io.github.flowanomaly.tribuo.glow.FitSettings;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.Precision;
import io.github.flowanomaly.tf.GlowWeights;
import io.github.flowanomaly.tf.TrainingOptions;
import io.github.flowanomaly.tf.WeightTensor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A SHA-256 digest of everything a training run's result depends on: model name, architecture and seed, optimiser
 * settings (including the outlier loss), the epoch/step/time limits and batch size, the training images and the
 * starting weights (e.g. the general model a fine-tuning starts from). A checkpoint is resumed only by a run with the
 * same fingerprint, so a changed configuration, data set or general model never continues a stale run silently.
 * The progress-report interval is left out: it does not change the result.
 */
public final class TrainingFingerprint {

    private TrainingFingerprint() {}

    /**
     * Computes the fingerprint.
     *
     * @param modelName the model's name in the training loop.
     * @param spec      architecture and seed.
     * @param options   optimiser settings and outlier loss.
     * @param settings  limits and batch size.
     * @param augmentation what training does to each batch (left out when it does nothing, so fingerprints of
     *                     runs without augmentation are as before).
     * @param images    the training images.
     * @param initial   the starting weights, or null for a data-dependent initialisation.
     * @param precision the effective arithmetic precision (left out when float32, so fingerprints of float32 runs
     *                  are as before).
     * @return the hex digest.
     */
    public static String of(String modelName, GlowSpec spec, TrainingOptions options, FitSettings settings,
                            BatchAugmentation augmentation, TrainingPixels images, GlowWeights initial,
                            Precision precision) {
        MessageDigest digest = sha256();
        text(digest, modelName + "|" + spec + "|" + options + "|" + settings.epochs() + "|" + settings.maxSteps()
                + "|" + settings.timeBudgetSeconds() + "|" + settings.batchSize() + "|" + settings.initExamples()
                + "|" + settings.maxSkippedFraction());
        if (!augmentation.isIdentity()) {
            text(digest, augmentation.toString());
        }
        if (precision != Precision.FP32) {
            text(digest, "precision " + precision);
        }
        text(digest, "images " + images.count());
        images.forEachImage(image -> floats(digest, image)); // the same bytes as the gathered float batch of before
        if (initial == null) {
            text(digest, "data-dependent initialisation");
        } else {
            for (Map.Entry<String, WeightTensor> e : new java.util.TreeMap<>(initial.tensors()).entrySet()) {
                text(digest, e.getKey());
                floats(digest, e.getValue().values());
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void text(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static void floats(MessageDigest digest, float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * 4096);
        for (int i = 0; i < values.length; i += 4096) {
            buffer.clear();
            int n = Math.min(4096, values.length - i);
            buffer.asFloatBuffer().put(values, i, n);
            digest.update(buffer.array(), 0, 4 * n);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
