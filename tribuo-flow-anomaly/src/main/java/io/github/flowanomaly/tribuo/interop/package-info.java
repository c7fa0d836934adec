/**
 * Interoperability with Tribuo-TensorFlow: {@link io.github.flowanomaly.tribuo.interop.PixelImageConverter}, a
 * {@code FeatureConverter} that turns this library's pixel-feature examples into image tensors for Tribuo's own
 * TensorFlow models. This is the only package outside {@code tf-graphs} that touches TensorFlow types, because
 * Tribuo-TensorFlow's interface requires them.
 */
package io.github.flowanomaly.tribuo.interop;
