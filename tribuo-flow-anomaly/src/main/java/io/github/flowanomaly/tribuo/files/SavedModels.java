package io.github.flowanomaly.tribuo.files;

import org.tribuo.Model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads saved Tribuo models ({@code .tribuo} protobuf files) of an expected class, with messages that name the
 * configuration field or file role, the file and what was found.
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
}
