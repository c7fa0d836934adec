package io.github.flowanomaly.tf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Agreement with the authors' implementation: the weights of two small Glows from
 * {@code golden/glow-reference-vectors.json} (test resources), converted from PyTorch layouts, give the same per-level
 * log-likelihoods on its 8 inputs (within 1e-2 nats).
 */
class GoldenVectorsTest {

    private static final double TOLERANCE = 1e-2;

    @Test
    void perLevelLogLikelihoodsMatchTheAuthorsCode() throws IOException {
        JsonNode root = TestData.goldenVectors();
        JsonNode inputs = root.get("inputs_uint8");
        int count = inputs.size();
        for (JsonNode testCase : root.get("cases")) {
            GlowSpec spec = PyTorchLayouts.spec(testCase.get("config"));
            float[] pixels = new float[count * spec.dimensions()];
            for (int i = 0; i < count; i++) {
                JsonNode image = inputs.get(i);
                for (int d = 0; d < spec.dimensions(); d++) {
                    pixels[i * spec.dimensions() + d] = image.get(d).asInt();
                }
            }
            GlowWeights weights = PyTorchLayouts.convert(testCase.get("params"), spec);
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
}
