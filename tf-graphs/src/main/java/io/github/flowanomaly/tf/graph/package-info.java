/**
 * Graph building blocks of the Glow of Schirrmeister et al. (NeurIPS 2020) as TensorFlow Java operations:
 * squeeze, ActNorm, LU-parameterised invertible 1x1 convolution, affine coupling, per-scale priors, the multi-scale
 * network and the Adamax update.
 * <p>
 * These classes expose TensorFlow types and are meant for code inside the {@code tf-graphs} module (and its tests).
 * Other modules use the TensorFlow-free API of {@link io.github.flowanomaly.tf}.
 * <p>
 * Every layer is generic in its floating point type so the same code can be built in float64 for
 * finite-difference checks of log-determinants; production graphs use float32.
 * <pre>
 * R. T. Schirrmeister, Y. Zhou, T. Ball, D. Zhang.
 * "Understanding Anomaly Detection with Deep Invertible Networks through Hierarchies of Distributions and Features",
 * NeurIPS 2020. https://arxiv.org/abs/2006.10848
 * </pre>
 */
package io.github.flowanomaly.tf.graph;
