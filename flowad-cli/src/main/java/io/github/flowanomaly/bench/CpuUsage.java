package io.github.flowanomaly.bench;

/**
 * How the machine's cores were used during the timed training repeats, as fractions of all CPU time of all cores
 * (from {@code /proc/stat}), and the CPU time this process used. A high idle fraction means the training left cores
 * unused; a high steal fraction means the hypervisor ran other guests on them, which slows any benchmark.
 *
 * @param user              fraction in user mode, any process.
 * @param system            fraction in kernel mode.
 * @param idle              fraction idle.
 * @param steal             fraction stolen by the hypervisor.
 * @param processCpuSeconds CPU seconds of this process ({@code NaN} if unknown).
 */
public record CpuUsage(double user, double system, double idle, double steal, double processCpuSeconds) {

    /** @return usage where the platform does not report it: every value {@code NaN}. */
    public static CpuUsage unknown() {
        return new CpuUsage(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
}
