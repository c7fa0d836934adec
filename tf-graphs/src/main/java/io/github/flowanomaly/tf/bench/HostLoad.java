package io.github.flowanomaly.tf.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * The machine's load average, recorded with every result because throughput on a shared machine swings by about 2x
 * when another process holds a core.
 */
final class HostLoad {

    private HostLoad() {
    }

    /** @return the one-minute load average (first field of {@code /proc/loadavg}), or empty if unavailable. */
    static OptionalDouble oneMinute() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return OptionalDouble.of(Double.parseDouble(fields[0]));
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
    }
}
