package io.github.flowanomaly.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.github.flowanomaly.cli.CliFixtures.Result;
import static io.github.flowanomaly.cli.CliFixtures.blobs;
import static io.github.flowanomaly.cli.CliFixtures.run;
import static io.github.flowanomaly.cli.CliFixtures.writeIdx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input to every flowad sub-command: one test per case. Each fails with exit status 2 and a message naming what
 * was expected and what was found, and leaves files already written untouched.
 */
class FlowAdBadInputTest {

    private static final String PREVIOUS = "previous content";

    @TempDir
    static Path dir;
    static Path config;
    static Path model;

    @BeforeAll
    static void setUp() throws IOException {
        writeIdx(dir.resolve("train.idx"), blobs(200, 1, 30));
        writeIdx(dir.resolve("test.idx"), blobs(40, 2, 30));
        writeIdx(dir.resolve("small.idx"), new byte[20][64]); // 8x8: the trainer and model expect 16x16
        config = dir.resolve("config.xml");
        Files.writeString(config, """
                <?xml version="1.0" encoding="UTF-8"?>
                <config>
                  <property name="d" value="%s"/>
                  %s
                  <component name="train" type="io.github.flowanomaly.tribuo.data.IdxImageSource">
                    <property name="imagesPath" value="${d}/train.idx"/>
                    <property name="role" value="IN_DISTRIBUTION"/>
                  </component>
                  <component name="test" type="io.github.flowanomaly.tribuo.data.IdxImageSource">
                    <property name="imagesPath" value="${d}/test.idx"/>
                    <property name="role" value="IN_DISTRIBUTION"/>
                  </component>
                  <component name="small" type="io.github.flowanomaly.tribuo.data.IdxImageSource">
                    <property name="imagesPath" value="${d}/small.idx"/>
                    <property name="role" value="IN_DISTRIBUTION"/>
                  </component>
                </config>
                """.formatted(dir.toString(), CliFixtures.tinyGlowTrainer(3)));
        model = dir.resolve("glow.tribuo");
        Result trained = run("train", "-c", config.toString(), "--trainer", "glow", "--data", "train", "--out",
                model.toString(), "--quiet");
        assertEquals(0, trained.status(), trained.err());
    }

    private static Path existing(String name) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, PREVIOUS);
        return file;
    }

    private static void assertFails(Result r, String... expectedInMessage) {
        assertEquals(2, r.status(), "exit status; stderr: " + r.err());
        for (String expected : expectedInMessage) {
            assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
        }
    }

    private static void assertUnchanged(Path file) throws IOException {
        assertEquals(PREVIOUS, Files.readString(file), file + " must not be touched by a failed command");
    }

    @Test
    void trainWithoutOutputFileNamesTheRequiredOptions() {
        assertFails(run("train", "-c", config.toString(), "--trainer", "glow", "--data", "train"),
                "--trainer, --data and --out are required");
    }

    @Test
    void trainWithADataSourceAsTrainerNamesBothTypes() throws IOException {
        Path out = existing("wrong-type.tribuo");
        assertFails(run("train", "-c", config.toString(), "--trainer", "train", "--data", "train", "--out",
                out.toString(), "--quiet"), "train", "IdxImageSource", "Trainer");
        assertUnchanged(out);
    }

    @Test
    void trainOnImagesOfTheWrongSizeNamesBothSizesAndKeepsTheOldModel() throws IOException {
        Path out = existing("wrong-size.tribuo");
        assertFails(run("train", "-c", config.toString(), "--trainer", "glow", "--data", "small", "--out",
                out.toString(), "--quiet"), "256", "64");
        assertUnchanged(out);
    }

    @Test
    void scoreWithAFileThatIsNotAModel() throws IOException {
        Path garbage = existing("garbage.tribuo");
        Path out = existing("garbage-scores.csv");
        assertFails(run("score", "-c", config.toString(), "--model", garbage.toString(), "--data", "test", "--out",
                out.toString()), "is not a readable .tribuo model");
        assertUnchanged(out);
    }

    @Test
    void scoreWithAnUnknownPrecisionNamesTheChoices() throws IOException {
        Path out = existing("precision-scores.csv");
        assertFails(run("score", "-c", config.toString(), "--model", model.toString(), "--data", "test", "--out",
                out.toString(), "--precision", "HALF"), "HALF");
        assertUnchanged(out);
    }

    @Test
    void scoreImagesOfTheWrongSizeKeepsTheOldScores() throws IOException {
        Path out = existing("scores.csv");
        assertFails(run("score", "-c", config.toString(), "--model", model.toString(), "--data", "small", "--out",
                out.toString()), "256", "64");
        assertUnchanged(out);
    }

    @Test
    void evaluateWithAnUnknownOodComponentListsTheComponents() {
        assertFails(run("evaluate", "-c", config.toString(), "--model", model.toString(), "--in", "test", "--ood",
                "nope"), "no component named 'nope'", "small");
    }

    @Test
    void evaluateWithoutOodNamesTheRequiredOptions() {
        assertFails(run("evaluate", "-c", config.toString(), "--model", model.toString(), "--in", "test"),
                "--model, --in and --ood are required");
    }

    @Test
    void experimentWithoutOutputDirectory() {
        assertFails(run("experiment", "-c", config.toString()), "--out <dir> is required");
    }

    @Test
    void experimentWhoseConfigHasNoExperimentComponent() {
        assertFails(run("experiment", "-c", config.toString(), "--out", dir.resolve("exp").toString()),
                "experiment");
        assertTrue(Files.notExists(dir.resolve("exp").resolve("record.json")));
    }

    @Test
    void benchWithANonNumericOption() {
        Result r = run("bench", "--hidden", "wide");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("--hidden") && r.err().contains("wide"), r.err());
    }

    @Test
    void reportOfADirectoryWithoutARecordNamesTheMissingFile() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty-run"));
        assertFails(run("report", empty.toString()), "record.json");
        assertTrue(Files.notExists(empty.resolve("report.md")));
    }

    @Test
    void reportNeedsExactlyOneDirectory() throws IOException {
        assertFails(run("report", "a", "b"), "one experiment directory");
        assertFails(run("report"), "one experiment directory");
        Path empty = Files.createDirectories(dir.resolve("empty-for-dir-option"));
        assertFails(run("report", "--dir", empty.toString()), "record.json");
    }

    @Test
    void budgetWithAMalformedRunArgument() {
        assertFails(run("budget", "--out", dir.resolve("budget").toString(), "--ood", "MNIST", "7:" + dir,
                "10=" + dir), "Expected <minutes>=<experiment dir>", "7:");
    }

    @Test
    void budgetWithMinutesThatAreNotAPositiveNumber() {
        assertFails(run("budget", "--out", dir.resolve("budget").toString(), "--ood", "MNIST", "seven=" + dir,
                "10=" + dir), "positive number of minutes", "seven");
        assertFails(run("budget", "--out", dir.resolve("budget").toString(), "--ood", "MNIST", "0=" + dir,
                "10=" + dir), "positive number of minutes", "'0'");
    }

    @Test
    void budgetOfDirectoriesWithoutRecords() throws IOException {
        Path a = Files.createDirectories(dir.resolve("run-a"));
        Path b = Files.createDirectories(dir.resolve("run-b"));
        assertFails(run("budget", "--out", dir.resolve("budget2").toString(), "--ood", "MNIST", "7=" + a,
                "10=" + b), "record.json");
    }
}
