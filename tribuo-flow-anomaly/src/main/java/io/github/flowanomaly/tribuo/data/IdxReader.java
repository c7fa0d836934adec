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
        long declared = checkDeclaredLength(file, fileLength, gzip, dims);
        // a plain file's length was checked against the header, so its payload array can have the declared size at
        // once (no doubling copies while loading); a gzip stream may still lie, so its buffer grows as data arrives
        int initial = gzip ? (int) Math.min(declared, INITIAL_BUFFER) : (int) declared;
        byte[] data = readPayload(file, in, (int) declared, initial, dims);
        requireEnd(file, in, dims, declared);
        return new IdxArray(dims, data);
    }

    /** The payload length the header declares, checked against the file's (compressed) length. */
    private static long checkDeclaredLength(Path file, long fileLength, boolean gzip, int[] dims) {
        long declared = 1;
        for (int dim : dims) {
            declared *= dim;
            if (declared > MAX_ARRAY_LENGTH) {
                throw new IllegalArgumentException("IDX file " + file + ": header dimensions " + Arrays.toString(dims)
                        + " declare more than " + MAX_ARRAY_LENGTH + " bytes, which cannot be loaded");
            }
        }
        long headerLength = headerLength(dims);
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
        return declared;
    }

    private static long headerLength(int[] dims) {
        return 4L + 4L * dims.length;
    }

    private static void requireEnd(Path file, InputStream in, int[] dims, long declared) throws IOException {
        if (in.read() != -1) {
            throw new IllegalArgumentException("IDX file " + file + ": header dimensions " + Arrays.toString(dims)
                    + " expect " + declared + " payload bytes, found more data after them");
        }
    }

    /**
     * Opens an unsigned-byte IDX file to read it one record (one index of the outermost dimension, e.g. one image)
     * at a time, so that a caller keeps only what it needs. Sizes are trusted only when the file vouches for them: a
     * plain file's length must match its header, and a gzip file's trailer must record the uncompressed length the
     * header implies; a gzip file whose trailer does not (e.g. several concatenated gzip members) is read whole first,
     * into a buffer that grows as data arrives. Truncation and trailing data are reported as {@link #read} reports
     * them, once the records have been read to the end.
     *
     * @param file        the file.
     * @param allowedDims the accepted numbers of dimensions.
     * @return the open records; close them.
     * @throws IllegalArgumentException if the file is missing or its header is malformed.
     */
    static Records open(Path file, int... allowedDims) {
        try {
            long fileLength = Files.size(file);
            InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            try {
                boolean gzip = isGzip(raw);
                DataInputStream in = new DataInputStream(gzip ? new GZIPInputStream(raw, 1 << 16) : raw);
                int[] dims = readHeader(file, in, allowedDims);
                long declared = checkDeclaredLength(file, fileLength, gzip, dims);
                if (gzip && gzipTrailerLength(file) != ((headerLength(dims) + declared) & 0xFFFFFFFFL)) {
                    byte[] data = readPayload(file, in, (int) declared, (int) Math.min(declared, INITIAL_BUFFER),
                            dims);
                    requireEnd(file, in, dims, declared);
                    in.close();
                    return new Records(file, dims, new DataInputStream(new java.io.ByteArrayInputStream(data)));
                }
                return new Records(file, dims, in);
            } catch (IOException | RuntimeException e) {
                raw.close();
                throw e;
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

    /** The uncompressed length modulo 2^32 that a gzip file's last member records in its last four bytes. */
    private static long gzipTrailerLength(Path file) throws IOException {
        try (java.nio.channels.SeekableByteChannel channel = Files.newByteChannel(file)) {
            if (channel.size() < 4) {
                return -1;
            }
            java.nio.ByteBuffer trailer = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            channel.position(channel.size() - 4);
            while (trailer.hasRemaining() && channel.read(trailer) >= 0) {
                // fill the four bytes
            }
            return trailer.hasRemaining() ? -1 : trailer.getInt(0) & 0xFFFFFFFFL;
        }
    }

    /**
     * The records of an open IDX file, read in order: {@link #read(byte[])} the next one or {@link #skip(int)} some;
     * after the last record the end of the data is checked.
     */
    static final class Records implements AutoCloseable {

        private final Path file;
        private final int[] dims;
        private final int recordLength;
        private final DataInputStream in;
        private int position;

        private Records(Path file, int[] dims, DataInputStream in) {
            this.file = file;
            this.dims = dims.clone();
            int length = 1;
            for (int i = 1; i < dims.length; i++) {
                length *= dims[i];
            }
            this.recordLength = length;
            this.in = in;
        }

        /** @return the dimension sizes, outermost (the record count) first. */
        int[] dims() {
            return dims.clone();
        }

        /** @return the number of records. */
        int count() {
            return dims[0];
        }

        /** @return the index of the next record. */
        int position() {
            return position;
        }

        /**
         * Reads the next record.
         *
         * @param into an array of exactly one record's length.
         * @throws IllegalArgumentException if the file is truncated or has data after its last record.
         */
        void read(byte[] into) {
            if (into.length != recordLength) {
                throw new IllegalArgumentException("A record of " + file + " has " + recordLength + " bytes, the "
                        + "array " + into.length);
            }
            if (position >= dims[0]) {
                throw new IllegalStateException("All " + dims[0] + " records of " + file + " have been read");
            }
            try {
                in.readFully(into);
            } catch (EOFException e) {
                throw truncated(e);
            } catch (ZipException e) {
                throw corrupt(e);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read IDX file " + file, e);
            }
            advance(1);
        }

        /**
         * Skips records.
         *
         * @param records how many, at most the number left.
         * @throws IllegalArgumentException if the file is truncated or has data after its last record.
         */
        void skip(int records) {
            if (records < 0 || records > dims[0] - position) {
                throw new IllegalArgumentException("Cannot skip " + records + " records of " + file + " at record "
                        + position + " of " + dims[0]);
            }
            try {
                in.skipNBytes((long) records * recordLength);
            } catch (EOFException e) {
                throw truncated(e);
            } catch (ZipException e) {
                throw corrupt(e);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read IDX file " + file, e);
            }
            advance(records);
        }

        /** Reads the remaining records past, so that truncation and trailing data are reported. */
        void skipToEnd() {
            skip(dims[0] - position);
        }

        private void advance(int records) {
            position += records;
            if (position == dims[0] && records > 0) {
                try {
                    requireEnd(file, in, dims, (long) dims[0] * recordLength);
                } catch (ZipException e) {
                    throw corrupt(e);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read IDX file " + file, e);
                }
            }
        }

        private IllegalArgumentException corrupt(ZipException e) {
            return new IllegalArgumentException("IDX file " + file + " starts like gzip but is not valid gzip data: "
                    + e.getMessage(), e);
        }

        private IllegalArgumentException truncated(EOFException e) {
            return new IllegalArgumentException("IDX file " + file + " is truncated: header dimensions "
                    + Arrays.toString(dims) + " expect " + (long) dims[0] * recordLength + " payload bytes, found "
                    + "fewer (the data ends within record " + position + ")", e);
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot close IDX file " + file, e);
            }
        }
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
