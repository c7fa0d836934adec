package io.github.flowanomaly.tribuo.experiment;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The host description written into experiment records and benchmark results. */
class HostEnvironmentTest {

    @Test
    void statusFieldsInKilobytesAreReadAsMegabytes() {
        String status = "Name:\tjava\nVmHWM:\t  2097152 kB\nVmRSS:\t 1024 kB\nVmOdd:\t 12 pages\n";
        assertEquals(OptionalDouble.of(2048.0), HostEnvironment.parseMegabytes(status, "VmHWM"));
        assertEquals(OptionalDouble.of(1.0), HostEnvironment.parseMegabytes(status, "VmRSS"));
        assertEquals(OptionalDouble.empty(), HostEnvironment.parseMegabytes(status, "VmPeak"));
        assertEquals(OptionalDouble.empty(), HostEnvironment.parseMegabytes(status, "VmOdd"));
    }

    @Test
    void describesProcessorsVersionsAndCpu() {
        Map<String, Object> env = HostEnvironment.describe();
        assertEquals(Runtime.getRuntime().availableProcessors(), env.get("available_processors"));
        for (String key : new String[]{"max_heap_mb", "os", "java", "tribuo", "tensorflow", "onednn",
                "tensorflow_natives", "cpu"}) {
            assertTrue(env.containsKey(key), "missing " + key + " in " + env);
        }
        assertFalse(HostEnvironment.cpuModel().isBlank());
    }
}
