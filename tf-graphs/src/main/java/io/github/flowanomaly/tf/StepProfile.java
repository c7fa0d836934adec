package io.github.flowanomaly.tf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one training step's wall time went, for performance work ({@link GlowTrainingSession#profileStep}).
 * <p>
 * The Java side: {@link #dequantizeMillis} (uniform noise over the batch), {@link #feedMillis} (copying the inputs
 * into TensorFlow tensors) and {@link #runMillis} (the session run, fetches included). With tracing, TensorFlow's
 * node times are added up by kernel type ({@link #kernelMillis}, largest first) and by the part of the graph a node
 * belongs to ({@link #phaseMillis}: {@code forward} for the loss, {@code backward} for the gradients, {@code update}
 * for the Adamax update, {@code other} for nodes that graph rewriting created); tracing itself slows the run.
 *
 * @param dequantizeMillis milliseconds of dequantisation noise.
 * @param feedMillis       milliseconds of tensor creation for the feeds.
 * @param runMillis        milliseconds of the session run.
 * @param traced           whether the run was traced (the maps are empty otherwise).
 * @param kernelMillis     node milliseconds per kernel type after graph rewriting, largest first.
 * @param phaseMillis      node milliseconds per phase ({@code forward}, {@code backward}, {@code update},
 *                         {@code other}).
 */
public record StepProfile(double dequantizeMillis, double feedMillis, double runMillis, boolean traced,
                          Map<String, Double> kernelMillis, Map<String, Double> phaseMillis) {

    /**
     * Copies the maps.
     *
     * @throws IllegalArgumentException if a time is negative or not finite.
     */
    public StepProfile {
        for (double ms : new double[]{dequantizeMillis, feedMillis, runMillis}) {
            if (!(ms >= 0 && Double.isFinite(ms))) {
                throw new IllegalArgumentException("Step times must be finite and >= 0, found " + ms);
            }
        }
        kernelMillis = Collections.unmodifiableMap(new LinkedHashMap<>(kernelMillis));
        phaseMillis = Collections.unmodifiableMap(new LinkedHashMap<>(phaseMillis));
    }

    /** @return the sum of the traced node times (0 without tracing). */
    public double nodeMillis() {
        return phaseMillis.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
