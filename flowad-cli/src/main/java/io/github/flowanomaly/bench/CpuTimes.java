package io.github.flowanomaly.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of the machine's CPU time by state (the {@code cpu} line of Linux's {@code /proc/stat}, in clock ticks)
 * and of this process's CPU time, to tell how a timed interval used the cores: how much was left idle and how much
 * the hypervisor took (steal) while the benchmark waited.
 *
 * @param user              ticks in user mode (including nice).
 * @param system            ticks in kernel mode (including interrupts).
 * @param idle              ticks idle (including I/O wait).
 * @param steal             ticks stolen by the hypervisor.
 * @param total             all ticks.
 * @param processCpuNanos   CPU time of this process, or -1 where the JVM does not tell.
 */
record CpuTimes(long user, long system, long idle, long steal, long total, long processCpuNanos) {

    private static final Path STAT = Path.of("/proc/stat");

    /** @return the current snapshot; empty where {@code /proc/stat} cannot be read (not Linux). */
    static Optional<CpuTimes> now() {
        long process = currentProcessCpuNanos();
        try {
            List<String> lines = Files.readAllLines(STAT);
            return lines.isEmpty() ? Optional.empty() : parse(lines.get(0), process);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Parses a {@code cpu  user nice system idle iowait irq softirq steal ...} line.
     *
     * @param line            the line.
     * @param processCpuNanos the process's CPU time, or -1.
     * @return the snapshot, or empty if the line is not a {@code cpu} line with at least eight numbers.
     */
    static Optional<CpuTimes> parse(String line, long processCpuNanos) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 9 || !f[0].equals("cpu")) {
            return Optional.empty();
        }
        long[] v = new long[f.length - 1];
        for (int i = 0; i < v.length; i++) {
            v[i] = Long.parseLong(f[i + 1]);
        }
        long total = 0;
        for (int i = 0; i < Math.min(8, v.length); i++) {
            total += v[i]; // guest times (fields 9, 10) are already counted in user and nice
        }
        return Optional.of(new CpuTimes(v[0] + v[1], v[2] + v[5] + v[6], v[3] + v[4], v[7], total, processCpuNanos));
    }

    private static long currentProcessCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /**
     * How the machine's cores were used between two snapshots.
     *
     * @param later the later snapshot.
     * @return fractions of all CPU time (user, system, idle, steal) and this process's CPU seconds.
     */
    CpuUsage until(CpuTimes later) {
        double ticks = Math.max(1, later.total - total);
        double processSeconds = processCpuNanos >= 0 && later.processCpuNanos >= 0
                ? (later.processCpuNanos - processCpuNanos) / 1e9 : Double.NaN;
        return new CpuUsage((later.user - user) / ticks, (later.system - system) / ticks, (later.idle - idle) / ticks,
                (later.steal - steal) / ticks, processSeconds);
    }
}
