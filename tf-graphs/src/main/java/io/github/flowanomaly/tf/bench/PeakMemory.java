package io.github.flowanomaly.tf.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * Resident memory of this process as the Linux kernel reports it in {@code /proc/self/status}: the peak
 * ({@code VmHWM}, "high water mark") and the current value ({@code VmRSS}). It counts native memory too, which is
 * where TensorFlow keeps its tensors, so it is the number that matters for sizing a machine; JVM heap statistics
 * would miss most of it.
 */
public final class PeakMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private PeakMemory() {
    }

    /**
     * The peak resident set size of this process so far.
     *
     * @return {@code VmHWM} in MB (2^20 bytes), or empty where {@code /proc/self/status} is unavailable (not Linux).
     */
    public static OptionalDouble peakRssMb() {
        return read("VmHWM");
    }

    /**
     * The current resident set size of this process.
     *
     * @return {@code VmRSS} in MB (2^20 bytes), or empty where {@code /proc/self/status} is unavailable.
     */
    public static OptionalDouble currentRssMb() {
        return read("VmRSS");
    }

    private static OptionalDouble read(String key) {
        try {
            return parseMegabytes(Files.readString(STATUS), key);
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
    }

    /**
     * Finds a {@code key:   1234 kB} line of a {@code /proc/<pid>/status} text.
     *
     * @param status the file's text.
     * @param key    the field, e.g. {@code VmHWM}.
     * @return the value in MB, or empty if the field is missing or not in kB.
     */
    static OptionalDouble parseMegabytes(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key + ":")) {
                String[] parts = line.substring(key.length() + 1).trim().split("\\s+");
                if (parts.length == 2 && parts[1].equals("kB")) {
                    try {
                        return OptionalDouble.of(Long.parseLong(parts[0]) / 1024.0);
                    } catch (NumberFormatException e) {
                        return OptionalDouble.empty();
                    }
                }
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.empty();
    }
}
