package io.github.flowanomaly.tribuo.data;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;

import javax.imageio.ImageIO;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
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
 * Decoding yields {@code channels} channels: grey images keep their grey samples (read from the raster, so no
 * colour-space gamma is applied) and are replicated for 3 channels; colour images are read as sRGB, alpha is dropped,
 * and for 1 channel they are converted with {@link GreyConversion#luma(int, int, int)}. Images of different sizes
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
    protected List<DecodedImage> decode(ImagePreprocessing preprocessing) {
        List<Path> files = imageFiles();
        List<Path> kept = new ArrayList<>();
        List<DecodedImage> decoded = new ArrayList<>();
        for (int position : preprocessing.selectSubset(files.size())) {
            Path file = files.get(position);
            kept.add(file);
            decoded.add(decodeFile(file));
        }
        this.loadedFiles = List.copyOf(kept);
        return decoded;
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
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("Image file " + file + " cannot be decoded as PNG or JPEG: "
                    + e.getMessage(), e);
        }
        if (image == null) {
            throw new IllegalArgumentException("Image file " + file + " cannot be decoded: expected a PNG or JPEG "
                    + "image, found no reader for its content");
        }
        ImageShape shape = new ImageShape(image.getHeight(), image.getWidth(), channels);
        return new DecodedImage(pixels(image, channels), shape, file.toString());
    }

    /**
     * Returns the pixels of an image in HWC order with the given number of channels.
     *
     * @param image    the decoded image.
     * @param channels 1 or 3.
     * @return the uint8 pixels.
     */
    static byte[] pixels(BufferedImage image, int channels) {
        int height = image.getHeight();
        int width = image.getWidth();
        byte[] out = new byte[height * width * channels];
        boolean greyImage = image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        int greyBits = image.getColorModel().getComponentSize(0);
        Raster raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = (y * width + x) * channels;
                if (greyImage) {
                    byte value = (byte) toEightBits(raster.getSample(x, y, 0), greyBits);
                    for (int c = 0; c < channels; c++) {
                        out[p + c] = value;
                    }
                } else {
                    int rgb = image.getRGB(x, y);
                    int red = (rgb >> 16) & 0xFF;
                    int green = (rgb >> 8) & 0xFF;
                    int blue = rgb & 0xFF;
                    if (channels == 1) {
                        out[p] = (byte) GreyConversion.luma(red, green, blue);
                    } else {
                        out[p] = (byte) red;
                        out[p + 1] = (byte) green;
                        out[p + 2] = (byte) blue;
                    }
                }
            }
        }
        return out;
    }

    private static int toEightBits(int sample, int bits) {
        if (bits == 8) {
            return sample;
        }
        return bits > 8 ? sample >> (bits - 8) : Math.round(sample * 255f / ((1 << bits) - 1));
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
