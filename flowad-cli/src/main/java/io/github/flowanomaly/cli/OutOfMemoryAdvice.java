package io.github.flowanomaly.cli;

import java.util.Locale;

/**
 * What {@code flowad} prints instead of a stack trace when a command runs out of Java heap: the heap it had, what the
 * data cost, and the option to raise.
 */
final class OutOfMemoryAdvice {

    /** Heap a dense Tribuo example costs per pixel (feature value, name reference and object overhead), measured. */
    static final int BYTES_PER_PIXEL = 12;

    private static final long GIB = 1L << 30;

    private OutOfMemoryAdvice() {}

    /**
     * @param command      the sub-command that failed.
     * @param maxHeapBytes the JVM's maximum heap ({@code Runtime.maxMemory()}).
     * @return a message naming the heap limit, what the data needs and the setting to raise.
     */
    static String message(String command, long maxHeapBytes) {
        long suggested = Math.max(2 * GIB, ((2 * maxHeapBytes + GIB - 1) / GIB) * GIB);
        return String.format(Locale.ROOT, String.join("\n",
                        "flowad %s ran out of memory: the Java heap is limited to %d MB.",
                        "Training images of this library's image sources take 1 byte per pixel; images scored or"
                                + " evaluated, and those of other Tribuo data sources, are dense Tribuo examples of about"
                                + " %d bytes per pixel (60,000 grey 32x32 images: about %.1f GB); TensorFlow's buffers"
                                + " come on top.",
                        "Raise the heap, e.g. FLOWAD_JAVA_OPTS=\"-Xmx%dg\" ./flowad %s ..., or train on fewer images"
                                + " (the data source's limit property)."),
                command, maxHeapBytes >> 20, BYTES_PER_PIXEL, 60_000.0 * 1024 * BYTES_PER_PIXEL / 1e9,
                suggested / GIB, command);
    }
}
