package io.github.flowanomaly.report;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * File-name-safe forms of detector and data set names, unique within one report: names that differ only in case or
 * punctuation ("MNIST", "mnist!") get numbered file names instead of overwriting each other's plots.
 */
public final class Slugs {

    private final Set<String> used = new HashSet<>();

    /** Starts with no file name used. */
    public Slugs() {}

    /**
     * Lower-cases a name and replaces every run of non-alphanumerics with one '-' ("unnamed" if nothing is left).
     *
     * @param name the name.
     * @return the slug.
     */
    public static String of(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return slug.isEmpty() ? "unnamed" : slug;
    }

    /**
     * A file name {@code prefix + slug + suffix} not returned before by this instance, numbering repeats
     * ({@code roc-mnist.png}, {@code roc-mnist-2.png}, ...).
     *
     * @param prefix e.g. {@code "roc-"}.
     * @param name   the name to slug.
     * @param suffix e.g. {@code ".png"}.
     * @return the unique file name.
     */
    public String uniqueFile(String prefix, String name, String suffix) {
        String stem = prefix + of(name);
        String file = stem + suffix;
        for (int n = 2; !used.add(file); n++) {
            file = stem + "-" + n + suffix;
        }
        return file;
    }
}
