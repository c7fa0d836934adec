package io.github.flowanomaly.tribuo.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;

/** Times and logs the phases of an experiment run, in order, for its record's {@code timings_seconds}. */
final class PhaseTimer {

    private static final Logger logger = Logger.getLogger(PhaseTimer.class.getName());

    private final Map<String, Double> seconds = new LinkedHashMap<>();

    /**
     * Runs a phase, logging its start and end and keeping its wall time.
     *
     * @param phase the phase's name in the record.
     * @param work  the work.
     * @param <T>   its result type.
     * @return its result.
     */
    <T> T timed(String phase, Supplier<T> work) {
        logger.info("Starting: " + phase);
        long t = System.nanoTime();
        T value = work.get();
        double elapsed = (System.nanoTime() - t) / 1e9;
        seconds.put(phase, elapsed);
        logger.info(String.format(Locale.ROOT, "Finished: %s (%.1f s)", phase, elapsed));
        return value;
    }

    /**
     * Records a time measured elsewhere (e.g. the whole run).
     *
     * @param phase   the name.
     * @param elapsed seconds.
     */
    void put(String phase, double elapsed) {
        seconds.put(phase, elapsed);
    }

    /** @return the phases' wall times in seconds, in the order they ran. */
    Map<String, Double> seconds() {
        return Collections.unmodifiableMap(seconds);
    }
}
