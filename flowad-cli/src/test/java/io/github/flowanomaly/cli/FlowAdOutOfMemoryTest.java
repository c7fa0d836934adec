package io.github.flowanomaly.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.github.flowanomaly.cli.CliFixtures.blobs;
import static io.github.flowanomaly.cli.CliFixtures.writeIdx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code flowad train} in a JVM whose heap cannot hold the training images ends with advice (the heap it had, the
 * option to raise), not a stack trace. Runs flowad in a child JVM with a 32 MB heap and 200,000 16x16 images (51 MB
 * at one byte per pixel: more than the heap holds even in the compact one-byte-per-pixel training store).
 */
class FlowAdOutOfMemoryTest {

    @TempDir
    Path dir;

    @Test
    void trainingOnMoreImagesThanTheHeapHoldsPrintsAdviceInsteadOfAStackTrace() throws Exception {
        writeIdx(dir.resolve("many.idx"), blobs(200_000, 5, 30));
        Path config = dir.resolve("config.xml");
        Files.writeString(config, """
                <?xml version="1.0" encoding="UTF-8"?>
                <config>
                  %s
                  <component name="many" type="io.github.flowanomaly.tribuo.data.IdxImageSource">
                    <property name="imagesPath" value="%s"/>
                    <property name="role" value="IN_DISTRIBUTION"/>
                  </component>
                </config>
                """.formatted(CliFixtures.tinyGlowTrainer(3), dir.resolve("many.idx")));
        Path stderr = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-cp", System.getProperty("java.class.path"), FlowAd.class.getName(), "train",
                "-c", config.toString(), "--trainer", "glow", "--data", "many", "--out",
                dir.resolve("model.tribuo").toString(), "--quiet")
                .redirectError(stderr.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "flowad train did not end");
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        assertEquals(1, process.exitValue(), err);
        assertTrue(err.contains("flowad train ran out of memory: the Java heap is limited to"), err);
        assertTrue(err.contains("FLOWAD_JAVA_OPTS=\"-Xmx2g\""), err);
        assertFalse(err.contains("\tat "), "no stack trace expected: " + err);
        assertFalse(Files.exists(dir.resolve("model.tribuo")), "no model file after a failed run");
    }

    @Test
    void adviceSuggestsTwiceTheHeapRoundedUpToWholeGigabytes() throws IOException {
        String advice = OutOfMemoryAdvice.message("experiment", 3L << 30);
        assertTrue(advice.contains("limited to 3072 MB"), advice);
        assertTrue(advice.contains("-Xmx6g"), advice);
        assertTrue(advice.contains("./flowad experiment"), advice);
    }
}
