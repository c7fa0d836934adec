package io.github.flowanomaly.tf;

import java.util.Arrays;

/**
 * One named weight as plain data.
 *
 * @param shape  the shape.
 * @param values the values, row-major.
 */
public record WeightTensor(long[] shape, float[] values) implements java.io.Serializable {

    /**
     * Validates that the shape matches the number of values and copies both arrays.
     *
     * @throws IllegalArgumentException if the shape's element count differs from the number of values.
     */
    public WeightTensor {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("Negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " needs " + n + " values, found "
                    + values.length);
        }
        shape = shape.clone();
        values = values.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    /** @return the number of values. */
    public int size() {
        return values.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightTensor other && Arrays.equals(shape, other.shape)
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "WeightTensor" + Arrays.toString(shape);
    }
}
