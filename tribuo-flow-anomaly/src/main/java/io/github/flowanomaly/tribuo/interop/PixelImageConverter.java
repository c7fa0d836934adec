package io.github.flowanomaly.tribuo.interop;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import io.github.flowanomaly.tf.Dequantization;
import io.github.flowanomaly.tribuo.glow.PixelMapper;
import io.github.flowanomaly.tribuo.protos.PixelImageConverterProto;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.anomaly.Event;
import org.tribuo.interop.tensorflow.FeatureConverter;
import org.tribuo.interop.tensorflow.TensorMap;
import org.tribuo.interop.tensorflow.protos.FeatureConverterProto;
import org.tribuo.math.la.SGDVector;

import java.util.List;
import java.util.Set;

/**
 * A Tribuo-TensorFlow {@link FeatureConverter} for images whose features follow this library's pixel naming
 * ({@code px-NNNNNN}, see {@code PixelFeatures}): produces NHWC float tensors {@code [N, height, width, channels]}.
 * <p>
 * Unlike Tribuo's {@code ImageConverter}, which is width-first and places pixels by feature id (so it breaks when a
 * pixel is zero in every training image, or names are not zero-padded), this converter parses every pixel's position
 * from its feature name; absent pixels are 0. Values are either the raw pixel values or the Glow's model space
 * ({@code (v + 0.5)/256 − 0.5}).
 */
public final class PixelImageConverter implements FeatureConverter {

    private static final long serialVersionUID = 1L;

    /** The protobuf serialization version. */
    public static final int CURRENT_VERSION = 0;

    /** How pixel values are written into the tensor. */
    public enum Scaling {
        /** The raw pixel values in [0, 255]. */
        RAW,
        /** The Glow's bin-centre model space {@code (v + 0.5)/256 − 0.5}. */
        MODEL_SPACE
    }

    @Config(mandatory = true, description = "Name of the graph's input placeholder.")
    private String inputName;
    @Config(mandatory = true, description = "Image height.")
    private int height;
    @Config(mandatory = true, description = "Image width.")
    private int width;
    @Config(description = "Image channels.")
    private int channels = 1;
    @Config(description = "How pixel values are scaled.")
    private Scaling scaling = Scaling.RAW;

    /** For OLCUT. */
    private PixelImageConverter() {}

    /**
     * Creates a converter.
     *
     * @param inputName the graph's input placeholder name.
     * @param height    image height.
     * @param width     image width.
     * @param channels  image channels.
     * @param scaling   how pixel values are scaled.
     */
    public PixelImageConverter(String inputName, int height, int width, int channels, Scaling scaling) {
        this.inputName = inputName;
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.scaling = scaling;
        postConfig();
    }

    @Override
    public void postConfig() {
        if (inputName == null || inputName.isBlank()) {
            throw new PropertyException("", "inputName", "inputName must be set");
        }
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new PropertyException("", "height", "height, width and channels must be positive, found "
                    + height + "x" + width + "x" + channels);
        }
        if (scaling == null) {
            throw new PropertyException("", "scaling", "scaling must be set");
        }
    }

    @Override
    public TensorMap convert(Example<?> example, ImmutableFeatureMap featureIDMap) {
        return convert(List.of(example), featureIDMap);
    }

    @Override
    @SuppressWarnings("unchecked")
    public TensorMap convert(List<? extends Example<?>> examples, ImmutableFeatureMap featureIDMap) {
        // Tribuo's sparse convention for a general-purpose converter: absent pixels are zero
        PixelMapper mapper = new PixelMapper(height, width, channels, false);
        float[] pixels = new float[examples.size() * mapper.dimensions()];
        for (int i = 0; i < examples.size(); i++) {
            mapper.write((Example<Event>) examples.get(i), i, pixels, i * mapper.dimensions());
        }
        return tensor(pixels, examples.size());
    }

    /**
     * Converts feature vectors whose indices are pixel indices (the feature ids of a complete, dense pixel feature
     * map, whose zero-padded names sort in pixel order).
     *
     * @param vector the vector.
     * @return the tensor.
     */
    @Override
    public TensorMap convert(SGDVector vector) {
        return convert(List.of(vector));
    }

    @Override
    public TensorMap convert(List<? extends SGDVector> vectors) {
        int d = height * width * channels;
        float[] pixels = new float[vectors.size() * d];
        for (int i = 0; i < vectors.size(); i++) {
            SGDVector v = vectors.get(i);
            if (v.size() != d) {
                throw new IllegalArgumentException("Vector " + i + " has " + v.size() + " elements, expected " + d
                        + " pixels of a " + height + "x" + width + "x" + channels + " image");
            }
            double[] values = v.toArray();
            for (int j = 0; j < d; j++) {
                pixels[i * d + j] = (float) values[j];
            }
        }
        return tensor(pixels, vectors.size());
    }

    private TensorMap tensor(float[] pixels, int count) {
        float[] values = pixels;
        if (scaling == Scaling.MODEL_SPACE) {
            values = new float[pixels.length];
            Dequantization.binCentre(pixels, values);
        }
        TFloat32 t = TFloat32.tensorOf(Shape.of(count, height, width, channels), DataBuffers.of(values, true, false));
        return new TensorMap(inputName, t);
    }

    @Override
    public Set<String> inputNamesSet() {
        return Set.of(inputName);
    }

    @Override
    public FeatureConverterProto serialize() {
        PixelImageConverterProto data = PixelImageConverterProto.newBuilder().setInputName(inputName)
                .setHeight(height).setWidth(width).setChannels(channels).setScaling(scaling.name()).build();
        return FeatureConverterProto.newBuilder().setVersion(CURRENT_VERSION)
                .setClassName(PixelImageConverter.class.getName()).setSerializedData(Any.pack(data)).build();
    }

    /**
     * Deserialization factory used by Tribuo's protobuf loading.
     *
     * @param version   the serialized version.
     * @param className the class name.
     * @param message   the serialized data.
     * @return the converter.
     * @throws InvalidProtocolBufferException if the message is not a {@link PixelImageConverterProto}.
     */
    public static PixelImageConverter deserializeFromProto(int version, String className, Any message)
            throws InvalidProtocolBufferException {
        if (version < 0 || version > CURRENT_VERSION) {
            throw new IllegalArgumentException("Unknown PixelImageConverter version " + version);
        }
        PixelImageConverterProto p = message.unpack(PixelImageConverterProto.class);
        return new PixelImageConverter(p.getInputName(), p.getHeight(), p.getWidth(), p.getChannels(),
                Scaling.valueOf(p.getScaling()));
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "FeatureConverter");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PixelImageConverter other && inputName.equals(other.inputName)
                && height == other.height && width == other.width && channels == other.channels
                && scaling == other.scaling;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(inputName, height, width, channels, scaling);
    }

    @Override
    public String toString() {
        return "PixelImageConverter(inputName=" + inputName + ", " + height + "x" + width + "x" + channels
                + ", scaling=" + scaling + ")";
    }
}
