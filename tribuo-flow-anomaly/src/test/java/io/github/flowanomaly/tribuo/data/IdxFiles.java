package io.github.flowanomaly.tribuo.data;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
final class IdxFiles {

    private IdxFiles() {}

    /** Writes an unsigned-byte IDX file with the given dims and payload (which need not match the dims). */
    static Path write(Path file, boolean gzip, int[] dims, byte[] payload) throws IOException {
        return writeRaw(file, gzip, 0x08, dims, payload);
    }

    /** Writes an IDX file with an arbitrary type byte. */
    static Path writeRaw(Path file, boolean gzip, int type, int[] dims, byte[] payload) throws IOException {
        OutputStream raw = Files.newOutputStream(file);
        try (DataOutputStream out = new DataOutputStream(gzip ? new GZIPOutputStream(raw) : raw)) {
            out.writeShort(0);
            out.writeByte(type);
            out.writeByte(dims.length);
            for (int dim : dims) {
                out.writeInt(dim);
            }
            out.write(payload);
        }
        return file;
    }

    /** Returns n images of h x w x c whose value at flat position p of image i is (7 i + p) mod 256. */
    static byte[] pattern(int n, int h, int w, int c) {
        byte[] data = new byte[n * h * w * c];
        int pixels = h * w * c;
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < pixels; p++) {
                data[i * pixels + p] = (byte) ((7 * i + p) % 256);
            }
        }
        return data;
    }
}
