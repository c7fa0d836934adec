package io.github.flowanomaly.tf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * All weights of a Glow as plain data, by parameter name (e.g. {@code level0.step3.invconv.log_s}), in the order the
 * network creates them. Together with its {@link GlowSpec} this rebuilds a model exactly, e.g. as an inference-only
 * graph.
 * <p>
 * Layouts are TensorFlow's: convolution kernels {@code [kh, kw, in, out]}, per-dimension prior parameters
 * {@code [h, w, c]}.
 */
public final class GlowWeights implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, WeightTensor> tensors;

    /**
     * Creates weights from a map (copied, order kept).
     *
     * @param tensors the weights by name.
     */
    public GlowWeights(Map<String, WeightTensor> tensors) {
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(tensors)));
    }

    /** @return the weights by name, in creation order (unmodifiable). */
    public Map<String, WeightTensor> tensors() {
        return tensors;
    }

    /**
     * Looks up one weight.
     *
     * @param name the parameter name.
     * @return the weight.
     * @throws IllegalArgumentException if there is no such weight.
     */
    public WeightTensor get(String name) {
        WeightTensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("No weight named '" + name + "'");
        }
        return t;
    }

    /** @return the total number of values. */
    public long parameterCount() {
        long n = 0;
        for (WeightTensor t : tensors.values()) {
            n += t.size();
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GlowWeights other && tensors.equals(other.tensors);
    }

    @Override
    public int hashCode() {
        return tensors.hashCode();
    }

    @Override
    public String toString() {
        return "GlowWeights{" + tensors.size() + " tensors, " + parameterCount() + " values}";
    }
}
