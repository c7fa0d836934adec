package io.github.flowanomaly.tribuo.data;

import org.tribuo.DataSource;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableDataset;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableDataset;
import org.tribuo.MutableFeatureMap;
import org.tribuo.MutableOutputInfo;
import org.tribuo.anomaly.AnomalyFactory;
import org.tribuo.anomaly.Event;
import org.tribuo.protos.core.DatasetProto;
import org.tribuo.provenance.DataProvenance;

import java.io.Serial;
import java.util.Iterator;
import java.util.List;

/**
 * A Tribuo dataset of images that holds one byte per pixel value ({@link ImageStore}) instead of dense examples
 * (about 12 bytes per pixel): this library's trainers read its pixels directly, and every other reader gets
 * examples built on demand ({@link #getExample(int)}, {@link #getData()}, iteration), identical to those of the image
 * source. Its feature map and output info are those a {@code MutableDataset} of the same images computes, so a model
 * trained on it equals one trained on the {@code MutableDataset}.
 * <p>
 * The images stay in source order: {@link #shuffle(boolean)} is not supported (copy into a {@code MutableDataset}
 * to shuffle). Serialization writes the examples, as an {@link ImmutableDataset}.
 */
public final class ImageDataset extends ImmutableDataset<Event> {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient ImageStore store;
    private final transient DatasetRole role;

    /**
     * The images of an image source (its store is shared, not copied).
     *
     * @param source a configured image source.
     */
    public ImageDataset(AbstractImageSource source) {
        this(source.imageStore(), source.role(), source.getProvenance());
    }

    /**
     * Images with the provenance of where they came from.
     *
     * @param store      the images.
     * @param role       the role fixing every example's event.
     * @param provenance the provenance of the images' source.
     */
    public ImageDataset(ImageStore store, DatasetRole role, DataProvenance provenance) {
        super(provenance, new AnomalyFactory(), featureMap(store), outputInfo(store.count(), role));
        this.store = store;
        this.role = role;
    }

    /**
     * The dataset a trainer of this library should be given for a data source: an {@code ImageDataset} (one byte per
     * pixel value) for this library's image sources, a {@code MutableDataset} for any other source.
     *
     * @param source the source.
     * @return the dataset.
     */
    public static Dataset<Event> of(DataSource<Event> source) {
        return source instanceof AbstractImageSource images ? new ImageDataset(images) : new MutableDataset<>(source);
    }

    /** The feature map a MutableDataset builds from these images: every pixel value observed once per image. */
    private static ImmutableFeatureMap featureMap(ImageStore store) {
        MutableFeatureMap map = new MutableFeatureMap();
        String[] names = store.featureNames();
        int d = names.length;
        float[] values = new float[d];
        for (int image = 0; image < store.count(); image++) {
            store.writeFloats(image, values, 0);
            for (int i = 0; i < d; i++) {
                map.add(names[i], values[i]);
            }
        }
        return new ImmutableFeatureMap(map);
    }

    private static ImmutableOutputInfo<Event> outputInfo(int count, DatasetRole role) {
        MutableOutputInfo<Event> info = new AnomalyFactory().generateInfo();
        for (int i = 0; i < count; i++) {
            info.observe(role.newEvent());
        }
        return info.generateImmutableOutputInfo();
    }

    /** @return the images (shared, not a copy). */
    public ImageStore imageStore() {
        return store;
    }

    /** @return the role fixing every example's event. */
    public DatasetRole role() {
        return role;
    }

    @Override
    public int size() {
        return store.count();
    }

    /**
     * Builds the example of one image (a new object on every call).
     *
     * @param index the image.
     * @return its dense example.
     */
    @Override
    public Example<Event> getExample(int index) {
        if (index < 0 || index >= store.count()) {
            throw new IllegalArgumentException("Example index " + index + " is out of range [0, " + store.count()
                    + ")");
        }
        return store.examples(role).get(index);
    }

    /** @return an unmodifiable list view whose elements are built when read. */
    @Override
    public List<Example<Event>> getData() {
        return store.examples(role);
    }

    @Override
    public synchronized Iterator<Example<Event>> iterator() {
        return getData().iterator();
    }

    /**
     * Not supported: the images stay in source order.
     *
     * @param reset ignored.
     * @throws UnsupportedOperationException always.
     */
    @Override
    public synchronized void shuffle(boolean reset) {
        throw new UnsupportedOperationException("ImageDataset keeps its images in source order; copy it into a "
                + "MutableDataset to shuffle");
    }

    /** @return the examples as an ordinary ImmutableDataset (dense examples, about 12 bytes per pixel). */
    public ImmutableDataset<Event> toDense() {
        return new ImmutableDataset<>(getData(), getSourceProvenance(), getOutputFactory(), getFeatureIDMap(),
                getOutputIDInfo(), false);
    }

    @Override
    public DatasetProto serialize() {
        return toDense().serialize();
    }

    @Serial
    private Object writeReplace() {
        return toDense();
    }

    @Override
    public String toString() {
        return "ImageDataset(" + store.count() + " images of " + store.shape() + ", role=" + role + ", source="
                + getSourceDescription() + ")";
    }
}
