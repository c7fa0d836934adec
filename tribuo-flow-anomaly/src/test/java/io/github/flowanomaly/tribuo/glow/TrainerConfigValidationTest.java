package io.github.flowanomaly.tribuo.glow;

import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import io.github.flowanomaly.tribuo.detectors.LikelihoodRatioTrainer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An invalid value in a trainer's OLCUT configuration is reported against the field that holds it. */
class TrainerConfigValidationTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "GlowTrainer {0}={1}")
    @CsvSource({"hiddenChannels,0", "levels,0", "height,12", "epochs,0", "batchSize,0", "learningRate,-1",
            "warmupSteps,-3", "decaySteps,-5", "finalLearningRateFraction,1.5", "initExamples,1", "maxShiftFraction,1.5", "perturbationRate,2", "intraOpThreads,-1",
            "calibrationFraction,1", "thresholdQuantile,2"})
    void glowTrainerNamesTheInvalidField(String field, String value) throws IOException {
        PropertyException e = load(GlowTrainer.class.getName(), field, value);
        assertEquals(field, e.getProperty(), e.getMessage());
        assertTrue(e.getMessage().contains(value), e.getMessage());
    }

    @ParameterizedTest(name = "LikelihoodRatioTrainer {0}={1}")
    @CsvSource({"batchSize,0", "learningRate,0", "decaySteps,-5", "finalLearningRateFraction,-0.5", "maxShiftFraction,1.5", "interOpThreads,-2", "thresholdQuantile,2"})
    void likelihoodRatioTrainerNamesTheInvalidField(String field, String value) throws IOException {
        PropertyException e = load(LikelihoodRatioTrainer.class.getName(), field, value,
                "<property name=\"generalModelPath\" value=\"general.tribuo\"/>");
        assertEquals(field, e.getProperty(), e.getMessage());
    }

    private PropertyException load(String type, String field, String value, String... extra) throws IOException {
        Path xml = dir.resolve("trainer.xml");
        Files.writeString(xml, "<config><component name=\"t\" type=\"" + type + "\">"
                + "<property name=\"" + field + "\" value=\"" + value + "\"/>" + String.join("", extra)
                + "</component></config>");
        ConfigurationManager cm = new ConfigurationManager(xml.toString());
        return assertThrows(PropertyException.class, () -> cm.lookup("t"));
    }
}
