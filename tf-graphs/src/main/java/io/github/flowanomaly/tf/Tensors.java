package io.github.flowanomaly.tf;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Copies between Java arrays and float32 tensors.
 */
final class Tensors {

    private Tensors() {}

    static TFloat32 of(float[] values, long... shape) {
        return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
    }

    static float[] read(Tensor tensor) {
        TFloat32 t = (TFloat32) tensor;
        float[] out = new float[Math.toIntExact(t.shape().size())];
        t.copyTo(DataBuffers.of(out, false, false));
        return out;
    }

    static float scalar(Tensor tensor) {
        return ((TFloat32) tensor).getFloat();
    }

    static boolean bool(Tensor tensor) {
        return ((TBool) tensor).getBoolean();
    }
}
