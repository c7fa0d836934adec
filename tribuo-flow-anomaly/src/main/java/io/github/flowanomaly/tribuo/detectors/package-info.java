/**
 * The paper's detectors beyond the raw likelihood: the likelihood ratio of an in-distribution Glow fine-tuned from a
 * general-distribution Glow over that general Glow (optionally trained with the outlier loss), and the last-scale
 * ratio. Scores follow the library's convention: {@code Event.getScore()} higher = more anomalous.
 * <p>
 * The last-scale detector of a single model is {@link io.github.flowanomaly.tribuo.glow.FlowScore#LAST_SCALE}.
 * <pre>
 * R. T. Schirrmeister, Y. Zhou, T. Ball, D. Zhang.
 * "Understanding Anomaly Detection with Deep Invertible Networks through Hierarchies of Distributions and Features",
 * NeurIPS 2020. https://arxiv.org/abs/2006.10848
 * </pre>
 */
package io.github.flowanomaly.tribuo.detectors;
