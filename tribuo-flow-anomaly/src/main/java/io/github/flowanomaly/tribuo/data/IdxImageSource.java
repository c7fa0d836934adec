package io.github.flowanomaly.tribuo.data;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Images from an unsigned-byte IDX file (MNIST, Fashion-MNIST), optionally filtered by the class labels of a
 * matching IDX label file.
 * <p>
 * The images file has 3 dimensions {@code (N, H, W)} (grey) or 4 dimensions {@code (N, H, W, C)} with {@code C} 1
 * or 3 (HWC colour); the labels file has 1 dimension {@code (N)}. Either may be gzip-compressed. Labels only select
 * images: every example's event comes from the configured {@link DatasetRole}. Provenance resources: 0 = images,
 * 1 = labels (if set).
 */
public final class IdxImageSource extends AbstractImageSource {

    @Config(mandatory = true, description = "IDX file of unsigned-byte images, N x H x W or N x H x W x C, "
            + "plain or gzipped.")
    private Path imagesPath;

    @Config(description = "IDX file of N unsigned-byte labels, plain or gzipped; needed by labelFilter.")
    private Path labelsPath;

    @Config(description = "Label values of the images to keep; empty keeps all. Requires labelsPath.")
    private List<Integer> labelFilter = new ArrayList<>();
    @Config(description = "Index of the first image of the file to use (before label filter and subset).")
    private int firstImage = 0;
    @Config(description = "Number of images from firstImage to use; 0 uses all remaining images.")
    private int imageCount = 0;

    /** For OLCUT. */
    private IdxImageSource() {}

    /**
     * Loads the images.
     *
     * @param imagesPath    the IDX images file.
     * @param labelsPath    the IDX labels file, or null.
     * @param labelFilter   label values of the images to keep; empty keeps all (then {@code labelsPath} may be
     *                      null).
     * @param role          the role fixing every example's event.
     * @param preprocessing subset, grey conversion and resizing.
     * @param range         the contiguous range of the file's images to use ({@link ImageRange#ALL}: all).
     * @throws IllegalArgumentException if a file is missing or malformed or no image is kept.
     */
    public IdxImageSource(Path imagesPath, Path labelsPath, List<Integer> labelFilter, DatasetRole role,
                          ImagePreprocessing preprocessing, ImageRange range) {
        super(role, preprocessing);
        this.imagesPath = imagesPath;
        this.labelsPath = labelsPath;
        this.labelFilter = new ArrayList<>(labelFilter);
        this.firstImage = range.first();
        this.imageCount = range.count();
        postConfig();
    }

    @Override
    protected void validateFields(ImagePreprocessing preprocessing) {
        if (imagesPath == null) {
            throw new PropertyException("", "imagesPath", "imagesPath must be set");
        }
        if (labelFilter == null) {
            labelFilter = new ArrayList<>();
        }
        if (firstImage < 0 || imageCount < 0) {
            throw new PropertyException("", firstImage < 0 ? "firstImage" : "imageCount",
                    "firstImage and imageCount must be >= 0, found " + firstImage + ", " + imageCount);
        }
        if (!labelFilter.isEmpty() && labelsPath == null) {
            throw new PropertyException("", "labelFilter", "labelFilter " + labelFilter
                    + " needs labelsPath to be set");
        }
    }

    /**
     * Reads every image of an IDX image file ({@code N×H×W} grey or {@code N×H×W×C} with 1 or 3 channels, optionally
     * gzipped) without building Tribuo examples.
     *
     * @param imagesPath the file.
     * @return the images in file order, each named {@code path[index]}.
     * @throws IllegalArgumentException if the file is missing or malformed.
     */
    public static List<DecodedImage> readAll(Path imagesPath) {
        IdxReader.IdxArray images = IdxReader.read(imagesPath, 3, 4);
        ImageShape shape = shapeOf(images.dims(), imagesPath);
        int pixels = shape.pixels();
        List<DecodedImage> decoded = new ArrayList<>(images.dims()[0]);
        for (int index = 0; index < images.dims()[0]; index++) {
            decoded.add(new DecodedImage(Arrays.copyOfRange(images.data(), index * pixels, (index + 1) * pixels),
                    shape, imagesPath + "[" + index + "]"));
        }
        return decoded;
    }

    private static ImageShape shapeOf(int[] dims, Path imagesPath) {
        int channels = dims.length == 4 ? dims[3] : 1;
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("IDX file " + imagesPath + ": expected 1 or 3 channels in the last "
                    + "dimension, found " + channels + " in " + Arrays.toString(dims));
        }
        return new ImageShape(dims[1], dims[2], channels);
    }

    /** Reads the kept images one at a time from the file, so loading never holds more than one decoded image. */
    @Override
    protected DecodedImages decode(ImagePreprocessing preprocessing) {
        IdxReader.Records records = IdxReader.open(imagesPath, 3, 4);
        try {
            ImageShape shape = shapeOf(records.dims(), imagesPath);
            int[] kept = keptImages(records.count(), preprocessing);
            Iterator<DecodedImage> images = new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < kept.length;
                }

                @Override
                public DecodedImage next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    int index = kept[next++];
                    records.skip(index - records.position());
                    byte[] image = new byte[shape.pixels()];
                    records.read(image);
                    if (next == kept.length) {
                        records.skipToEnd(); // reports truncation or trailing data as a whole read would
                    }
                    return new DecodedImage(image, shape, imagesPath + "[" + index + "]");
                }
            };
            return new DecodedImages(kept.length, images, records);
        } catch (RuntimeException e) {
            records.close();
            throw e;
        }
    }

    /** The file indices of the images kept: label filter, then image range, then the seeded subset, in file order. */
    private int[] keptImages(int fileImages, ImagePreprocessing preprocessing) {
        int end = new ImageRange(firstImage, imageCount).end(fileImages, imagesPath);
        int[] candidates = Arrays.stream(candidates(fileImages)).filter(i -> i >= firstImage && i < end).toArray();
        int[] positions = preprocessing.selectSubset(candidates.length);
        int[] kept = new int[positions.length];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = candidates[positions[i]];
        }
        return kept;
    }

    private int[] candidates(int imageCount) {
        if (labelsPath == null) {
            return IntStream.range(0, imageCount).toArray();
        }
        byte[] labels = IdxReader.read(labelsPath, 1).data();
        if (labels.length != imageCount) {
            throw new IllegalArgumentException("IDX labels file " + labelsPath + ": expected " + imageCount
                    + " labels (one per image of " + imagesPath + "), found " + labels.length);
        }
        if (labelFilter.isEmpty()) {
            return IntStream.range(0, imageCount).toArray();
        }
        Set<Integer> wanted = new TreeSet<>(labelFilter);
        int[] kept = IntStream.range(0, imageCount).filter(i -> wanted.contains(labels[i] & 0xFF)).toArray();
        if (kept.length == 0) {
            Set<Integer> present = new TreeSet<>();
            for (byte label : labels) {
                present.add(label & 0xFF);
            }
            throw new IllegalArgumentException("IDX labels file " + labelsPath + ": expected at least one image with"
                    + " a label in labelFilter " + wanted + ", found none (labels present: " + present + ")");
        }
        return kept;
    }

    @Override
    protected List<ResourceFingerprint> fingerprints() {
        return labelsPath == null ? List.of(ResourceFingerprint.of(imagesPath))
                : List.of(ResourceFingerprint.of(imagesPath), ResourceFingerprint.of(labelsPath));
    }

    @Override
    protected String describeInput() {
        return "images=" + imagesPath + (labelsPath == null ? "" : ", labels=" + labelsPath)
                + (labelFilter == null || labelFilter.isEmpty() ? "" : ", labelFilter=" + labelFilter);
    }
}
