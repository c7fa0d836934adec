package io.github.flowanomaly.tribuo.data;

import io.github.flowanomaly.tribuo.impl.Permutations;
import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import io.github.flowanomaly.tf.CounterSeeds;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.anomaly.Event;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic out-of-distribution set made from the images of another source ({@link SyntheticTransform}): shuffled
 * patches (seeded, independently per image) or outlines. A validation OOD set that needs no second data set.
 */
public final class SyntheticOodSource extends AbstractImageSource {

    @Config(mandatory = true, description = "The images to transform (after its own preprocessing).")
    private AbstractImageSource source;
    @Config(description = "The transform: SHUFFLED_PATCHES or OUTLINE.")
    private SyntheticTransform transform = SyntheticTransform.SHUFFLED_PATCHES;
    @Config(description = "Side of the square patches of SHUFFLED_PATCHES in pixels; must divide height and width.")
    private int patchSize = 8;
    @Config(description = "Seed of the patch permutations.")
    private long shuffleSeed = 20201102;

    /** For OLCUT. */
    private SyntheticOodSource() {}

    /**
     * Creates the source (no further preprocessing).
     *
     * @param source      the images to transform.
     * @param transform   the transform.
     * @param patchSize   side of the square patches (SHUFFLED_PATCHES).
     * @param shuffleSeed seed of the permutations (SHUFFLED_PATCHES).
     * @param role        the role of the examples.
     */
    public SyntheticOodSource(AbstractImageSource source, SyntheticTransform transform, int patchSize,
                              long shuffleSeed, DatasetRole role) {
        super(role, ImagePreprocessing.NONE);
        this.source = source;
        this.transform = transform;
        this.patchSize = patchSize;
        this.shuffleSeed = shuffleSeed;
        postConfig();
    }

    @Override
    protected void validateFields(ImagePreprocessing preprocessing) {
        if (transform == null) {
            throw new PropertyException("", "transform", "transform must be SHUFFLED_PATCHES or OUTLINE");
        }
        if (transform != SyntheticTransform.SHUFFLED_PATCHES) {
            return;
        }
        ImageShape shape = source.imageShape();
        if (patchSize <= 0 || shape.height() % patchSize != 0 || shape.width() % patchSize != 0) {
            throw new PropertyException("", "patchSize", "patchSize must be positive and divide the images' "
                    + shape.height() + "x" + shape.width() + ", found " + patchSize);
        }
    }

    @Override
    protected DecodedImages decode(ImagePreprocessing preprocessing) {
        ImageShape shape = source.imageShape();
        int[] kept = preprocessing.selectSubset(source.size());
        List<Example<Event>> all = new ArrayList<>(source.size());
        source.forEach(all::add);
        List<DecodedImage> out = new ArrayList<>(kept.length);
        for (int position : kept) {
            byte[] pixels = pixels(all.get(position), shape);
            byte[] changed = switch (transform) {
                case SHUFFLED_PATCHES -> shuffle(pixels, shape, patchSize,
                        new SplittableRandom(CounterSeeds.of(shuffleSeed, position)));
                case OUTLINE -> outline(pixels, shape);
            };
            out.add(new DecodedImage(changed, shape, transform + " of image " + position));
        }
        return DecodedImages.of(out);
    }

    private static byte[] pixels(Example<Event> example, ImageShape shape) {
        byte[] pixels = new byte[shape.pixels()];
        for (Feature f : example) {
            pixels[PixelFeatures.pixelIndex(f.getName())] = (byte) Math.round(f.getValue());
        }
        return pixels;
    }

    /**
     * Permutes the square patches of one image.
     *
     * @param pixels the image, HWC.
     * @param shape  its shape.
     * @param patch  the patch side.
     * @param rng    the permutation's random source.
     * @return the shuffled image.
     */
    static byte[] shuffle(byte[] pixels, ImageShape shape, int patch, SplittableRandom rng) {
        int rows = shape.height() / patch;
        int cols = shape.width() / patch;
        int[] order = Permutations.of(rows * cols, rng);
        int c = shape.channels();
        byte[] out = new byte[pixels.length];
        for (int target = 0; target < order.length; target++) {
            int ty = target / cols * patch;
            int tx = target % cols * patch;
            int sy = order[target] / cols * patch;
            int sx = order[target] % cols * patch;
            for (int y = 0; y < patch; y++) {
                System.arraycopy(pixels, ((sy + y) * shape.width() + sx) * c, out,
                        ((ty + y) * shape.width() + tx) * c, patch * c);
            }
        }
        return out;
    }

    /**
     * The morphological gradient of one image: per pixel and channel, the maximum minus the minimum over its 3x3
     * neighbourhood (clipped at the border).
     *
     * @param pixels the image, HWC.
     * @param shape  its shape.
     * @return the outline image.
     */
    static byte[] outline(byte[] pixels, ImageShape shape) {
        int h = shape.height();
        int w = shape.width();
        int c = shape.channels();
        byte[] out = new byte[pixels.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int k = 0; k < c; k++) {
                    int max = 0;
                    int min = 255;
                    for (int yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
                        for (int xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
                            int v = pixels[(yy * w + xx) * c + k] & 0xFF;
                            max = Math.max(max, v);
                            min = Math.min(min, v);
                        }
                    }
                    out[(y * w + x) * c + k] = (byte) (max - min);
                }
            }
        }
        return out;
    }

    @Override
    protected List<ResourceFingerprint> fingerprints() {
        return source.fingerprints();
    }

    @Override
    protected String describeInput() {
        return (transform == SyntheticTransform.OUTLINE ? "outlines"
                : "shuffled " + patchSize + "x" + patchSize + " patches") + " of " + source.describeInput();
    }
}
