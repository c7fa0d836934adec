package io.github.flowanomaly.tribuo.data;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import org.tribuo.ConfigurableDataSource;
import org.tribuo.Example;
import org.tribuo.OutputFactory;
import org.tribuo.anomaly.AnomalyFactory;
import org.tribuo.anomaly.Event;
import org.tribuo.provenance.DataSourceProvenance;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.logging.Logger;

/**
 * The shared half of every image source: the role and preprocessing fields, eager loading in {@link #postConfig()},
 * conversion to examples, and provenance.
 * <p>
 * A subclass decodes its images ({@link #decode(ImagePreprocessing)}, which also draws the seeded subset because it
 * knows which images are candidates) and names what it read ({@link #fingerprints()}); this class converts to grey,
 * resizes, checks that every image ends with the same shape and builds one example per image.
 */
public abstract class AbstractImageSource implements ConfigurableDataSource<Event> {

    private static final Logger logger = Logger.getLogger(AbstractImageSource.class.getName());

    @Config(description = "Role of the data set: IN_DISTRIBUTION (EXPECTED events) or OUT_OF_DISTRIBUTION "
            + "(ANOMALOUS events).")
    private DatasetRole role = DatasetRole.IN_DISTRIBUTION;

    @Config(description = "Height to resize every image to with PIL-style bilinear interpolation, 0 keeps the size.")
    private int resizeHeight = 0;

    @Config(description = "Width to resize every image to, 0 keeps the size (must be 0 exactly when resizeHeight is).")
    private int resizeWidth = 0;

    @Config(description = "Convert RGB images to grey with luma 0.2989 R + 0.5870 G + 0.1140 B, rounded.")
    private boolean grey = false;

    @Config(description = "Maximum number of images kept (a seeded random subset), 0 keeps all.")
    private int limit = 0;

    @Config(description = "Seed of the random subset drawn when limit is set.")
    private long seed = ImagePreprocessing.DEFAULT_SEED;

    private ImageStore store;
    private ImageSourceProvenance provenance;

    /** For OLCUT. */
    protected AbstractImageSource() {}

    /**
     * Sets the shared fields; the subclass constructor sets its own fields and then calls {@link #postConfig()}.
     *
     * @param role          the role fixing every example's event.
     * @param preprocessing the preprocessing.
     */
    protected AbstractImageSource(DatasetRole role, ImagePreprocessing preprocessing) {
        this.role = role;
        this.resizeHeight = preprocessing.resizeHeight();
        this.resizeWidth = preprocessing.resizeWidth();
        this.grey = preprocessing.grey();
        this.limit = preprocessing.limit();
        this.seed = preprocessing.seed();
    }

    /**
     * Validates the configuration and loads every image eagerly.
     *
     * @throws PropertyException        if a field is invalid.
     * @throws IllegalArgumentException if a file is missing, malformed or yields no image.
     */
    @Override
    public void postConfig() {
        if (role == null) {
            throw new PropertyException("", "role", "role must be set");
        }
        ImagePreprocessing preprocessing = preprocessing();
        validateFields(preprocessing);
        ImageShape shape;
        int count;
        byte[] pixels;
        // images arrive one at a time and each is written into the store and dropped, so loading holds about one
        // byte per pixel plus the image at hand (decoders that read image by image, like IDX, hold no more)
        try (DecodedImages decoded = decode(preprocessing)) {
            count = decoded.count();
            if (count == 0) {
                throw new IllegalArgumentException("No images to load from " + describeInput());
            }
            DecodedImage first = decoded.next();
            shape = preprocessing.outputShape(first.shape());
            pixels = new byte[Math.multiplyExact(count, shape.pixels())];
            DecodedImage image = first;
            for (int index = 0; index < count; index++) {
                if (index > 0) {
                    image = decoded.next();
                }
                ImageShape outputShape = preprocessing.outputShape(image.shape());
                if (!outputShape.equals(shape)) {
                    throw new IllegalArgumentException("Image " + image.origin() + " has shape " + outputShape
                            + " after preprocessing but " + first.origin() + " has " + shape
                            + "; set resizeHeight and resizeWidth to give every image the same size");
                }
                byte[] transformed = preprocessing.transform(image.pixels(), image.shape());
                System.arraycopy(transformed, 0, pixels, index * shape.pixels(), shape.pixels());
            }
        }
        this.store = new ImageStore(pixels, count, shape);
        this.provenance = new ImageSourceProvenance(this, fingerprints(), count, shape);
        logger.fine(() -> "Loaded " + this);
    }

    /**
     * Validates the subclass's fields, called by {@link #postConfig()} before decoding.
     *
     * @param preprocessing the validated preprocessing.
     * @throws PropertyException if a field is invalid.
     */
    protected abstract void validateFields(ImagePreprocessing preprocessing);

    /**
     * Decodes the candidate images, keeping the subset {@link ImagePreprocessing#selectSubset(int)} chooses.
     *
     * @param preprocessing the preprocessing (only its subset settings apply here).
     * @return the decoded images, in order: read as they are asked for (so that loading never holds all of them at
     *         once), or already decoded ({@link DecodedImages#of}).
     * @throws IllegalArgumentException if the input is malformed or no image is a candidate.
     */
    protected abstract DecodedImages decode(ImagePreprocessing preprocessing);

    /**
     * Fingerprints what {@link #decode(ImagePreprocessing)} read, in documented order.
     *
     * @return the fingerprints.
     */
    protected abstract List<ResourceFingerprint> fingerprints();

    /**
     * Describes the input files for messages and {@link #toString()}.
     *
     * @return a short description.
     */
    protected abstract String describeInput();

    /**
     * Returns the preprocessing configured by the shared fields.
     *
     * @return the preprocessing.
     * @throws PropertyException if the fields are inconsistent.
     */
    public ImagePreprocessing preprocessing() {
        try {
            return new ImagePreprocessing(resizeHeight, resizeWidth, grey, limit, seed);
        } catch (IllegalArgumentException e) {
            String field = limit < 0 ? "limit" : "resizeHeight";
            throw new PropertyException(e, "", field, e.getMessage());
        }
    }

    /**
     * Returns the role fixing every example's event.
     *
     * @return the role.
     */
    public DatasetRole role() {
        return role;
    }

    /**
     * Returns the shape of every image after preprocessing.
     *
     * @return the shape.
     */
    public ImageShape imageShape() {
        return store == null ? null : store.shape();
    }

    /**
     * Returns the number of examples.
     *
     * @return the number of examples.
     */
    public int size() {
        return store == null ? 0 : store.count();
    }

    /**
     * Returns the images, one byte per pixel value (what {@link ImageDataset} trains on without building examples).
     *
     * @return the store (null before {@link #postConfig()}).
     */
    public ImageStore imageStore() {
        return store;
    }

    /**
     * Returns an {@link AnomalyFactory}.
     *
     * @return a new anomaly output factory.
     */
    @Override
    public OutputFactory<Event> getOutputFactory() {
        return new AnomalyFactory();
    }

    /**
     * Returns the examples, in order, each built from the compact store when the iterator reaches it (so iterating
     * costs no memory beyond the store; a {@code MutableDataset} of this source holds dense examples, about 12 bytes
     * per pixel).
     *
     * @return an iterator over the examples.
     */
    @Override
    public Iterator<Example<Event>> iterator() {
        return store == null ? Collections.emptyIterator() : store.examples(role).iterator();
    }

    /**
     * Returns the provenance: configuration, fingerprints of the files read, example count and image shape.
     *
     * @return the provenance.
     */
    @Override
    public DataSourceProvenance getProvenance() {
        return provenance;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + describeInput() + ", role=" + role + ", " + preprocessing()
                + ", examples=" + size() + ", shape=" + imageShape() + ")";
    }
}
