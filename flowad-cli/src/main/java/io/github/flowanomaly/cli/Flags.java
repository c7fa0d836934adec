package io.github.flowanomaly.cli;

import java.util.Arrays;

/**
 * Value-less command-line flags ({@code --quiet}, {@code --json}), handled before OLCUT parses the rest (OLCUT options
 * take a value).
 */
final class Flags {

    private Flags() {}

    static boolean present(String[] args, String flag) {
        return Arrays.asList(args).contains(flag);
    }

    static String[] without(String[] args, String flag) {
        return Arrays.stream(args).filter(a -> !a.equals(flag)).toArray(String[]::new);
    }
}
