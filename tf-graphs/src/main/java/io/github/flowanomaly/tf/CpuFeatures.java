package io.github.flowanomaly.tf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The processor this JVM runs on, as far as precision choices need it: its model name and instruction-set flags
 * (from {@code /proc/cpuinfo} on Linux; unknown elsewhere).
 *
 * @param model the first {@code model name} of {@code /proc/cpuinfo}, or "unknown".
 * @param flags the {@code flags} of the first processor, e.g. {@code avx512_bf16}, {@code amx_bf16}; empty if unknown.
 */
public record CpuFeatures(String model, Set<String> flags) {

    private static final Path CPU_INFO = Path.of("/proc/cpuinfo");
    private static volatile CpuFeatures current;

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if an argument is null.
     */
    public CpuFeatures {
        if (model == null || flags == null) {
            throw new IllegalArgumentException("model and flags must not be null");
        }
        flags = Set.copyOf(flags);
    }

    /**
     * The processor of this machine, read once.
     *
     * @return its features ("unknown" model and no flags where {@code /proc/cpuinfo} cannot be read).
     */
    public static CpuFeatures current() {
        CpuFeatures cached = current;
        if (cached == null) {
            cached = read(CPU_INFO);
            current = cached;
        }
        return cached;
    }

    /**
     * Parses a {@code /proc/cpuinfo} file.
     *
     * @param cpuInfo the file.
     * @return its first processor's model and flags, or unknown if it cannot be read.
     */
    static CpuFeatures read(Path cpuInfo) {
        try {
            return parse(Files.readAllLines(cpuInfo));
        } catch (IOException | RuntimeException e) {
            return new CpuFeatures("unknown", Set.of());
        }
    }

    /**
     * Parses the lines of a {@code /proc/cpuinfo} file.
     *
     * @param lines the lines.
     * @return the first processor's model and flags.
     */
    static CpuFeatures parse(List<String> lines) {
        String model = "unknown";
        Set<String> flags = new TreeSet<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (key.equals("model name") && model.equals("unknown")) {
                model = value;
            } else if (key.equals("flags") && flags.isEmpty()) {
                flags.addAll(Arrays.asList(value.split("\\s+")));
            }
        }
        return new CpuFeatures(model, flags);
    }

    /** @return whether the CPU has bfloat16 arithmetic that oneDNN uses (AVX512_BF16 or AMX-BF16). */
    public boolean hasBfloat16() {
        return flags.contains("avx512_bf16") || flags.contains("amx_bf16");
    }

    /** @return "AMX-BF16", "AVX512_BF16" or "none": the best bfloat16 unit of this CPU. */
    public String bfloat16Unit() {
        if (flags.contains("amx_bf16")) {
            return "AMX-BF16";
        }
        return flags.contains("avx512_bf16") ? "AVX512_BF16" : "none";
    }
}
