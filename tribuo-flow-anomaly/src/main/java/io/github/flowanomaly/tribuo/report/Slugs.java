package io.github.flowanomaly.tribuo.report;

import java.util.Locale;

/**
 * File-name-safe forms of detector and data set names.
 */
public final class Slugs {

    private Slugs() {}

    /**
     * Lower-cases a name and replaces every run of non-alphanumerics with one '-'.
     *
     * @param name the name.
     * @return the slug.
     */
    public static String of(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return slug.replaceAll("^-|-$", "");
    }
}
