package io.github.flowanomaly.tribuo.glow;

import java.nio.file.Path;

/**
 * Whether and where a training loop writes checkpoints. A loop that finds its checkpoint file at start resumes from
 * it; after finishing it deletes the file.
 *
 * @param file       the checkpoint file, or null for none.
 * @param everySteps write a checkpoint every this many steps (&gt; 0 when a file is set).
 */
public record Checkpointing(Path file, int everySteps) {

    /** No checkpoints. */
    public static final Checkpointing NONE = new Checkpointing(null, 0);

    /**
     * Validates the interval.
     *
     * @throws IllegalArgumentException if a file is set with a non-positive interval.
     */
    public Checkpointing {
        if (file != null && everySteps <= 0) {
            throw new IllegalArgumentException("checkpointEverySteps must be > 0 when a checkpoint path is set, "
                    + "found " + everySteps);
        }
    }

    /** @return whether checkpoints are written. */
    public boolean enabled() {
        return file != null;
    }
}
