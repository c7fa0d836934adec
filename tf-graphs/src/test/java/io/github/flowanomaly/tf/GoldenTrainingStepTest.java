package io.github.flowanomaly.tf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Agreement with the authors' implementation in training: from the weights of golden case 1, the loss, its gradient
 * for every trainable parameter (with and without the class outlier loss) and the weights after two Adamax steps
 * match what the authors' PyTorch code computes, and so do every ActNorm's parameters after the data-dependent
 * initialisation, on the same inputs ({@code golden/training-step-reference.json},
 * made by {@code tools/training_step_reference.py}).
 */
class GoldenTrainingStepTest {

    /** Relative L2 error allowed per gradient tensor (float32 here, float64 in the reference; measured: ~1e-6). */
    private static final double GRADIENT_TOLERANCE = 1e-4;
    /** Relative L2 error allowed per tensor in the change of the weights over two steps (measured: ~2e-5). */
    private static final double UPDATE_TOLERANCE = 1e-3;

    private static JsonNode golden;
    private static JsonNode reference;
    private static GlowSpec spec;
    private static GlowWeights initial;

    @BeforeAll
    static void load() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        golden = TestData.goldenVectors();
        try (InputStream in = GoldenTrainingStepTest.class.getResourceAsStream(
                "/golden/training-step-reference.json")) {
            assertNotNull(in, "training-step reference missing from the test resources");
            reference = mapper.readTree(in);
        }
        JsonNode testCase = golden.get("cases").get(reference.get("golden_case").asInt());
        spec = PyTorchLayouts.spec(testCase.get("config"));
        initial = PyTorchLayouts.convert(testCase.get("params"), spec);
    }

    @Test
    void lossAndGradientsMatchTheAuthorsCode() {
        try (GlowTrainingSession session = new GlowTrainingSession(spec, TrainingOptions.paperDefaults(),
                ExecutionOptions.defaults(), initial)) {
            GlowTrainingSession.LossGradients result = session.lossGradients(batch("A", false), 8, null, null);
            assertEquals(reference.get("loss_a").asDouble(), result.loss(), 1e-2, "mean NLL of batch A");
            assertClose(reference.get("gradients_a"), result.gradients(), GRADIENT_TOLERANCE, "gradient");
        }
    }

    @Test
    void outlierLossGradientsMatchTheAuthorsCode() {
        JsonNode outlier = reference.get("outlier");
        TrainingOptions options = new TrainingOptions(5e-4, 5e-5, 0, 0, 0, 0.9, 0.999, 1e-8,
                new OutlierLoss(OutlierLoss.Kind.CLASS, outlier.get("weight").asDouble(),
                        outlier.get("temperature").asDouble()));
        float[] general = new float[8];
        for (int i = 0; i < general.length; i++) {
            general[i] = (float) outlier.get("general_log_likelihoods").get(i).asDouble();
        }
        try (GlowTrainingSession session = new GlowTrainingSession(spec, options, ExecutionOptions.defaults(),
                initial)) {
            GlowTrainingSession.LossGradients result = session.lossGradients(batch("A", false), 8,
                    batch("O", false), general);
            assertEquals(reference.get("loss_with_outlier").asDouble(), result.loss(), 1e-2,
                    "NLL + outlier loss");
            assertClose(reference.get("gradients_with_outlier"), result.gradients(), GRADIENT_TOLERANCE,
                    "gradient with the outlier loss");
        }
    }

    @Test
    void twoAdamaxStepsMatchTheAuthorsCode() {
        try (GlowTrainingSession session = new GlowTrainingSession(spec, TrainingOptions.paperDefaults(),
                ExecutionOptions.defaults(), initial)) {
            StepResult first = session.stepOnModelInputs(batch("A", false), 8, null, null);
            StepResult second = session.stepOnModelInputs(batch("B", reference.get("batch_b_reversed").asBoolean()),
                    8, null, null);
            assertTrue(first.applied() && second.applied());
            assertEquals(reference.get("step_losses").get(0).asDouble(), first.loss(), 1e-2, "loss of step 1");
            assertEquals(reference.get("step_losses").get(1).asDouble(), second.loss(), 1e-2, "loss of step 2");
            GlowWeights after = session.exportWeights();
            GlowWeights expected = convert(reference.get("weights_after_two_steps"));
            for (Map.Entry<String, WeightTensor> e : expected.tensors().entrySet()) {
                float[] start = initial.get(e.getKey()).values();
                double[] errorAndNorm = errorAndNorm(after.get(e.getKey()).values(), e.getValue().values(), start);
                assertTrue(errorAndNorm[0] <= UPDATE_TOLERANCE * errorAndNorm[1],
                        "update of " + e.getKey() + ": relative error " + errorAndNorm[0] / errorAndNorm[1]);
            }
        }
    }

    @Test
    void dataDependentInitialisationMatchesTheAuthorsCode() {
        try (GlowTrainingSession session = new GlowTrainingSession(spec, TrainingOptions.paperDefaults(),
                ExecutionOptions.defaults(), initial)) {
            session.initializeFromModelInputs(batch("A", false), 8);
            GlowWeights after = session.exportWeights();
            GlowWeights expected = convert(reference.get("actnorms_after_data_init"));
            assertEquals(6 * spec.levels() * spec.stepsPerLevel() + 2 * spec.levels(), expected.tensors().size(),
                    "ActNorm tensors in the reference");
            for (Map.Entry<String, WeightTensor> e : expected.tensors().entrySet()) {
                float[] want = e.getValue().values();
                float[] got = after.get(e.getKey()).values();
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], got[i], 1e-3 * Math.max(1, Math.abs(want[i])),
                            e.getKey() + "[" + i + "] after the data-dependent initialisation");
                }
            }
        }
    }

    /**
     * One of the reference's batches: the 8 golden images dequantised with the formula-defined offset
     * {@code u = frac((index + 1) * phase)}, {@code x = (v + u)/256 − 0.5}, optionally in reverse image order.
     */
    private static float[] batch(String name, boolean reversed) {
        double phase = reference.get("phases").get(name).asDouble();
        JsonNode images = golden.get("inputs_uint8");
        int n = images.size();
        int d = spec.dimensions();
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            JsonNode image = images.get(reversed ? n - 1 - i : i);
            for (int p = 0; p < d; p++) {
                int index = i * d + p;
                double u = ((index + 1.0) * phase) % 1.0;
                x[index] = (float) ((image.get(p).asInt() + u) / 256.0 - 0.5);
            }
        }
        return x;
    }

    /** The reference's flat tensors with the golden file's shapes, converted to this library's layouts. */
    private static GlowWeights convert(JsonNode flat) {
        JsonNode shapes = golden.get("cases").get(reference.get("golden_case").asInt()).get("params");
        ObjectNode params = new ObjectMapper().createObjectNode();
        flat.fields().forEachRemaining(e -> {
            ObjectNode tensor = params.putObject(e.getKey());
            tensor.set("shape", shapes.get(e.getKey()).get("shape"));
            tensor.set("values", e.getValue());
        });
        return PyTorchLayouts.convert(params, spec);
    }

    private static void assertClose(JsonNode expectedFlat, GlowWeights actual, double tolerance, String what) {
        GlowWeights expected = convert(expectedFlat);
        assertEquals(expected.tensors().keySet(), actual.tensors().keySet(), "trainable parameters");
        for (Map.Entry<String, WeightTensor> e : expected.tensors().entrySet()) {
            double[] errorAndNorm = errorAndNorm(actual.get(e.getKey()).values(), e.getValue().values(), null);
            assertTrue(errorAndNorm[0] <= tolerance * errorAndNorm[1] + 1e-6,
                    what + " of " + e.getKey() + ": relative error " + errorAndNorm[0] / errorAndNorm[1]
                            + " (norm " + errorAndNorm[1] + ")");
        }
    }

    /**
     * The L2 norm of {@code got − want} and of {@code want}, both taken relative to {@code origin} (e.g. the
     * weights before an update) when it is given.
     */
    private static double[] errorAndNorm(float[] got, float[] want, float[] origin) {
        double err = 0;
        double norm = 0;
        for (int i = 0; i < want.length; i++) {
            double base = origin == null ? 0 : origin[i];
            double w = want[i] - base;
            double g = got[i] - base;
            err += (g - w) * (g - w);
            norm += w * w;
        }
        return new double[]{Math.sqrt(err), Math.sqrt(norm)};
    }
}
