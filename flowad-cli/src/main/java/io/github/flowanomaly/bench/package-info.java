/**
 * A throughput benchmark of the Glow graphs: {@link io.github.flowanomaly.bench.GlowBenchmark} trains and scores a
 * Glow on generated images and reports images per second, GFLOP/s, set-up costs and peak memory, as text or as one
 * JSON object ({@link io.github.flowanomaly.bench.BenchmarkResult#toJson()}).
 * <p>
 * The procedure follows the measurements of the design notes (warm-up steps, then timed repeats, median reported) so
 * that numbers from different machines and settings compare. Benchmarks are not tests: the smoke test only checks
 * that the entry point runs and reports every field.
 */
package io.github.flowanomaly.bench;
