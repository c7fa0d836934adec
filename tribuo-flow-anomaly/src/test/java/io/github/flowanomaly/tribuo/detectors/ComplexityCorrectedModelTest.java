package io.github.flowanomaly.tribuo.detectors;

import io.github.flowanomaly.tf.ImageBatch;
import io.github.flowanomaly.tribuo.data.DatasetRole;
import io.github.flowanomaly.tribuo.glow.GlowModel;
import io.github.flowanomaly.tribuo.glow.SyntheticData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.anomaly.Event;
import org.tribuo.protos.core.ModelProto;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Serrà et al.'s complexity-corrected likelihood: the PNG code length and S = bits/dim − L(x). */
class ComplexityCorrectedModelTest {

    private static GlowModel glow;
    private static ComplexityCorrectedModel model;
    private static MutableDataset<Event> test;

    @BeforeAll
    static void train() {
        MutableDataset<Event> train = SyntheticData.dataset(SyntheticData.blobs(300, 1), DatasetRole.IN_DISTRIBUTION,
                "blobs");
        glow = BackgroundRatioTest.glowTrainer(0, 2).train(train);
        MutableDataset<Event> held = SyntheticData.dataset(SyntheticData.blobs(50, 2), DatasetRole.IN_DISTRIBUTION,
                "held-out blobs");
        model = ComplexityCorrectedModel.of(glow, PngComplexity.DEFAULT, held, 0.95);
        test = SyntheticData.dataset(SyntheticData.blobs(30, 3), DatasetRole.IN_DISTRIBUTION, "test blobs");
    }

    @AfterAll
    static void close() {
        model.close();
        glow.close();
    }

    @Test
    void aConstantImageCompressesToFewerBitsThanNoise() {
        float[] pixels = new float[2 * 256];
        Arrays.fill(pixels, 0, 256, 17);
        Random random = new Random(4);
        for (int i = 256; i < 512; i++) {
            pixels[i] = random.nextInt(256);
        }
        double[] bits = PngComplexity.DEFAULT.bitsPerDim(new ImageBatch(pixels, 2), 16, 16, 1);
        // a 16x16 constant image is mostly PNG headers (about 60 bytes)
        assertTrue(bits[0] < bits[1] / 3, "constant image: " + bits[0] + " bits/dim, noise " + bits[1]);
        assertTrue(bits[1] > 7, "uniform noise is incompressible: " + bits[1] + " bits/dim");
        double[] stored = new PngComplexity(0).bitsPerDim(new ImageBatch(pixels, 2), 16, 16, 1);
        assertTrue(stored[0] > bits[0], "deflate level 0 stores, 9 compresses: " + stored[0] + " vs " + bits[0]);
    }

    @Test
    void scoreIsTheModelsBitsPerDimMinusThePngBitsPerDim() {
        double[] scores = LikelihoodRatioTest.scores(model, test);
        double[] bitsPerDim = LikelihoodRatioTest.scores(glow, test);
        double[][] terms = model.terms(test.getData());
        for (int i = 0; i < scores.length; i++) {
            assertEquals(bitsPerDim[i], terms[i][0], 1e-9, "image " + i);
            assertEquals(terms[i][0] - terms[i][1], scores[i], 1e-9, "image " + i);
            assertTrue(terms[i][1] > 0, "PNG bits/dim");
        }
    }

    @Test
    void protobufAndJavaSerializationGiveIdenticalScores() throws Exception {
        double[] expected = LikelihoodRatioTest.scores(model, test);
        try (ComplexityCorrectedModel loaded = (ComplexityCorrectedModel) Model.deserialize(
                ModelProto.parseFrom(model.serialize().toByteArray()))) {
            assertArrayEquals(expected, LikelihoodRatioTest.scores(loaded, test));
            assertEquals(model.threshold(), loaded.threshold());
            assertEquals(PngComplexity.DEFAULT, loaded.compressor());
        }
        try (ComplexityCorrectedModel copy = JavaSerialization.copy(model, ComplexityCorrectedModel.class)) {
            assertArrayEquals(expected, LikelihoodRatioTest.scores(copy, test));
        }
    }

    @Test
    void provenanceStatesTheCompressor() {
        String provenance = model.getProvenance().toString();
        assertTrue(provenance.contains("PNG (javax.imageio, deflate level 9"), provenance);
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PngComplexity(10));
        assertThrows(IllegalArgumentException.class,
                () -> PngComplexity.DEFAULT.bitsPerDim(new ImageBatch(new float[32], 1), 4, 4, 2));
    }
}
