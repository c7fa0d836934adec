package io.github.flowanomaly.tribuo.data;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Images from a directory tree of PNG and JPEG files ({@code .png}, {@code .jpg}, {@code .jpeg}, any case), decoded
 * with {@link ImageIO} and read in the order of their relative paths so that loading is deterministic.
 * <p>
 * Decoding ({@link EncodedImages}) yields {@code channels} channels. Images of different sizes
 * need {@code resizeHeight} and {@code resizeWidth}. The single provenance resource is the combined fingerprint of
 * the files kept, in load order.
 */
public final class ImageFolderSource extends AbstractImageSource {

    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

    @Config(mandatory = true, description = "Directory scanned recursively for .png, .jpg and .jpeg files.")
    private Path directory;

    @Config(description = "Channels to decode to: 1 (grey, luma) or 3 (RGB).")
    private int channels = 3;

    private List<Path> loadedFiles = List.of();

    /** For OLCUT. */
    private ImageFolderSource() {}

    /**
     * Loads the images.
     *
     * @param directory     the directory to scan recursively.
     * @param channels      channels to decode to, 1 (grey) or 3 (RGB).
     * @param role          the role fixing every example's event.
     * @param preprocessing subset, grey conversion and resizing (mandatory when image sizes differ).
     * @throws IllegalArgumentException if the directory has no image, a file cannot be decoded or sizes differ
     *                                  without resizing.
     */
    public ImageFolderSource(Path directory, int channels, DatasetRole role, ImagePreprocessing preprocessing) {
        super(role, preprocessing);
        this.directory = directory;
        this.channels = channels;
        postConfig();
    }

    @Override
    protected void validateFields(ImagePreprocessing preprocessing) {
        if (directory == null) {
            throw new PropertyException("", "directory", "directory must be set");
        }
        if (channels != 1 && channels != 3) {
            throw new PropertyException("", "channels", "channels must be 1 or 3, found " + channels);
        }
    }

    @Override
    protected DecodedImages decode(ImagePreprocessing preprocessing) {
        List<Path> files = imageFiles();
        List<Path> kept = new ArrayList<>();
        List<DecodedImage> decoded = new ArrayList<>();
        for (int position : preprocessing.selectSubset(files.size())) {
            Path file = files.get(position);
            kept.add(file);
            decoded.add(decodeFile(file));
        }
        this.loadedFiles = List.copyOf(kept);
        return DecodedImages.of(decoded);
    }

    private List<Path> imageFiles() {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("Image directory " + directory + " does not exist or is not a directory");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile).filter(ImageFolderSource::hasImageExtension)
                    .sorted(Comparator.comparing(this::relativeName)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot scan image directory " + directory, e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("Image directory " + directory + ": expected at least one "
                    + String.join("/", EXTENSIONS) + " file, found none");
        }
        return files;
    }

    private String relativeName(Path file) {
        return directory.relativize(file).toString().replace('\\', '/');
    }

    private static boolean hasImageExtension(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    private DecodedImage decodeFile(Path file) {
        byte[] encoded;
        try {
            encoded = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read image file " + file, e);
        }
        return EncodedImages.decode(encoded, channels, file.toString());
    }

    @Override
    protected List<ResourceFingerprint> fingerprints() {
        return List.of(ResourceFingerprint.combined(loadedFiles));
    }

    @Override
    protected String describeInput() {
        return "directory=" + directory + ", channels=" + channels;
    }
}
