/**
 * Saved models: {@link io.github.flowanomaly.tribuo.files.SavedModels} reads {@code .tribuo} protobuf files of an
 * expected class (or any anomaly model) with messages naming the file and what it held, and writes them atomically
 * (temporary file in the target's directory, then rename), so a crash never leaves a half-written model.
 */
package io.github.flowanomaly.tribuo.files;
