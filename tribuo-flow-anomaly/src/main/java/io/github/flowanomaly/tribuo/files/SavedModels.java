package io.github.flowanomaly.tribuo.files;

import io.github.flowanomaly.tribuo.impl.AtomicFiles;
import org.tribuo.Model;
import org.tribuo.anomaly.Event;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes saved Tribuo models ({@code .tribuo} protobuf files): reads of an expected class, with messages
 * that name the configuration field or file role, the file and what was found; atomic writes (temporary file, then
 * rename), so a crash never leaves a half-written model.
 */
public final class SavedModels {

    private SavedModels() {}

    /**
     * Reads a model of the expected class.
     *
     * @param path  the file.
     * @param field what names the file (a configuration field or role), for error messages.
     * @param type  the expected model class.
     * @param <M>   the model type.
     * @return the model.
     * @throws IllegalArgumentException if the file is missing, unreadable or holds another kind of model.
     */
    public static <M extends Model<?>> M read(Path path, String field, Class<M> type) {
        Model<?> model;
        try {
            model = Model.deserializeFromFile(path);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(field + " " + path + " is not a readable " + type.getSimpleName()
                    + " file: " + e.getMessage(), e);
        }
        if (!type.isInstance(model)) {
            throw new IllegalArgumentException(field + " " + path + " holds a " + model.getClass().getName()
                    + ", expected a " + type.getName());
        }
        return type.cast(model);
    }

    /**
     * Writes a model atomically.
     *
     * @param model  the model.
     * @param target the file.
     * @throws IOException if writing fails.
     */
    public static void write(Model<?> model, Path target) throws IOException {
        AtomicFiles.write(target, model::serializeToFile);
    }

    /**
     * Reads an anomaly model of any class (ours, LibSVM, LibLinear, ...).
     *
     * @param path the file.
     * @return the model.
     * @throws IllegalArgumentException if the file is missing, not a Tribuo protobuf model, or not an anomaly model.
     */
    public static Model<Event> readAnomalyModel(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("Model file " + path + " does not exist");
        }
        Model<?> model;
        try {
            model = Model.deserializeFromFile(path);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Model file " + path + " is not a readable .tribuo model: "
                    + e.getMessage(), e);
        }
        return asAnomalyModel(model, "Model file " + path);
    }

    /**
     * Reads an anomaly model of any class from the bytes of a {@code .tribuo} file (e.g. a model shipped to a
     * Spark executor).
     *
     * @param bytes  the file's contents.
     * @param origin where the bytes come from, for messages.
     * @return the model.
     * @throws IllegalArgumentException if the bytes are not a Tribuo protobuf model, or not an anomaly model.
     */
    public static Model<Event> readAnomalyModel(byte[] bytes, String origin) {
        Model<?> model;
        try {
            model = Model.deserializeFromStream(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Model " + origin + " is not a readable .tribuo model: "
                    + e.getMessage(), e);
        }
        return asAnomalyModel(model, "Model " + origin);
    }

    private static Model<Event> asAnomalyModel(Model<?> model, String what) {
        if (!model.validate(Event.class)) {
            throw new IllegalArgumentException(what + " holds a " + model.getClass().getName()
                    + ", expected an anomaly detection model (Event outputs)");
        }
        return model.castModel(Event.class);
    }
}
