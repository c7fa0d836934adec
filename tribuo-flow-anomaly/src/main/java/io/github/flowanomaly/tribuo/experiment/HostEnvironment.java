package io.github.flowanomaly.tribuo.experiment;

import io.github.flowanomaly.tf.TensorFlowRuntime;
import org.tribuo.Tribuo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What a measurement ran on: processors, heap, JVM, library versions, the CPU model, the machine's load and this
 * process's resident memory. Experiment records and benchmark results carry it, because throughput (and so what a
 * time budget buys) depends on the CPU and swings by about 2x when another process holds a core. The CPU, load and
 * memory come from Linux's {@code /proc}; elsewhere they are unknown.
 */
public final class HostEnvironment {

    private static final Path CPU_INFO = Path.of("/proc/cpuinfo");
    private static final Path LOAD_AVERAGE = Path.of("/proc/loadavg");
    private static final Path STATUS = Path.of("/proc/self/status");

    private HostEnvironment() {
    }

    /**
     * The environment as a JSON-ready map: {@code available_processors}, {@code max_heap_mb}, {@code os},
     * {@code java}, {@code tribuo}, {@code tensorflow}, {@code onednn}, {@code tensorflow_natives}, {@code cpu} and
     * {@code peak_rss_mb} (this process so far, if known).
     *
     * @return the values, "unknown" (or absent numbers) where the platform does not tell.
     */
    public static Map<String, Object> describe() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("available_processors", Runtime.getRuntime().availableProcessors());
        env.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        env.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        env.put("tribuo", Tribuo.VERSION);
        env.put("tensorflow", TensorFlowRuntime.version());
        env.put("onednn", TensorFlowRuntime.oneDnnSetting());
        env.put("tensorflow_natives", TensorFlowRuntime.nativeBuild());
        env.put("cpu", cpuModel());
        peakRssMb().ifPresent(rss -> env.put("peak_rss_mb", Math.round(rss)));
        return env;
    }

    /** @return the first {@code model name} of {@code /proc/cpuinfo}, or "unknown". */
    public static String cpuModel() {
        try {
            return Files.readAllLines(CPU_INFO).stream()
                    .filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** @return the one-minute load average (first field of {@code /proc/loadavg}), or empty if unavailable. */
    public static OptionalDouble loadAverage() {
        try {
            String[] fields = Files.readString(LOAD_AVERAGE).trim().split("\\s+");
            return OptionalDouble.of(Double.parseDouble(fields[0]));
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
    }

    /**
     * The peak resident set size of this process so far ({@code VmHWM}). It counts native memory too, where
     * TensorFlow keeps its tensors, so it is the number that sizes a machine; JVM heap statistics miss most of it.
     *
     * @return MB (2^20 bytes), or empty where {@code /proc/self/status} is unavailable.
     */
    public static OptionalDouble peakRssMb() {
        return readStatus("VmHWM");
    }

    /** @return the current resident set size of this process ({@code VmRSS}) in MB, or empty if unavailable. */
    public static OptionalDouble currentRssMb() {
        return readStatus("VmRSS");
    }

    private static OptionalDouble readStatus(String key) {
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
