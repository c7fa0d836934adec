package io.github.flowanomaly.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.flowanomaly.cli.FlowAd;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Smoke test of the benchmark entry point on a tiny Glow, and its option handling. No timing assertions. */
class GlowBenchmarkTest {

    private static final String[] TINY = {"--size", "8", "--levels", "2", "--steps", "1", "--hidden", "4",
            "--batch", "4", "--train-steps", "2", "--score-batches", "2", "--score-batch", "4", "--repeats", "1",
            "--warmup", "1", "--intra-threads", "1", "--json"};

    private static final List<String> KEYS = List.of("train_images_per_second", "score_images_per_second",
            "train_repeats", "score_repeats", "peak_rss_mb", "config", "threads", "onednn", "precision",
            "precision_effective", "cpu_bfloat16",
            "forward_gflop_per_image", "train_gflops", "score_gflops", "setup_seconds", "first_step_seconds",
            "tensorflow_version", "java_version", "available_processors", "cpu_model", "load_average",
            "train_cpu", "train_step_profile_ms", "train_step_phases_ms", "train_step_java_ms");

    @Test
    void tinyRunReportsEveryKeyAndPositiveThroughputs() throws Exception {
        BenchmarkResult result = GlowBenchmark.run(BenchmarkConfig.parse(TINY));
        JsonNode json = new ObjectMapper().readTree(result.toJson());
        for (String key : KEYS) {
            assertTrue(json.has(key), "missing " + key + " in " + json);
        }
        assertEquals(KEYS.size(), json.size(), "unexpected keys in " + json);
        assertTrue(json.get("train_images_per_second").asDouble() > 0);
        assertTrue(json.get("score_images_per_second").asDouble() > 0);
        assertTrue(json.get("train_gflops").asDouble() > 0);
        assertEquals(1, json.get("train_repeats").size());
        assertEquals(1, json.get("score_repeats").size());
        assertEquals(8, json.get("config").get("height").asInt());
        assertEquals(4, json.get("config").get("score_batch").asInt());
        assertEquals(1, json.get("threads").get("intra").asInt());
        assertFalse(json.get("tensorflow_version").asText().isBlank());
        assertTrue(json.get("peak_rss_mb").isNull() || json.get("peak_rss_mb").asDouble() > 0);
        JsonNode cpu = json.get("train_cpu");
        if (java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/stat"))) {
            double sum = 0;
            for (String state : List.of("user", "system", "idle", "steal")) {
                double f = cpu.get(state).asDouble();
                assertTrue(f >= 0 && f <= 1, state + " " + cpu);
                sum += f;
            }
            assertTrue(sum <= 1 + 1e-9, cpu.toString());
            assertTrue(cpu.get("process_cpu_seconds_per_image").asDouble() > 0, cpu.toString());
        }
    }

    @Test
    void cpuTimesParseTheProcStatLineAndGiveFractions() {
        CpuTimes a = CpuTimes.parse("cpu  100 10 50 800 20 5 5 10 7 0", 1_000_000_000L).orElseThrow();
        CpuTimes b = CpuTimes.parse("cpu  300 10 70 900 20 5 5 90 9 0", 3_500_000_000L).orElseThrow();
        CpuUsage usage = a.until(b);
        assertEquals(200.0 / 400, usage.user(), 1e-12);
        assertEquals(20.0 / 400, usage.system(), 1e-12);
        assertEquals(100.0 / 400, usage.idle(), 1e-12);
        assertEquals(80.0 / 400, usage.steal(), 1e-12);
        assertEquals(2.5, usage.processCpuSeconds(), 1e-12);
        assertTrue(CpuTimes.parse("intr 1 2 3", 0).isEmpty());
        assertTrue(CpuTimes.parse("cpu 1 2", 0).isEmpty());
    }

    @Test
    void profileReportsKernelsPhasesAndJavaSideTimes() throws Exception {
        String[] args = java.util.Arrays.copyOf(TINY, TINY.length + 1);
        args[TINY.length] = "--profile";
        BenchmarkResult result = GlowBenchmark.run(BenchmarkConfig.parse(args));
        JsonNode json = new ObjectMapper().readTree(result.toJson());
        JsonNode kernels = json.get("train_step_profile_ms");
        assertTrue(kernels.size() > 5, kernels.toString());
        java.util.List<String> names = new java.util.ArrayList<>();
        kernels.fieldNames().forEachRemaining(names::add);
        assertTrue(names.stream().anyMatch(k -> k.contains("Conv2D")), "no convolution kernel in " + names);
        kernels.forEach(ms -> assertTrue(ms.asDouble() >= 0, kernels.toString()));
        JsonNode phases = json.get("train_step_phases_ms");
        for (String phase : List.of("forward", "backward", "update", "other", "traced_run")) {
            assertTrue(phases.has(phase) && phases.get(phase).asDouble() >= 0, phases.toString());
        }
        // a training step spends time in all three parts of the graph, and the gradients are recognised as such
        assertTrue(phases.get("forward").asDouble() > 0 && phases.get("backward").asDouble() > 0
                && phases.get("update").asDouble() > 0, phases.toString());
        double nodes = phases.get("forward").asDouble() + phases.get("backward").asDouble()
                + phases.get("update").asDouble() + phases.get("other").asDouble();
        double kernelSum = 0;
        for (JsonNode ms : kernels) {
            kernelSum += ms.asDouble();
        }
        assertEquals(kernelSum, nodes, 1e-6 * Math.max(1, nodes), "phases and kernels split the same node times");
        JsonNode javaSide = json.get("train_step_java_ms");
        for (String part : List.of("dequantize", "feed", "run")) {
            assertTrue(javaSide.get(part).asDouble() >= 0, javaSide.toString());
        }
        assertTrue(javaSide.get("run").asDouble() > 0, javaSide.toString());
        assertTrue(result.toSummary().contains("traced training step"), result.toSummary());
        JsonNode plain = new ObjectMapper().readTree(GlowBenchmark.run(BenchmarkConfig.parse(TINY)).toJson());
        for (String key : List.of("train_step_profile_ms", "train_step_phases_ms", "train_step_java_ms")) {
            assertEquals(0, plain.get(key).size(), "no profile unless asked for: " + key);
        }
    }

    @Test
    void commandLinePrintsOnlyTheJsonObject() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] args = new String[TINY.length + 1];
        args[0] = "bench";
        System.arraycopy(TINY, 0, args, 1, TINY.length);
        int status = FlowAd.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(0, status);
        String text = out.toString(StandardCharsets.UTF_8).trim();
        assertTrue(new ObjectMapper().readTree(text).isObject());
        assertFalse(text.contains("\n"), text);
    }

    @Test
    void badOptionsThrowNamingTheOption() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchmarkConfig.parse("--bogus"))
                .getMessage().contains("--bogus"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchmarkConfig.parse("--batch", "x"))
                .getMessage().contains("--batch"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchmarkConfig.parse("--repeats"))
                .getMessage().contains("--repeats"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchmarkConfig.parse("--batch", "1"))
                .getMessage().contains("--batch"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchmarkConfig.parse("--size", "12"))
                .getMessage().contains("divisible"));
    }

    @Test
    void badOptionsThroughTheCommandLineExitWithTwoAndNameTheOption() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = FlowAd.run(new String[]{"bench", "--bogus", "1"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("--bogus"), message);
    }

    @Test
    void usageListsTheOptionsAndExitsWithZero() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = FlowAd.run(new String[]{"bench", "--usage"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status);
        String usage = err.toString(StandardCharsets.UTF_8);
        assertTrue(usage.contains("train-steps") && usage.contains("intra-threads") && usage.contains("--json"), usage);
    }

    @Test
    void strayArgumentsAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchmarkConfig.parse("fast"))
                .getMessage().contains("'fast'"));
    }

    @Test
    void defaultsAreTheStandardConfiguration() {
        BenchmarkConfig config = BenchmarkConfig.parse();
        assertEquals(io.github.flowanomaly.tf.GlowSpec.standardGrey32(1), config.spec());
        assertEquals(64, config.batch());
        assertFalse(config.json());
    }

    @Test
    void unknownAndNonFiniteValuesAreJsonNull() throws Exception {
        BenchmarkResult result = new BenchmarkResult(BenchmarkConfig.parse(), List.of(1.5, 2.0), List.of(3.0),
                Double.NaN, 0.5, 1e8, OptionalDouble.empty(), OptionalDouble.of(0.25), "default", "2.16.2",
                "17", 2, "a \"quoted\" CPU", CpuUsage.unknown(), new TrainingProfile(0.5, 0.25, 10.0, Double.NaN,
                java.util.Map.of("Conv2D", 1.0), java.util.Map.of("forward", 1.0)));
        JsonNode json = new ObjectMapper().readTree(result.toJson());
        assertTrue(json.get("setup_seconds").isNull());
        assertTrue(json.get("peak_rss_mb").isNull());
        assertEquals(0.25, json.get("load_average").asDouble());
        assertEquals("a \"quoted\" CPU", json.get("cpu_model").asText());
        assertEquals(2, json.get("train_repeats").size());
        assertEquals(1.75, json.get("train_images_per_second").asDouble());
        assertEquals(1.0, json.get("train_step_profile_ms").get("Conv2D").asDouble());
        assertEquals(1.0, json.get("train_step_phases_ms").get("forward").asDouble());
        assertTrue(json.get("train_step_phases_ms").get("traced_run").isNull());
        assertEquals(0.25, json.get("train_step_java_ms").get("feed").asDouble());
        assertTrue(json.get("train_cpu").get("idle").isNull());
    }

    @Test
    void medianAveragesTheMiddlePairOfAnEvenCount() {
        assertEquals(2.0, BenchmarkResult.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(2.5, BenchmarkResult.median(List.of(4.0, 1.0, 2.0, 3.0)));
    }
}
