package io.github.flowanomaly.tribuo.experiment;

import io.github.flowanomaly.tribuo.files.SavedModels;
import io.github.flowanomaly.tribuo.glow.Checkpointing;
import org.tribuo.Model;
import org.tribuo.anomaly.Event;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * An experiment's output directory as a store of its models: {@code models/<name>.tribuo} and
 * {@code checkpoints/<name>.ckpt}. Resuming reuses the saved models and lets the interrupted training continue from
 * its checkpoint; a fresh run refuses a directory that holds another run's models or checkpoints, so runs never mix.
 */
final class RunDirectory {

    private static final Logger logger = Logger.getLogger(RunDirectory.class.getName());

    private final Path root;
    private final boolean resume;
    private final int checkpointEverySteps;
    private final PhaseTimer timer;

    /**
     * Opens the directory (creating {@code models/}).
     *
     * @param root                 the output directory.
     * @param resume               whether to continue the run it holds.
     * @param checkpointEverySteps training steps between checkpoints.
     * @param timer                times trainings and reads.
     * @throws IOException              if the directory cannot be created or listed.
     * @throws IllegalArgumentException if it holds an earlier run and {@code resume} is false.
     */
    RunDirectory(Path root, boolean resume, int checkpointEverySteps, PhaseTimer timer) throws IOException {
        this.root = root;
        this.resume = resume;
        this.checkpointEverySteps = checkpointEverySteps;
        this.timer = timer;
        if (!resume) {
            refuseEarlierRun();
        }
        Files.createDirectories(root.resolve("models"));
    }

    /**
     * The model saved under {@code name} when resuming and it exists (timed as "phase (reused)"); otherwise trains
     * it (timed as "phase") and saves it.
     *
     * @param phase    the phase's name in the timings.
     * @param name     the model's file name (without {@code .tribuo}).
     * @param type     the expected model class.
     * @param training trains the model.
     * @param <M>      the model type.
     * @return the model.
     */
    <M extends Model<Event>> M trained(String phase, String name, Class<M> type, Supplier<M> training) {
        Path path = modelPath(name);
        if (resume && Files.exists(path)) {
            logger.info("Resuming: reusing the saved model " + path);
            return timer.timed(phase + " (reused)", () -> SavedModels.read(path, "saved " + name + " model", type));
        }
        M model = timer.timed(phase, training);
        try {
            SavedModels.write(model, path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save " + path, e);
        }
        return model;
    }

    /**
     * @param name the model's name.
     * @return where it is saved.
     */
    Path modelPath(String name) {
        return root.resolve("models").resolve(name + ".tribuo");
    }

    /**
     * @param name the model's name.
     * @return its training's checkpointing.
     */
    Checkpointing checkpoint(String name) {
        return new Checkpointing(root.resolve("checkpoints").resolve(name + ".ckpt"), checkpointEverySteps);
    }

    /**
     * @param file a file name.
     * @return that file in the directory.
     */
    Path file(String file) {
        return root.resolve(file);
    }

    private void refuseEarlierRun() throws IOException {
        for (String sub : List.of("models", "checkpoints")) {
            Path dir = root.resolve(sub);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    if (files.findAny().isPresent()) {
                        throw new IllegalArgumentException(dir + " holds models or checkpoints of an earlier run: "
                                + "pass --resume to continue it, or choose another output directory");
                    }
                }
            }
        }
    }
}
