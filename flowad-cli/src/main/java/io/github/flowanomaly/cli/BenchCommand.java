package io.github.flowanomaly.cli;

import io.github.flowanomaly.bench.BenchmarkConfig;
import io.github.flowanomaly.bench.BenchmarkResult;
import io.github.flowanomaly.bench.GlowBenchmark;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code flowad bench [--json] [options]}: the Glow training/scoring benchmark of {@code tf-graphs}
 * ({@link GlowBenchmark}); with {@code --json}, stdout holds one JSON object.
 */
final class BenchCommand {

    private BenchCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (Arrays.asList(args).contains("--usage") || Arrays.asList(args).contains("--help")) {
            err.println(BenchmarkConfig.usage());
            return 0;
        }
        BenchmarkConfig config = BenchmarkConfig.parse(args);
        BenchmarkResult result = GlowBenchmark.run(config);
        out.println(config.json() ? result.toJson() : result.toSummary());
        return 0;
    }
}
