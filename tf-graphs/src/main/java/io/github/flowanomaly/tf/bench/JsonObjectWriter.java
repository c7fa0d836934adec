package io.github.flowanomaly.tf.bench;

import java.util.List;
import java.util.OptionalDouble;

/**
 * A minimal writer of one flat-or-nested JSON object, fields in insertion order, on one line. Enough for benchmark
 * results without a JSON library on the runtime classpath. Non-finite numbers become {@code null}, as JSON has no
 * NaN or infinity.
 */
final class JsonObjectWriter {

    private final StringBuilder text = new StringBuilder("{");
    private boolean empty = true;

    /**
     * Adds a number field.
     *
     * @param name  the key.
     * @param value the value ({@code null} if not finite).
     * @return this writer.
     */
    JsonObjectWriter number(String name, double value) {
        return raw(name, number(value));
    }

    /**
     * Adds an integer field.
     *
     * @param name  the key.
     * @param value the value.
     * @return this writer.
     */
    JsonObjectWriter number(String name, long value) {
        return raw(name, Long.toString(value));
    }

    /**
     * Adds a number field that may be absent.
     *
     * @param name  the key.
     * @param value the value, written as {@code null} when empty.
     * @return this writer.
     */
    JsonObjectWriter number(String name, OptionalDouble value) {
        return raw(name, value.isPresent() ? number(value.getAsDouble()) : "null");
    }

    /**
     * Adds an array of numbers.
     *
     * @param name   the key.
     * @param values the values.
     * @return this writer.
     */
    JsonObjectWriter numbers(String name, List<Double> values) {
        StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            array.append(i == 0 ? "" : ",").append(number(values.get(i)));
        }
        return raw(name, array.append(']').toString());
    }

    /**
     * Adds a string field.
     *
     * @param name  the key.
     * @param value the value, or {@code null}.
     * @return this writer.
     */
    JsonObjectWriter string(String name, String value) {
        return raw(name, value == null ? "null" : quote(value));
    }

    /**
     * Adds a nested object.
     *
     * @param name   the key.
     * @param object the object.
     * @return this writer.
     */
    JsonObjectWriter object(String name, JsonObjectWriter object) {
        return raw(name, object.toString());
    }

    /** @return the object as JSON text. */
    @Override
    public String toString() {
        return text + "}";
    }

    private JsonObjectWriter raw(String name, String json) {
        text.append(empty ? "" : ",").append(quote(name)).append(':').append(json);
        empty = false;
        return this;
    }

    private static String number(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "null";
    }

    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
