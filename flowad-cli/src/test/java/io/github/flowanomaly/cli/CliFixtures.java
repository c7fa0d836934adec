package io.github.flowanomaly.cli;

import io.github.flowanomaly.tribuo.data.IdxWriter;
import io.github.flowanomaly.tribuo.data.ImageShape;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** What the command-line tests share: running {@link FlowAd} in process and writing tiny generated IDX files. */
final class CliFixtures {

    private CliFixtures() {}

    /** Exit status and the two output streams of one {@link FlowAd#run} call. */
    record Result(int status, String out, String err) {
    }

    /** Runs {@code flowad} with the arguments in this JVM. */
    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = FlowAd.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Blob images 16x16 with per-pixel noise of the given standard deviation. */
    static byte[][] blobs(int count, long seed, double texture) {
        Random random = new Random(seed);
        byte[][] images = new byte[count][256];
        for (byte[] image : images) {
            double cy = 4 + 8 * random.nextDouble();
            double cx = 4 + 8 * random.nextDouble();
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    double v = 20 + 200 * Math.exp(-((y - cy) * (y - cy) + (x - cx) * (x - cx)) / 18)
                            + texture * random.nextGaussian();
                    image[y * 16 + x] = (byte) Math.max(0, Math.min(255, Math.round(v)));
                }
            }
        }
        return images;
    }

    /** Writes square grey images (side = sqrt of the image length) as an IDX file. */
    static void writeIdx(Path path, byte[][] images) throws IOException {
        int side = (int) Math.round(Math.sqrt(images[0].length));
        IdxWriter.writeImages(path, new ImageShape(side, side, 1), images);
    }

    /**
     * @param maxSteps training steps.
     * @return an OLCUT component named {@code glow}: a GlowTrainer for the 16x16 images of {@link #blobs}, L=2, K=1,
     * hidden 8, batch 32.
     */
    static String tinyGlowTrainer(int maxSteps) {
        return """
                <component name="glow" type="io.github.flowanomaly.tribuo.glow.GlowTrainer">
                    <property name="height" value="16"/>
                    <property name="width" value="16"/>
                    <property name="levels" value="2"/>
                    <property name="stepsPerLevel" value="1"/>
                    <property name="hiddenChannels" value="8"/>
                    <property name="maxSteps" value="%d"/>
                    <property name="batchSize" value="32"/>
                    <property name="initExamples" value="64"/>
                  </component>""".formatted(maxSteps);
    }
}
