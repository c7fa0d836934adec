package io.github.flowanomaly.tribuo.data;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Images from CIFAR binary files ({@code data_batch_1.bin} ... {@code test_batch.bin}): fixed-size records of
 * {@code labelBytes} label bytes (1 for CIFAR-10; 2 for CIFAR-100, coarse then fine) followed by a 32×32 image stored
 * channel-planar (1024 red, 1024 green, 1024 blue bytes, each row-major), converted here to HWC.
 * <p>
 * {@code labelFilter} matches the last label byte (the class for CIFAR-10, the fine label for CIFAR-100); labels only
 * select images, the event comes from the {@link DatasetRole}. Provenance resources follow the order of
 * {@code paths}.
 */
public final class CifarBinarySource extends AbstractImageSource {

    /** Height and width of a CIFAR image. */
    public static final int SIDE = 32;
    private static final int PLANE = SIDE * SIDE;
    private static final int IMAGE_BYTES = 3 * PLANE;
    private static final ImageShape SHAPE = new ImageShape(SIDE, SIDE, 3);

    @Config(mandatory = true, description = "CIFAR binary files, read in this order.")
    private List<Path> paths;

    @Config(description = "Label bytes before each image: 1 (CIFAR-10) or 2 (CIFAR-100).")
    private int labelBytes = 1;

    @Config(description = "Values of the last label byte of the images to keep; empty keeps all.")
    private List<Integer> labelFilter = new ArrayList<>();

    /** For OLCUT. */
    private CifarBinarySource() {}

    /**
     * Loads the images.
     *
     * @param paths         the binary files, read in order.
     * @param labelBytes    label bytes per record, 1 (CIFAR-10) or 2 (CIFAR-100).
     * @param labelFilter   values of the last label byte to keep; empty keeps all.
     * @param role          the role fixing every example's event.
     * @param preprocessing subset, grey conversion and resizing.
     * @throws IllegalArgumentException if a file is missing or malformed or no image is kept.
     */
    public CifarBinarySource(List<Path> paths, int labelBytes, List<Integer> labelFilter, DatasetRole role,
                             ImagePreprocessing preprocessing) {
        super(role, preprocessing);
        this.paths = new ArrayList<>(paths);
        this.labelBytes = labelBytes;
        this.labelFilter = new ArrayList<>(labelFilter);
        postConfig();
    }

    @Override
    protected void validateFields(ImagePreprocessing preprocessing) {
        if (paths == null || paths.isEmpty()) {
            throw new PropertyException("", "paths", "paths must name at least one CIFAR binary file");
        }
        if (labelBytes != 1 && labelBytes != 2) {
            throw new PropertyException("", "labelBytes", "labelBytes must be 1 (CIFAR-10) or 2 (CIFAR-100), found "
                    + labelBytes);
        }
        if (labelFilter == null) {
            labelFilter = new ArrayList<>();
        }
    }

    /** One record: the file, its content and the record's position, kept until the subset is drawn. */
    private record Candidate(Path file, byte[] content, int record) {}

    @Override
    protected DecodedImages decode(ImagePreprocessing preprocessing) {
        Set<Integer> wanted = new TreeSet<>(labelFilter);
        Set<Integer> present = new TreeSet<>();
        List<Candidate> candidates = new ArrayList<>();
        int recordBytes = labelBytes + IMAGE_BYTES;
        for (Path file : paths) {
            byte[] content = readChecked(file, recordBytes);
            for (int record = 0; record < content.length / recordBytes; record++) {
                int label = content[record * recordBytes + labelBytes - 1] & 0xFF;
                present.add(label);
                if (wanted.isEmpty() || wanted.contains(label)) {
                    candidates.add(new Candidate(file, content, record));
                }
            }
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("CIFAR files " + paths + ": expected at least one image with a label in"
                    + " labelFilter " + wanted + ", found none (labels present: " + present + ")");
        }
        List<DecodedImage> decoded = new ArrayList<>();
        for (int position : preprocessing.selectSubset(candidates.size())) {
            Candidate c = candidates.get(position);
            byte[] image = planarToHwc(c.content(), c.record() * recordBytes + labelBytes);
            decoded.add(new DecodedImage(image, SHAPE, c.file() + "[" + c.record() + "]"));
        }
        return DecodedImages.of(decoded);
    }

    private static byte[] readChecked(Path file, int recordBytes) {
        try {
            long length = Files.size(file);
            if (length == 0 || length % recordBytes != 0) {
                throw new IllegalArgumentException("CIFAR file " + file + ": expected a positive multiple of the "
                        + recordBytes + "-byte record length, found " + length + " bytes");
            }
            if (length > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("CIFAR file " + file + " is too large to load: " + length
                        + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("CIFAR file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read CIFAR file " + file, e);
        }
    }

    /**
     * Converts one channel-planar 32×32 RGB image to HWC order.
     *
     * @param content the bytes holding the image.
     * @param offset  where the red plane starts.
     * @return the image in HWC order.
     */
    static byte[] planarToHwc(byte[] content, int offset) {
        byte[] hwc = new byte[IMAGE_BYTES];
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < PLANE; p++) {
                hwc[3 * p + c] = content[offset + c * PLANE + p];
            }
        }
        return hwc;
    }

    @Override
    protected List<ResourceFingerprint> fingerprints() {
        return paths.stream().map(ResourceFingerprint::of).toList();
    }

    @Override
    protected String describeInput() {
        return "paths=" + paths + ", labelBytes=" + labelBytes
                + (labelFilter == null || labelFilter.isEmpty() ? "" : ", labelFilter=" + labelFilter);
    }
}
