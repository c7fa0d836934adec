package io.github.flowanomaly.tribuo.cli;

import io.github.flowanomaly.tribuo.files.AtomicFiles;
import org.tribuo.Model;
import org.tribuo.anomaly.Event;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes {@code .tribuo} protobuf model files. Writes are atomic (temporary file, then rename), so a crash
 * never leaves a half-written model.
 */
public final class ModelFiles {

    private ModelFiles() {}

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
     * Reads an anomaly model.
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
        if (!model.validate(Event.class)) {
            throw new IllegalArgumentException("Model file " + path + " holds a " + model.getClass().getName()
                    + ", expected an anomaly detection model (Event outputs)");
        }
        return model.castModel(Event.class);
    }
}
