package io.github.flowanomaly.tribuo.experiment;

/**
 * Images sampled from one Glow, for the report.
 *
 * @param model    which model (e.g. "general", "fine-tuned").
 * @param height   image height.
 * @param width    image width.
 * @param channels image channels.
 * @param count    number of images.
 * @param pixels   pixel values in [0, 255], NHWC.
 */
public record SampleGrid(String model, int height, int width, int channels, int count, float[] pixels) {
}
