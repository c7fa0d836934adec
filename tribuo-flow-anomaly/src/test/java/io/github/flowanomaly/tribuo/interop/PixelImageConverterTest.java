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
}
