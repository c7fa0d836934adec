package io.github.flowanomaly.cli;

import io.github.flowanomaly.bench.BenchmarkConfig;
import io.github.flowanomaly.bench.BenchmarkResult;
import io.github.flowanomaly.bench.GlowBenchmark;

import java.io.PrintStream;

/**
 * {@code flowad bench [--json] [options]}: the Glow training/scoring benchmark of {@code tf-graphs}
 * ({@link GlowBenchmark}); with {@code --json}, stdout holds one JSON object. Options: {@link BenchmarkConfig#parse}
 * ({@code --usage} lists them).
 */
final class BenchCommand {

    private BenchCommand() {}

    static int run(String[] args, PrintStream out) {
        BenchmarkConfig config = BenchmarkConfig.parse(args);
        BenchmarkResult result = GlowBenchmark.run(config);
        out.println(config.json() ? result.toJson() : result.toSummary());
        return 0;
    }
}
