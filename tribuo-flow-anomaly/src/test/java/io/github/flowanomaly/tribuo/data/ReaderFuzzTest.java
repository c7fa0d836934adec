package io.github.flowanomaly.tribuo.data;

import com.oracle.labs.mlrg.olcut.config.PropertyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fuzz-style input hardening: truncated, corrupted, oversized-header and random files fed to the IDX and image-folder
 * readers either load or fail with a clear exception: never an OutOfMemoryError, another error type, or a hang.
 */
class ReaderFuzzTest {

    @Test
    @Timeout(60)
    void idxReaderFailsCleanlyOnMutatedFiles(@TempDir Path dir) throws IOException {
        byte[] valid = validIdx();
        byte[] gz = gzip(valid);
        Random random = new Random(7);
        int failures = 0;
        for (int trial = 0; trial < 300; trial++) {
            byte[] base = trial % 2 == 0 ? valid : gz;
            byte[] mutated = mutate(base, random, trial);
            Path file = dir.resolve("fuzz-" + trial + ".idx");
            Files.write(file, mutated);
            failures += loadOrFailCleanly(() -> new IdxImageSource(file, null, List.of(),
                    DatasetRole.IN_DISTRIBUTION, ImagePreprocessing.NONE, ImageRange.ALL), file);
        }
        assertTrue(failures > 100, "most mutations should be rejected, rejected " + failures);
    }

    @Test
    @Timeout(60)
    void oversizedHeaderIsRejectedBeforeAllocating(@TempDir Path dir) throws IOException {
        for (int[] dims : new int[][]{{Integer.MAX_VALUE, 28, 28}, {1 << 20, 1 << 10, 1 << 10}, {-5, 28, 28}}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(0x00000803);
                for (int d : dims) {
                    out.writeInt(d);
                }
                out.write(new byte[100]);
            }
            for (byte[] content : List.of(bytes.toByteArray(), gzip(bytes.toByteArray()))) {
                Path file = dir.resolve("big-" + Arrays.toString(dims).hashCode() + "-" + content.length + ".idx");
                Files.write(file, content);
                assertTrue(loadOrFailCleanly(() -> new IdxImageSource(file, null, List.of(),
                        DatasetRole.IN_DISTRIBUTION, ImagePreprocessing.NONE, ImageRange.ALL), file) == 1,
                        "header " + Arrays.toString(dims) + " must be rejected");
            }
        }
    }

    @Test
    @Timeout(60)
    void imageFolderFailsCleanlyOnRandomFiles(@TempDir Path dir) throws IOException {
        Random random = new Random(3);
        for (int trial = 0; trial < 30; trial++) {
            Path folder = Files.createDirectories(dir.resolve("f" + trial));
            byte[] junk = new byte[random.nextInt(2000)];
            random.nextBytes(junk);
            if (trial % 3 == 0 && junk.length > 8) {
                // a PNG signature followed by garbage
                System.arraycopy(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, junk, 0, 8);
            }
            Files.write(folder.resolve("image.png"), junk);
            Path f = folder;
            loadOrFailCleanly(() -> new ImageFolderSource(f, 1, DatasetRole.IN_DISTRIBUTION,
                    ImagePreprocessing.NONE.withResize(8, 8)), folder);
        }
    }

    /** Returns 1 if loading failed with a clear exception, 0 if it loaded; fails the test otherwise. */
    private static int loadOrFailCleanly(ThrowingLoad load, Path file) {
        try {
            load.run();
            return 0;
        } catch (IllegalArgumentException | PropertyException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "empty message for " + file);
            return 1;
        } catch (Throwable t) {
            fail("Reading " + file + " threw " + t);
            return -1;
        }
    }

    @FunctionalInterface
    interface ThrowingLoad {
        void run() throws Exception;
    }

    private static byte[] mutate(byte[] base, Random random, int trial) {
        byte[] out;
        switch (trial % 4) {
            case 0 -> out = Arrays.copyOf(base, random.nextInt(base.length)); // truncated
            case 1 -> {
                out = base.clone();
                for (int i = 0; i < 1 + random.nextInt(4); i++) {
                    out[random.nextInt(Math.min(out.length, 24))] = (byte) random.nextInt(256); // header bytes
                }
            }
            case 2 -> {
                out = base.clone();
                out[random.nextInt(out.length)] = (byte) random.nextInt(256); // anywhere
            }
            default -> {
                out = new byte[random.nextInt(400)];
                random.nextBytes(out); // garbage
            }
        }
        return out;
    }

    private static byte[] validIdx() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x00000803);
            out.writeInt(5);
            out.writeInt(4);
            out.writeInt(4);
            for (int i = 0; i < 80; i++) {
                out.write(i * 3);
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }
}
