package io.github.flowanomaly.tribuo.data;

import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Identifies the content and age of what a data source read: a SHA-256 digest and a modification time.
 *
 * @param sha256       the lower-case hex SHA-256 digest.
 * @param modifiedTime the last modification time.
 */
public record ResourceFingerprint(String sha256, OffsetDateTime modifiedTime) {

    /**
     * Fingerprints one file.
     *
     * @param file the file.
     * @return its SHA-256 and modification time.
     */
    public static ResourceFingerprint of(Path file) {
        return new ResourceFingerprint(sha256(file), modifiedTime(file));
    }

    /**
     * Fingerprints a set of files as one resource: the SHA-256 of the list of their SHA-256 digests (in the given
     * order), and the latest modification time.
     *
     * @param files the files, at least one.
     * @return the combined fingerprint.
     */
    public static ResourceFingerprint combined(List<Path> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("Cannot fingerprint an empty list of files");
        }
        List<String> digests = new ArrayList<>(files.size());
        OffsetDateTime latest = null;
        for (Path file : files) {
            digests.add(sha256(file));
            OffsetDateTime time = modifiedTime(file);
            latest = latest == null || time.isAfter(latest) ? time : latest;
        }
        String combined = ProvenanceUtil.hashList(ProvenanceUtil.HashType.SHA256, digests);
        return new ResourceFingerprint(combined.toLowerCase(Locale.ROOT), latest);
    }

    private static String sha256(Path file) {
        return ProvenanceUtil.hashResource(ProvenanceUtil.HashType.SHA256, file).toLowerCase(Locale.ROOT);
    }

    private static OffsetDateTime modifiedTime(Path file) {
        try {
            Instant instant = Files.getLastModifiedTime(file).toInstant();
            return OffsetDateTime.ofInstant(instant, ZoneId.systemDefault());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the modification time of " + file, e);
        }
    }
}
