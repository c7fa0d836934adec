package io.github.flowanomaly.tribuo.detectors;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/** Test helper: a Java-serialization round trip, as Tribuo's own model tests do. */
final class JavaSerialization {

    private JavaSerialization() {}

    /**
     * Writes an object with {@link ObjectOutputStream} and reads it back.
     *
     * @param value the object.
     * @param type  its class.
     * @param <T>   its type.
     * @return the copy.
     * @throws IOException            if writing or reading fails.
     * @throws ClassNotFoundException if the class cannot be resolved.
     */
    static <T> T copy(T value, Class<T> type) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return type.cast(in.readObject());
        }
    }
}
