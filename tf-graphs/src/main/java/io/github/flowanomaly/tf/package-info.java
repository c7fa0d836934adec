/**
 * The TensorFlow-free API of the Glow flow: {@link io.github.flowanomaly.tf.GlowSpec},
 * {@link io.github.flowanomaly.tf.GlowWeights}, {@link io.github.flowanomaly.tf.GlowTrainingSession} and
 * {@link io.github.flowanomaly.tf.GlowScoringSession}. Images cross this API as raw pixel values in {@code [0, 255]}
 * ({@link io.github.flowanomaly.tf.ImageBatch}, NHWC row-major); dequantisation follows the paper's code
 * ({@link io.github.flowanomaly.tf.Dequantization}).
 * <p>
 * Log-likelihoods are in nats; {@link io.github.flowanomaly.tf.LevelScores} gives the per-level contributions
 * {@code lp_s}, their sum {@code ln p(x)}, the discrete NLL and bits per dimension.
 */
package io.github.flowanomaly.tf;
