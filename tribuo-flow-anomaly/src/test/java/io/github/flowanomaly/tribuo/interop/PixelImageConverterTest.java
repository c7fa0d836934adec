package io.github.flowanomaly.tribuo.interop;

import io.github.flowanomaly.tribuo.data.PixelFeatures;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat32;
import org.tribuo.anomaly.Event;
import org.tribuo.impl.ListExample;
import org.tribuo.interop.tensorflow.TensorMap;
import org.tribuo.protos.ProtoUtil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** NHWC tensors from pixel-feature examples, absent pixels, scaling and protobuf round trip. */
class PixelImageConverterTest {

    @Test
    void placesPixelsByNameInNhwcOrder() {
        PixelImageConverter converter = new PixelImageConverter("x", 2, 3, 2, PixelImageConverter.Scaling.RAW);
        ListExample<Event> example = new ListExample<>(new Event(Event.EventType.EXPECTED));
        // pixel (h=1, w=2, c=1) -> index (1*3 + 2)*2 + 1 = 11; every other pixel is absent (zero)
        example.add(new org.tribuo.Feature(PixelFeatures.name(11), 200));
        try (TensorMap map = converter.convert(example, null)) {
            TFloat32 t = (TFloat32) map.getMap().get("x");
            assertEquals(4, t.shape().numDimensions());
            assertEquals(200f, t.getFloat(0, 1, 2, 1));
            assertEquals(0f, t.getFloat(0, 1, 2, 0));
        }
        PixelImageConverter model = new PixelImageConverter("x", 2, 3, 2, PixelImageConverter.Scaling.MODEL_SPACE);
        try (TensorMap map = model.convert(example, null)) {
            TFloat32 t = (TFloat32) map.getMap().get("x");
            assertEquals((200f + 0.5f) / 256f - 0.5f, t.getFloat(0, 1, 2, 1));
        }
    }

    @Test
    void rejectsNonPixelFeaturesAndRoundTripsThroughProtobuf() {
        PixelImageConverter converter = new PixelImageConverter("input", 4, 4, 1, PixelImageConverter.Scaling.RAW);
        ListExample<Event> bad = new ListExample<>(new Event(Event.EventType.EXPECTED));
        bad.add(new org.tribuo.Feature("age", 3));
        assertThrows(IllegalArgumentException.class, () -> converter.convert(bad, null));
        assertEquals(converter, ProtoUtil.deserialize(converter.serialize()));
    }

    /**
     * Back-compatibility: the committed version-0 protobuf of a converter still deserializes to the same converter.
     * {@code -Dregenerate.fixtures=<module dir>} rewrites it (only when the format version changes).
     */
    @Test
    void versionZeroFixtureDeserializesToTheSameConverter() throws Exception {
        PixelImageConverter expected = new PixelImageConverter("glow_input", 32, 32, 3,
                PixelImageConverter.Scaling.RAW);
        String regenerate = System.getProperty("regenerate.fixtures");
        if (regenerate != null) {
            java.nio.file.Path dir = java.nio.file.Path.of(regenerate,
                    "src/test/resources/io/github/flowanomaly/tribuo/interop");
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.write(dir.resolve(FIXTURE), expected.serialize().toByteArray());
        }
        try (java.io.InputStream in = getClass().getResourceAsStream(FIXTURE)) {
            org.junit.jupiter.api.Assertions.assertNotNull(in, FIXTURE + " missing from test resources");
            assertEquals(expected, ProtoUtil.deserialize(
                    org.tribuo.interop.tensorflow.protos.FeatureConverterProto.parseFrom(in.readAllBytes())));
        }
    }

    private static final String FIXTURE = "pixel-image-converter-v0.pb";
}
