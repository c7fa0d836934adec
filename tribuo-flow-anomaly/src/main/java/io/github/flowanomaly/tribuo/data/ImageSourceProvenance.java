package io.github.flowanomaly.tribuo.data;

import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import com.oracle.labs.mlrg.olcut.provenance.impl.SkeletalConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.DateTimeProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.HashProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import org.tribuo.provenance.DataSourceProvenance;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Provenance of the image sources of this package: their configured fields plus, for every resource read, its
 * SHA-256 digest ({@code resource-hash-i}) and modification time ({@code file-modified-time-i}), the creation time
 * of the source, the number of examples and the image shape after preprocessing.
 * <p>
 * Resources are numbered in the order the source documents (for {@link IdxImageSource}: images, then labels).
 */
public final class ImageSourceProvenance extends SkeletalConfiguredObjectProvenance implements DataSourceProvenance {

    private static final long serialVersionUID = 1L;

    /** Key of the number of examples the source produced. */
    public static final String NUM_EXAMPLES = "num-examples";
    /** Key of the image height after preprocessing. */
    public static final String IMAGE_HEIGHT = "image-height";
    /** Key of the image width after preprocessing. */
    public static final String IMAGE_WIDTH = "image-width";
    /** Key of the number of channels after preprocessing. */
    public static final String IMAGE_CHANNELS = "image-channels";

    private static final Pattern RESOURCE_KEY =
            Pattern.compile("(" + RESOURCE_HASH + "|" + FILE_MODIFIED_TIME + ")-\\d+");
    private static final List<String> FIXED_KEYS =
            List.of(DATASOURCE_CREATION_TIME, NUM_EXAMPLES, IMAGE_HEIGHT, IMAGE_WIDTH, IMAGE_CHANNELS);

    private final Map<String, PrimitiveProvenance<?>> sourceValues;

    ImageSourceProvenance(AbstractImageSource host, List<ResourceFingerprint> resources, int numExamples,
                          ImageShape shape) {
        super(host, "DataSource");
        Map<String, PrimitiveProvenance<?>> values = new TreeMap<>();
        for (int i = 0; i < resources.size(); i++) {
            ResourceFingerprint resource = resources.get(i);
            String hashKey = resourceHashKey(i);
            values.put(hashKey, new HashProvenance(ProvenanceUtil.HashType.SHA256, hashKey, resource.sha256()));
            String timeKey = modifiedTimeKey(i);
            values.put(timeKey, new DateTimeProvenance(timeKey, resource.modifiedTime()));
        }
        values.put(DATASOURCE_CREATION_TIME, new DateTimeProvenance(DATASOURCE_CREATION_TIME, OffsetDateTime.now()));
        values.put(NUM_EXAMPLES, new IntProvenance(NUM_EXAMPLES, numExamples));
        values.put(IMAGE_HEIGHT, new IntProvenance(IMAGE_HEIGHT, shape.height()));
        values.put(IMAGE_WIDTH, new IntProvenance(IMAGE_WIDTH, shape.width()));
        values.put(IMAGE_CHANNELS, new IntProvenance(IMAGE_CHANNELS, shape.channels()));
        this.sourceValues = values;
    }

    /**
     * Rebuilds a provenance from its marshalled form; used by OLCUT's provenance unmarshalling.
     *
     * @param map the provenance entries.
     */
    public ImageSourceProvenance(Map<String, Provenance> map) {
        this(extractProvenanceInfo(map));
    }

    private ImageSourceProvenance(ExtractedInfo info) {
        super(info);
        this.sourceValues = new TreeMap<>(info.instanceValues);
    }

    /**
     * Splits marshalled entries into configured parameters and the instance values this class records.
     *
     * @param map the provenance entries.
     * @return the split entries.
     */
    static ExtractedInfo extractProvenanceInfo(Map<String, Provenance> map) {
        String owner = ImageSourceProvenance.class.getSimpleName();
        Map<String, Provenance> configured = new HashMap<>(map);
        String className = ObjectProvenance.checkAndExtractProvenance(configured, CLASS_NAME,
                StringProvenance.class, owner).getValue();
        String hostShortName = ObjectProvenance.checkAndExtractProvenance(configured, HOST_SHORT_NAME,
                StringProvenance.class, owner).getValue();
        Map<String, PrimitiveProvenance<?>> instance = new HashMap<>();
        for (String key : FIXED_KEYS) {
            instance.put(key, ObjectProvenance.checkAndExtractProvenance(configured, key,
                    PrimitiveProvenance.class, owner));
        }
        for (String key : new ArrayList<>(configured.keySet())) {
            if (RESOURCE_KEY.matcher(key).matches()) {
                instance.put(key, ObjectProvenance.checkAndExtractProvenance(configured, key,
                        PrimitiveProvenance.class, owner));
            }
        }
        return new ExtractedInfo(className, hostShortName, configured, instance);
    }

    /**
     * Returns the key of the SHA-256 digest of resource {@code i}.
     *
     * @param i the resource number.
     * @return the key.
     */
    public static String resourceHashKey(int i) {
        return RESOURCE_HASH + "-" + i;
    }

    /**
     * Returns the key of the modification time of resource {@code i}.
     *
     * @param i the resource number.
     * @return the key.
     */
    public static String modifiedTimeKey(int i) {
        return FILE_MODIFIED_TIME + "-" + i;
    }

    /**
     * Returns the number of examples the source produced.
     *
     * @return the number of examples.
     */
    public int numExamples() {
        return intValue(NUM_EXAMPLES);
    }

    /**
     * Returns the image shape after preprocessing.
     *
     * @return the shape.
     */
    public ImageShape imageShape() {
        return new ImageShape(intValue(IMAGE_HEIGHT), intValue(IMAGE_WIDTH), intValue(IMAGE_CHANNELS));
    }

    /**
     * Returns the hex SHA-256 digest of resource {@code i}.
     *
     * @param i the resource number.
     * @return the digest.
     * @throws IllegalArgumentException if there is no such resource.
     */
    public String resourceHash(int i) {
        PrimitiveProvenance<?> value = sourceValues.get(resourceHashKey(i));
        if (value == null) {
            throw new IllegalArgumentException("No resource " + i + " in " + getClassName() + " provenance");
        }
        return value.getValue().toString();
    }

    private int intValue(String key) {
        return ((IntProvenance) sourceValues.get(key)).getValue();
    }

    @Override
    public Map<String, PrimitiveProvenance<?>> getInstanceValues() {
        Map<String, PrimitiveProvenance<?>> map = super.getInstanceValues();
        map.putAll(sourceValues);
        return map;
    }
}
