/**
 * Internals of the plugin that its own packages share: the training loop ({@code GlowFitter}) with its checkpoints
 * and fingerprints, training-image batches, the outlier batches of the likelihood-ratio fine-tuning, the scoring
 * session that reopens after {@code close()}, the weight codec of the protobuf form, quantiles, seeded permutations
 * and atomic file writes.
 * <p>
 * Not an API: these types are public only so that the {@code glow}, {@code detectors}, {@code data} and
 * {@code experiment} packages can use them, and they may change in any release. Use the trainers, models and data
 * sources of the other packages instead.
 */
package io.github.flowanomaly.tribuo.impl;
