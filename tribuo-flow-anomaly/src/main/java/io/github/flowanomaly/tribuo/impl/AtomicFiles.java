package io.github.flowanomaly.tribuo.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files atomically: the content goes to a temporary file in the target's directory, which then replaces the
 * target in one rename. Readers see the old file or the complete new one, never a partial write; a failed write
 * leaves the old file and no temporary file behind.
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    /** Writes content to a file. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the content.
         *
         * @param file the (temporary) file to write.
         * @throws IOException if writing fails.
         */
        void writeTo(Path file) throws IOException;
    }

    /**
     * Writes a file atomically, creating its directory if needed.
     *
     * @param target  the file to create or replace.
     * @param content writes the content to the temporary file it is given.
     * @throws IOException if writing or renaming fails (the target is then unchanged).
     */
    public static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            content.writeTo(temp);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
