package io.github.flowanomaly.tribuo.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.baseline.DummyClassifierTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Model files: atomic writes, and clear errors for missing, truncated, corrupt and wrong-class files. */
class SavedModelsTest {

    @Test
    void badModelFilesAreRejectedWithClearMessages(@TempDir Path dir) throws IOException {
        Model<Label> classifier = DummyClassifierTrainer.createMostFrequentTrainer().train(classificationData());
        Path good = dir.resolve("classifier.tribuo");
        SavedModels.write(classifier, good);
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp")), "temporary file left behind");
        }

        assertMessage(() -> SavedModels.readAnomalyModel(dir.resolve("missing.tribuo")), "does not exist");
        assertMessage(() -> SavedModels.readAnomalyModel(good), "expected an anomaly detection model");

        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.tribuo");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        assertMessage(() -> SavedModels.readAnomalyModel(truncated), "not a readable .tribuo model");

        Path corrupt = dir.resolve("corrupt.tribuo");
        Files.writeString(corrupt, "this is not a model");
        assertMessage(() -> SavedModels.readAnomalyModel(corrupt), "not a readable .tribuo model");
    }

    private static void assertMessage(Runnable action, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        assertFalse(e.getMessage() == null);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static MutableDataset<Label> classificationData() {
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("tiny", factory), factory);
        data.add(new ArrayExample<>(new Label("a"), new String[]{"x"}, new double[]{1}));
        data.add(new ArrayExample<>(new Label("b"), new String[]{"x"}, new double[]{2}));
        return data;
    }
}
