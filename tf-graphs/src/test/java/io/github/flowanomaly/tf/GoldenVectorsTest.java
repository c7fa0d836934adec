package io.github.flowanomaly.tf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Agreement with the authors' implementation: the weights of two small Glows from
 * {@code $FLOW_DATA_DIR/golden/glow-reference-vectors.json}, converted from PyTorch layouts, give the same per-level
 * log-likelihoods on its 8 inputs (within 1e-2 nats).
 */
class GoldenVectorsTest {

    private static final double TOLERANCE = 1e-2;

    @Test
    void perLevelLogLikelihoodsMatchTheAuthorsCode() throws IOException {
        Path file = TestData.dataDirectory().map(d -> d.resolve("golden/glow-reference-vectors.json"))
                .filter(Files::isRegularFile).orElse(null);
        assumeTrue(file != null, "golden vectors not found: set FLOW_DATA_DIR to the shared data directory");
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        JsonNode inputs = root.get("inputs_uint8");
        int count = inputs.size();
        for (JsonNode testCase : root.get("cases")) {
            JsonNode config = testCase.get("config");
            GlowSpec spec = new GlowSpec(config.get("height").asInt(), config.get("width").asInt(),
                    config.get("channels").asInt(), config.get("levels").asInt(),
                    config.get("steps_per_level").asInt(), config.get("hidden").asInt(), 0);
            float[] pixels = new float[count * spec.dimensions()];
            for (int i = 0; i < count; i++) {
                JsonNode image = inputs.get(i);
                for (int d = 0; d < spec.dimensions(); d++) {
                    pixels[i * spec.dimensions() + d] = image.get(d).asInt();
                }
            }
            GlowWeights weights = PyTorchWeights.convert(testCase.get("params"), spec);
            JsonNode expected = testCase.get("outputs").get("level_log_likelihood");
            try (GlowScoringSession session = new GlowScoringSession(spec, weights,
                    ExecutionOptions.defaults(), 64)) {
                LevelScores scores = session.score(new ImageBatch(pixels, count));
                for (int i = 0; i < count; i++) {
                    for (int level = 0; level < spec.levels(); level++) {
                        assertEquals(expected.get(i).get(level).asDouble(), scores.levelLogLikelihood(i, level),
                                TOLERANCE, "image " + i + " level " + level + " of " + spec);
                    }
                    assertEquals(testCase.get("outputs").get("bits_per_dim").get(i).asDouble(),
                            scores.bitsPerDim(i), 1e-5);
                }
            }
        }
    }

    /** Converts the reference file's PyTorch layouts to this library's. */
    static final class PyTorchWeights {

        private PyTorchWeights() {}

        static GlowWeights convert(JsonNode params, GlowSpec spec) {
            Map<String, WeightTensor> out = new LinkedHashMap<>();
            params.fields().forEachRemaining(e -> {
                String name = e.getKey();
                long[] shape = shape(e.getValue().get("shape"));
                float[] values = values(e.getValue().get("values"));
                if (name.endsWith(".weight_OIHW")) {
                    String base = name.substring(0, name.length() - "_OIHW".length());
                    WeightTensor hwio = oihwToHwio(shape, values);
                    out.put(base, name.contains("conv3") ? permuteOutputs(hwio) : hwio);
                } else if (name.endsWith("_chw")) {
                    int level = Integer.parseInt(name.substring("level".length(), name.indexOf('.')));
                    int[] s = spec.priorShape(level);
                    out.put(name.substring(0, name.length() - "_chw".length()), chwToHwc(values, s));
                } else if (name.contains("conv3.")) {
                    out.put(name, permuteVector(values));
                } else {
                    out.put(name, new WeightTensor(shape, values));
                }
            });
            return new GlowWeights(out);
        }

        private static WeightTensor oihwToHwio(long[] oihw, float[] v) {
            int o = (int) oihw[0], i = (int) oihw[1], h = (int) oihw[2], w = (int) oihw[3];
            float[] out = new float[v.length];
            for (int a = 0; a < o; a++) {
                for (int b = 0; b < i; b++) {
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            out[((y * w + x) * i + b) * o + a] = v[((a * i + b) * h + y) * w + x];
                        }
                    }
                }
            }
            return new WeightTensor(new long[]{h, w, i, o}, out);
        }

        /** Authors: shift = even outputs, raw = odd; here: shift = first half, raw = second half. */
        private static int sourceChannel(int target, int channels) {
            int half = channels / 2;
            return target < half ? 2 * target : 2 * (target - half) + 1;
        }

        private static WeightTensor permuteOutputs(WeightTensor hwio) {
            long[] s = hwio.shape();
            int outs = (int) s[3];
            float[] v = hwio.values();
            float[] out = new float[v.length];
            for (int base = 0; base < v.length; base += outs) {
                for (int o = 0; o < outs; o++) {
                    out[base + o] = v[base + sourceChannel(o, outs)];
                }
            }
            return new WeightTensor(s, out);
        }

        private static WeightTensor permuteVector(float[] v) {
            float[] out = new float[v.length];
            for (int o = 0; o < v.length; o++) {
                out[o] = v[sourceChannel(o, v.length)];
            }
            return new WeightTensor(new long[]{v.length}, out);
        }

        private static WeightTensor chwToHwc(float[] v, int[] hwc) {
            int h = hwc[0], w = hwc[1], c = hwc[2];
            float[] out = new float[v.length];
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        out[(y * w + x) * c + ch] = v[(ch * h + y) * w + x];
                    }
                }
            }
            return new WeightTensor(new long[]{h, w, c}, out);
        }

        private static long[] shape(JsonNode node) {
            long[] s = new long[node.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = node.get(i).asLong();
            }
            return s;
        }

        private static float[] values(JsonNode node) {
            float[] v = new float[node.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) node.get(i).asDouble();
            }
            return v;
        }
    }
}
