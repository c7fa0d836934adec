package io.github.flowanomaly.bench;

import io.github.flowanomaly.tf.StepProfile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a training step's time goes ({@code flowad bench --profile}): the Java side and the session run of untraced
 * steps (medians), and TensorFlow's node times of traced steps (means) per kernel type and per phase.
 *
 * @param dequantizeMillis median milliseconds of dequantisation noise per untraced step.
 * @param feedMillis       median milliseconds of feed tensor creation per untraced step.
 * @param runMillis        median milliseconds of the session run per untraced step.
 * @param tracedRunMillis  mean milliseconds of a traced session run (tracing adds overhead).
 * @param kernelMillis     mean node milliseconds per kernel type of a traced step, largest first.
 * @param phaseMillis      mean node milliseconds per phase (forward, backward, update, other) of a traced step.
 */
public record TrainingProfile(double dequantizeMillis, double feedMillis, double runMillis, double tracedRunMillis,
                              Map<String, Double> kernelMillis, Map<String, Double> phaseMillis) {

    /** Copies the maps, keeping their order. */
    public TrainingProfile {
        kernelMillis = Collections.unmodifiableMap(new LinkedHashMap<>(kernelMillis));
        phaseMillis = Collections.unmodifiableMap(new LinkedHashMap<>(phaseMillis));
    }

    /** @return the profile of a run that did not profile: no times. */
    public static TrainingProfile none() {
        return new TrainingProfile(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Map.of(), Map.of());
    }

    /**
     * Summarises profiled steps.
     *
     * @param untraced steps run without tracing (Java-side and run times), at least one.
     * @param traced   traced steps (node times), at least one.
     * @return the profile.
     * @throws IllegalArgumentException if a list is empty or the traced list holds an untraced step.
     */
    public static TrainingProfile of(List<StepProfile> untraced, List<StepProfile> traced) {
        if (untraced.isEmpty() || traced.isEmpty()) {
            throw new IllegalArgumentException("Need at least one untraced and one traced step, found "
                    + untraced.size() + " and " + traced.size());
        }
        Map<String, Double> kernels = new HashMap<>();
        Map<String, Double> phases = new LinkedHashMap<>();
        double tracedRun = 0;
        for (StepProfile step : traced) {
            if (!step.traced()) {
                throw new IllegalArgumentException("An untraced step has no node times");
            }
            step.kernelMillis().forEach((k, ms) -> kernels.merge(k, ms / traced.size(), Double::sum));
            step.phaseMillis().forEach((p, ms) -> phases.merge(p, ms / traced.size(), Double::sum));
            tracedRun += step.runMillis() / traced.size();
        }
        Map<String, Double> sorted = new LinkedHashMap<>();
        kernels.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return new TrainingProfile(median(untraced, StepProfile::dequantizeMillis),
                median(untraced, StepProfile::feedMillis), median(untraced, StepProfile::runMillis), tracedRun,
                sorted, phases);
    }

    /** @return whether this holds no measurements ({@link #none()}). */
    public boolean isEmpty() {
        return kernelMillis.isEmpty();
    }

    /** @return the sum of the traced node times per step. */
    public double nodeMillis() {
        return phaseMillis.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static double median(List<StepProfile> steps, java.util.function.ToDoubleFunction<StepProfile> time) {
        List<Double> values = new ArrayList<>();
        steps.forEach(s -> values.add(time.applyAsDouble(s)));
        return BenchmarkResult.median(values);
    }
}
