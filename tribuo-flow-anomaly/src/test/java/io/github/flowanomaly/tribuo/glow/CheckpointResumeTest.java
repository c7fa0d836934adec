package io.github.flowanomaly.tribuo.glow;

import io.github.flowanomaly.tribuo.impl.TrainingCheckpoint;
import io.github.flowanomaly.tribuo.files.SavedModels;
import io.github.flowanomaly.tribuo.data.DatasetRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;
import org.tribuo.anomaly.Event;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A training run killed in a child process resumes from its checkpoint, finishes and gives a usable model. */
class CheckpointResumeTest {

    @Test
    void killedTrainingResumesAndFinishes(@TempDir Path dir) throws Exception {
        Path checkpoint = dir.resolve("glow.ckpt");
        Path model = dir.resolve("glow.tribuo");
        Process first = start(checkpoint, model);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        long stepsAtKill = 0;
        while (System.nanoTime() < deadline && first.isAlive()) {
            if (Files.exists(checkpoint)) {
                stepsAtKill = TrainingCheckpoint.read(checkpoint).steps();
                if (stepsAtKill >= 20) {
                    break;
                }
            }
            Thread.sleep(20);
        }
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertTrue(stepsAtKill >= 20 && stepsAtKill < CheckpointedTrainingMain.STEPS,
                "the first run should be killed mid-training, checkpoint at step " + stepsAtKill);
        assertFalse(Files.exists(model), "a killed run must not leave a model");

        Process second = start(checkpoint, model);
        assertTrue(second.waitFor(180, TimeUnit.SECONDS), "resumed run did not finish");
        assertEquals(0, second.exitValue(), new String(second.getInputStream().readAllBytes()));
        assertFalse(Files.exists(checkpoint), "a finished run deletes its checkpoint");
        Model<Event> trained = SavedModels.readAnomalyModel(model);
        try (GlowModel glow = (GlowModel) trained) {
            assertEquals((long) CheckpointedTrainingMain.STEPS,
                    ((com.oracle.labs.mlrg.olcut.provenance.primitives.LongProvenance) glow.getProvenance()
                    .getInstanceProvenance().getMap().get("applied-steps")).getValue());
            double[] scores = GlowTrainerTest.scores(glow, SyntheticData.dataset(SyntheticData.blobs(20, 2),
                    DatasetRole.IN_DISTRIBUTION, "test"));
            for (double s : scores) {
                assertTrue(Double.isFinite(s) && s < 8, "score " + s);
            }
        }
    }

    private static Process start(Path checkpoint, Path model) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                CheckpointedTrainingMain.class.getName(), checkpoint.toString(), model.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

}
