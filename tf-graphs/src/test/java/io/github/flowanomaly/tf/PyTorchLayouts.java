package io.github.flowanomaly.tf;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test helper: converts tensors in the golden reference file's PyTorch layouts (convolutions OIHW, coupling outputs
 * interleaved shift/scale, priors CHW) to this library's (HWIO, shift then scale, HWC). The conversions are
 * permutations, so they apply to gradients as well as to weights.
 */
final class PyTorchLayouts {

    private PyTorchLayouts() {}

    /**
     * The architecture of a golden case.
     *
     * @param config the case's {@code config} object.
     * @return the spec (seed 0: the weights come from the file).
     */
    static GlowSpec spec(JsonNode config) {
        return new GlowSpec(config.get("height").asInt(), config.get("width").asInt(), config.get("channels").asInt(),
                config.get("levels").asInt(), config.get("steps_per_level").asInt(), config.get("hidden").asInt(), 0);
    }

    /**
     * Converts named tensors, each {@code {"shape": [...], "values": [...]}}.
     *
     * @param params the tensors by golden name.
     * @param spec   the architecture (for the prior shapes).
     * @return the tensors under this library's names and layouts.
     */
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
