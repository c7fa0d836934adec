package io.github.flowanomaly.tribuo.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads unsigned-byte IDX files (the MNIST format), plain or gzip-compressed (detected by the gzip magic bytes).
 * <p>
 * A header is checked against the file before anything is allocated: a plain file must be exactly as long as its
 * header declares, and a gzip file cannot declare more than deflate's maximum expansion of its compressed length.
 * The payload of a gzip file is then read into a buffer that grows only as data arrives, so a corrupt header can
 * never cause an {@link OutOfMemoryError}.
 */
final class IdxReader {

    /** The IDX type byte of unsigned bytes, the only one accepted. */
    static final int UNSIGNED_BYTE = 0x08;

    /** Deflate cannot expand data by more than about 1032:1; the margin covers tiny files. */
    private static final long MAX_DEFLATE_RATIO = 1032L;
    private static final long GZIP_SLACK_BYTES = 1 << 16;
    private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;
    private static final int INITIAL_BUFFER = 1 << 20;

    /**
     * The contents of an IDX file.
     *
     * @param dims the dimension sizes, outermost first.
     * @param data the values in row-major order.
     */
    record IdxArray(int[] dims, byte[] data) {}

    private IdxReader() {}

    /**
     * Reads an unsigned-byte IDX file.
     *
     * @param file        the file.
     * @param allowedDims the accepted numbers of dimensions.
     * @return the dimensions and data.
     * @throws IllegalArgumentException if the file is missing or malformed; the message names the file, what was
     *                                  expected and what was found.
     */
    static IdxArray read(Path file, int... allowedDims) {
        try {
            long fileLength = Files.size(file);
            try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                boolean gzip = isGzip(raw);
                InputStream payload = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
                return read(file, fileLength, gzip, new DataInputStream(payload), allowedDims);
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("IDX file " + file + " does not exist", e);
        } catch (ZipException e) {
            throw new IllegalArgumentException("IDX file " + file + " starts like gzip but is not valid gzip data: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read IDX file " + file, e);
        }
    }

    private static boolean isGzip(InputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b;
    }

    private static IdxArray read(Path file, long fileLength, boolean gzip, DataInputStream in, int[] allowedDims)
            throws IOException {
        int[] dims = readHeader(file, in, allowedDims);
        long declared = 1;
        for (int dim : dims) {
            declared *= dim;
            if (declared > MAX_ARRAY_LENGTH) {
                throw new IllegalArgumentException("IDX file " + file + ": header dimensions " + Arrays.toString(dims)
                        + " declare more than " + MAX_ARRAY_LENGTH + " bytes, which cannot be loaded");
            }
        }
        long headerLength = 4L + 4L * dims.length;
        if (!gzip && fileLength - headerLength != declared) {
            throw new IllegalArgumentException("IDX file " + file + ": header dimensions " + Arrays.toString(dims)
                    + " expect " + declared + " payload bytes, found " + (fileLength - headerLength)
                    + " (file length " + fileLength + ")");
        }
        if (gzip && declared > fileLength * MAX_DEFLATE_RATIO + GZIP_SLACK_BYTES) {
            throw new IllegalArgumentException("IDX file " + file + ": header dimensions " + Arrays.toString(dims)
                    + " expect " + declared + " payload bytes, but " + fileLength
                    + " gzip-compressed bytes cannot hold more than " + fileLength * MAX_DEFLATE_RATIO);
        }
        // a plain file's length was checked against the header, so its payload array can have the declared size at
        // once (no doubling copies while loading); a gzip stream may still lie, so its buffer grows as data arrives
        int initial = gzip ? (int) Math.min(declared, INITIAL_BUFFER) : (int) declared;
        byte[] data = readPayload(file, in, (int) declared, initial, dims);
        if (in.read() != -1) {
            throw new IllegalArgumentException("IDX file " + file + ": header dimensions " + Arrays.toString(dims)
                    + " expect " + declared + " payload bytes, found more data after them");
        }
        return new IdxArray(dims, data);
    }

    private static int[] readHeader(Path file, DataInputStream in, int[] allowedDims) throws IOException {
        byte[] magic = new byte[4];
        try {
            in.readFully(magic);
        } catch (EOFException e) {
            throw new IllegalArgumentException("IDX file " + file + " is too short: expected a 4-byte header", e);
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "IDX file %s: expected magic bytes 0x00 0x00, found 0x%02x 0x%02x", file, magic[0], magic[1]));
        }
        if (magic[2] != UNSIGNED_BYTE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "IDX file %s: expected data type 0x08 (unsigned byte), found 0x%02x", file, magic[2]));
        }
        int ndim = magic[3] & 0xFF;
        if (Arrays.stream(allowedDims).noneMatch(d -> d == ndim)) {
            throw new IllegalArgumentException("IDX file " + file + ": expected " + describe(allowedDims)
                    + " dimensions, found " + ndim);
        }
        int[] dims = new int[ndim];
        try {
            for (int i = 0; i < ndim; i++) {
                dims[i] = in.readInt();
            }
        } catch (EOFException e) {
            throw new IllegalArgumentException("IDX file " + file + " is truncated: expected " + ndim
                    + " dimension sizes in the header", e);
        }
        for (int dim : dims) {
            if (dim < 1) {
                throw new IllegalArgumentException("IDX file " + file + ": expected positive dimension sizes, found "
                        + Arrays.toString(dims));
            }
        }
        return dims;
    }

    private static byte[] readPayload(Path file, InputStream in, int declared, int initial, int[] dims)
            throws IOException {
        byte[] buffer = new byte[initial];
        int filled = 0;
        try {
            while (filled < declared) {
                if (filled == buffer.length) {
                    buffer = Arrays.copyOf(buffer, (int) Math.min(declared, 2L * buffer.length));
                }
                int read = in.read(buffer, filled, buffer.length - filled);
                if (read < 0) {
                    break;
                }
                filled += read;
            }
        } catch (EOFException e) {
            // a truncated gzip stream ends this way; reported below with the byte count
        }
        if (filled < declared) {
            throw new IllegalArgumentException("IDX file " + file + " is truncated: header dimensions "
                    + Arrays.toString(dims) + " expect " + declared + " payload bytes, found " + filled);
        }
        return buffer;
    }

    private static String describe(int[] allowedDims) {
        return Arrays.stream(allowedDims).mapToObj(Integer::toString)
                .reduce((a, b) -> a + " or " + b).orElse("no");
    }
}
