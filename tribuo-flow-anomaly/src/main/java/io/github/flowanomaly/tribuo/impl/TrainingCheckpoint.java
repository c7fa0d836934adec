package io.github.flowanomaly.tribuo.impl;

import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.TrainingState;
import io.github.flowanomaly.tribuo.protos.TrainingCheckpointProto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a training loop stood: the session's full state plus the position in the data and the time spent. Written
 * atomically (temporary file, then rename), so a crash leaves either the previous or the new checkpoint.
 *
 * @param modelName          which model the loop trains.
 * @param spec               the architecture.
 * @param state              weights, optimiser state and counters.
 * @param epoch              epochs started.
 * @param stepInEpoch        the next step within the current epoch.
 * @param steps              steps taken so far (applied and skipped).
 * @param seconds            training seconds so far.
 * @param recentBitsPerDim   the running mean training bits/dim.
 * @param fingerprint        the {@link TrainingFingerprint} of the run that wrote it.
 */
public record TrainingCheckpoint(String modelName, GlowSpec spec, TrainingState state, int epoch, int stepInEpoch,
                                 long steps, double seconds, double recentBitsPerDim,
                                 String fingerprint) {

    /**
     * Writes the checkpoint atomically.
     *
     * @param file the target file.
     * @throws IOException if writing fails.
     */
    public void write(Path file) throws IOException {
        TrainingCheckpointProto proto = TrainingCheckpointProto.newBuilder()
                .setModelName(modelName)
                .setWeights(GlowNetworkCodec.toProto(spec, state.weights()))
                .setOptimizer(GlowNetworkCodec.toProto(spec, state.optimizer()))
                .setAppliedSteps(state.appliedSteps())
                .setSkippedSteps(state.skippedSteps())
                .setNoiseDraws(state.noiseDraws())
                .setEpoch(epoch)
                .setStepInEpoch(stepInEpoch)
                .setSteps(steps)
                .setSeconds(seconds)
                .setRecentBitsPerDim(recentBitsPerDim)
                .setFingerprint(fingerprint)
                .build();
        AtomicFiles.write(file, temp -> {
            try (OutputStream out = Files.newOutputStream(temp)) {
                proto.writeTo(out);
            }
        });
    }

    /**
     * Reads a checkpoint.
     *
     * @param file the file.
     * @return the checkpoint.
     * @throws IllegalArgumentException if the file is not a readable checkpoint.
     */
    public static TrainingCheckpoint read(Path file) {
        TrainingCheckpointProto proto;
        try (InputStream in = Files.newInputStream(file)) {
            proto = TrainingCheckpointProto.parseFrom(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("Checkpoint " + file + " is not readable: " + e.getMessage(), e);
        }
        if (!proto.hasWeights() || !proto.hasOptimizer()) {
            throw new IllegalArgumentException("Checkpoint " + file + " is incomplete: expected weights and "
                    + "optimiser state");
        }
        TrainingState state = new TrainingState(GlowNetworkCodec.weights(proto.getWeights()),
                GlowNetworkCodec.weights(proto.getOptimizer()), proto.getAppliedSteps(), proto.getSkippedSteps(),
                proto.getNoiseDraws());
        return new TrainingCheckpoint(proto.getModelName(), GlowNetworkCodec.spec(proto.getWeights()), state,
                proto.getEpoch(), proto.getStepInEpoch(), proto.getSteps(), proto.getSeconds(),
                proto.getRecentBitsPerDim(), proto.getFingerprint());
    }
}
