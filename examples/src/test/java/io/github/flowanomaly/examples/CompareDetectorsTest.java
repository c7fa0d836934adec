package io.github.flowanomaly.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Smoke test of the CompareDetectors example on tiny generated IDX files. */
class CompareDetectorsTest {

    @Test
    void printsOneEvaluationPerDetector(@TempDir Path dir) throws IOException {
        Path train = writeIdx(dir.resolve("train.idx"), 200, 1, 25);
        Path test = writeIdx(dir.resolve("test.idx"), 40, 2, 25);
        Path ood = writeIdx(dir.resolve("ood.idx"), 40, 3, 1);
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            CompareDetectors.main(new String[]{train.toString(), test.toString(), ood.toString(), "16", "3"});
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("Raw likelihood") && out.contains("Last scale") && out.contains("One-class SVM"),
                out);
        assertTrue(out.contains("AUROC"), out);
    }

    private static Path writeIdx(Path path, int count, long seed, double texture) throws IOException {
        Random random = new Random(seed);
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(path))) {
            out.writeInt(0x00000803);
            out.writeInt(count);
            out.writeInt(16);
            out.writeInt(16);
            for (int n = 0; n < count; n++) {
                double cy = 4 + 8 * random.nextDouble();
                double cx = 4 + 8 * random.nextDouble();
                for (int y = 0; y < 16; y++) {
                    for (int x = 0; x < 16; x++) {
                        double v = 20 + 200 * Math.exp(-((y - cy) * (y - cy) + (x - cx) * (x - cx)) / 18)
                                + texture * random.nextGaussian();
                        out.write((int) Math.max(0, Math.min(255, Math.round(v))));
                    }
                }
            }
        }
        return path;
    }
}
