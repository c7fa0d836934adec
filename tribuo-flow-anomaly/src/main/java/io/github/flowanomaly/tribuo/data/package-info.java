/**
 * Image data sources that turn image files into Tribuo anomaly-detection examples.
 * <p>
 * Every source decodes its images to unsigned bytes in height, width, channel (HWC) order, applies the same
 * {@link io.github.flowanomaly.tribuo.data.ImagePreprocessing} (seeded subset, grey conversion, bilinear resize),
 * and emits one dense {@link org.tribuo.Example} per image whose features are named by
 * {@link io.github.flowanomaly.tribuo.data.PixelFeatures} and whose values are the raw pixel intensities in
 * {@code [0, 255]}. The output {@link org.tribuo.anomaly.Event} is fixed by the configured
 * {@link io.github.flowanomaly.tribuo.data.DatasetRole}, never inferred from class labels.
 * <ul>
 *     <li>{@link io.github.flowanomaly.tribuo.data.IdxImageSource}: MNIST-style IDX files, plain or gzipped.</li>
 *     <li>{@link io.github.flowanomaly.tribuo.data.CifarBinarySource}: the CIFAR-10/100 binary format.</li>
 *     <li>{@link io.github.flowanomaly.tribuo.data.ImageFolderSource}: a directory tree of PNG and JPEG files.</li>
 * </ul>
 */
package io.github.flowanomaly.tribuo.data;
