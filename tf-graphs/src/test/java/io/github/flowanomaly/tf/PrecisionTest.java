package io.github.flowanomaly.tf;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The precision option: how it resolves against CPU flags, that bfloat16 coupling networks compute the same model as
 * float32 within a stated tolerance, and that asking for bfloat16 on a CPU without it changes nothing.
 */
class PrecisionTest {

    /**
     * Largest per-level log-likelihood difference (nats), bfloat16 coupling networks against float32, on the golden
     * vectors' two Glows, whose levels score 270-870 nats per image. Measured on a Sapphire Rapids Xeon (AMX-BF16):
     * at most 0.064 nats (1e-4 relative); bfloat16 keeps 8 significant bits of the coupling networks' activations.
     */
    static final double BF16_TOLERANCE_NATS = 0.25;

    private static final CpuFeatures WITH_AMX = new CpuFeatures("test", Set.of("avx512f", "amx_bf16"));
    private static final CpuFeatures WITH_AVX512_BF16 = new CpuFeatures("test", Set.of("avx512_bf16"));
    private static final CpuFeatures WITHOUT = new CpuFeatures("test", Set.of("avx2", "fma"));

    @Test
    void autoPicksBfloat16OnlyWhereTheCpuHasIt() {
        assertEquals(Precision.BF16_COUPLING, Precision.AUTO.resolve(WITH_AMX));
        assertEquals(Precision.BF16_COUPLING, Precision.AUTO.resolve(WITH_AVX512_BF16));
        assertEquals(Precision.FP32, Precision.AUTO.resolve(WITHOUT));
        assertEquals(Precision.FP32, Precision.FP32.resolve(WITH_AMX));
    }

    @Test
    void bfloat16OnACpuWithoutItFallsBackToFloat32WithALoggedReason() {
        Logger logger = Logger.getLogger(Precision.class.getName());
        List<LogRecord> records = new java.util.ArrayList<>();
        Handler handler = new Handler() {
            @Override public void publish(LogRecord record) { records.add(record); }
            @Override public void flush() {}
            @Override public void close() {}
        };
        logger.addHandler(handler);
        try {
            assertEquals(Precision.FP32, Precision.BF16_COUPLING.resolve(WITHOUT));
        } finally {
            logger.removeHandler(handler);
        }
        assertEquals(1, records.size());
        assertTrue(records.get(0).getMessage().contains("AVX512_BF16"), records.get(0).getMessage());
        assertEquals(Precision.BF16_COUPLING, Precision.BF16_COUPLING.resolve(WITH_AMX));
    }

    @Test
    void cpuInfoFlagsAreParsed() {
        CpuFeatures cpu = CpuFeatures.parse(List.of("processor\t: 0", "model name\t: Some Xeon",
                "flags\t\t: fpu avx512f avx512_bf16 amx_tile", "", "processor\t: 1", "model name\t: Other",
                "flags\t\t: fpu"));
        assertEquals("Some Xeon", cpu.model());
        assertTrue(cpu.hasBfloat16());
        assertEquals("AVX512_BF16", cpu.bfloat16Unit());
        assertFalse(CpuFeatures.parse(List.of("garbage")).hasBfloat16());
        assertEquals("unknown", CpuFeatures.read(java.nio.file.Path.of("/no/such/cpuinfo")).model());
    }

    @Test
    void namesParseAndBadNamesAreRejected() {
        assertEquals(Precision.BF16_COUPLING, Precision.parse("bf16_coupling"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Precision.parse("fp16"));
        assertTrue(e.getMessage().contains("FP32, BF16_COUPLING, AUTO"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ExecutionOptions(1, 1, false, null));
    }

    @Test
    void bfloat16CouplingNetworksScoreTheGoldenGlowsWithinTheToleranceOfFloat32() throws IOException {
        JsonNode root = TestData.goldenVectors();
        JsonNode inputs = root.get("inputs_uint8");
        int count = inputs.size();
        ExecutionOptions fp32 = ExecutionOptions.defaults();
        ExecutionOptions bf16 = fp32.withPrecision(Precision.BF16_COUPLING);
        for (JsonNode testCase : root.get("cases")) {
            GlowSpec spec = PyTorchLayouts.spec(testCase.get("config"));
            float[] pixels = new float[count * spec.dimensions()];
            for (int i = 0; i < count; i++) {
                for (int d = 0; d < spec.dimensions(); d++) {
                    pixels[i * spec.dimensions() + d] = inputs.get(i).get(d).asInt();
                }
            }
            GlowWeights weights = PyTorchLayouts.convert(testCase.get("params"), spec);
            ImageBatch batch = new ImageBatch(pixels, count);
            try (GlowScoringSession reference = new GlowScoringSession(spec, weights, fp32, 64);
                 GlowScoringSession mixed = new GlowScoringSession(spec, weights, bf16, 64)) {
                LevelScores expected = reference.score(batch);
                LevelScores actual = mixed.score(batch);
                if (mixed.precision() == Precision.FP32) {
                    // no bfloat16 on this CPU: the fallback is the float32 graph, bit for bit
                    assertArrayEquals(expected.logLikelihoods(), actual.logLikelihoods());
                    continue;
                }
                for (int i = 0; i < count; i++) {
                    for (int level = 0; level < spec.levels(); level++) {
                        double e = expected.levelLogLikelihood(i, level);
                        assertEquals(e, actual.levelLogLikelihood(i, level),
                                BF16_TOLERANCE_NATS,
                                "image " + i + " level " + level + " of " + spec);
                    }
                }
            }
        }
    }
}
