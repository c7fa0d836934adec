/**
 * Glow as a Tribuo anomaly detector: {@link io.github.flowanomaly.tribuo.glow.GlowTrainer} trains a multi-scale Glow
 * (built by the {@code tf-graphs} module as TensorFlow Java graphs) on in-distribution images, and
 * {@link io.github.flowanomaly.tribuo.glow.GlowModel} scores images.
 * <p>
 * <b>Score convention (every detector of this library):</b> {@code Event.getScore()} is an anomaly score where
 * <em>higher means more anomalous</em>. An example is predicted {@code ANOMALOUS} when its score exceeds the model's
 * threshold, a quantile of the scores of held-out in-distribution training images.
 * <p>
 * Images are Tribuo examples whose features follow {@link io.github.flowanomaly.tribuo.data.PixelFeatures}; models map
 * feature names to pixel positions themselves ({@link io.github.flowanomaly.tribuo.glow.PixelMapper}).
 * <pre>
 * R. T. Schirrmeister, Y. Zhou, T. Ball, D. Zhang.
 * "Understanding Anomaly Detection with Deep Invertible Networks through Hierarchies of Distributions and Features",
 * NeurIPS 2020. https://arxiv.org/abs/2006.10848
 * </pre>
 */
package io.github.flowanomaly.tribuo.glow;
