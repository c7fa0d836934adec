package io.github.flowanomaly.cli;

import io.github.flowanomaly.tribuo.data.DatasetRole;
import io.github.flowanomaly.tribuo.data.IdxImageSource;
import io.github.flowanomaly.tribuo.data.ImagePreprocessing;
import io.github.flowanomaly.tribuo.data.ImageRange;
import io.github.flowanomaly.tribuo.evaluation.ScoreOrientation;
import io.github.flowanomaly.tribuo.evaluation.ScoreTable;
import io.github.flowanomaly.tribuo.files.SavedModels;
import io.github.flowanomaly.tribuo.glow.FlowAnomalyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.anomaly.Event;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.github.flowanomaly.cli.CliFixtures.blobs;
import static io.github.flowanomaly.cli.CliFixtures.writeIdx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code flowad score}'s CSV written chunk by chunk equals the CSV of one table over all images. */
class ScoreCsvTest {

    @TempDir
    Path dir;

    @Test
    void chunkedRowsEqualTheRowsOfOneTable() throws IOException {
        Path images = dir.resolve("in.idx");
        writeIdx(images, blobs(600, 3, 20));
        Path config = dir.resolve("config.xml");
        Files.writeString(config, """
                <?xml version="1.0" encoding="UTF-8"?>
                <config>
                  %s
                  <component name="in" type="io.github.flowanomaly.tribuo.data.IdxImageSource">
                    <property name="imagesPath" value="%s"/>
                    <property name="role" value="IN_DISTRIBUTION"/>
                  </component>
                </config>
                """.formatted(CliFixtures.tinyGlowTrainer(3), images));
        Path modelFile = dir.resolve("glow.tribuo");
        assertEquals(0, CliFixtures.run("train", "-c", config.toString(), "--trainer", "glow", "--data", "in",
                "--out", modelFile.toString(), "--quiet").status());
        Model<Event> model = SavedModels.readAnomalyModel(modelFile);
        IdxImageSource source = new IdxImageSource(images, null, List.of(), DatasetRole.IN_DISTRIBUTION,
                ImagePreprocessing.NONE, ImageRange.ALL);

        String oneChunk = csv(model, source, 3 * FlowAnomalyModel.PREDICT_CHUNK);
        String threeChunks = csv(model, source, FlowAnomalyModel.PREDICT_CHUNK);
        assertEquals(oneChunk, threeChunks);

        ScoreTable table = ScoreTable.of(model, ScoreOrientation.HIGHER_IS_ANOMALOUS,
                new MutableDataset<>(source).getData());
        String[] lines = threeChunks.split("\n");
        assertEquals(601, lines.length);
        assertEquals("index,score,predicted,bits_per_dim,log_likelihood,level_0_log_likelihood,"
                + "level_1_log_likelihood", lines[0]);
        for (int i = 0; i < 600; i++) {
            String[] cells = lines[i + 1].split(",");
            assertEquals(String.valueOf(i), cells[0]);
            assertEquals(table.scores()[i], Double.parseDouble(cells[1]), 1e-6, "row " + i);
            assertEquals(table.decisions().get(i), cells[2]);
            assertEquals(table.values()[i][2], Double.parseDouble(cells[5]), 1e-4, "row " + i);
        }
        ((FlowAnomalyModel) model).close();
    }

    @Test
    void anEmptySourceGivesTheHeaderAlone() throws IOException {
        Path modelFile = dir.resolve("glow.tribuo");
        Path images = dir.resolve("in.idx");
        writeIdx(images, blobs(64, 3, 20));
        Path config = dir.resolve("config.xml");
        Files.writeString(config, """
                <?xml version="1.0" encoding="UTF-8"?>
                <config>
                  %s
                  <component name="in" type="io.github.flowanomaly.tribuo.data.IdxImageSource">
                    <property name="imagesPath" value="%s"/>
                    <property name="role" value="IN_DISTRIBUTION"/>
                  </component>
                </config>
                """.formatted(CliFixtures.tinyGlowTrainer(1), images));
        assertEquals(0, CliFixtures.run("train", "-c", config.toString(), "--trainer", "glow", "--data", "in",
                "--out", modelFile.toString(), "--quiet").status());
        Model<Event> model = SavedModels.readAnomalyModel(modelFile);
        assertEquals("index,score,predicted,bits_per_dim,log_likelihood,level_0_log_likelihood,"
                + "level_1_log_likelihood\n", csv(model, List.of(), FlowAnomalyModel.PREDICT_CHUNK));
        assertThrows(IllegalArgumentException.class,
                () -> new ScoreCsv(model, ScoreOrientation.HIGHER_IS_ANOMALOUS, 100));
        ((FlowAnomalyModel) model).close();
    }

    private static String csv(Model<Event> model, Iterable<org.tribuo.Example<Event>> examples, int chunk)
            throws IOException {
        StringWriter out = new StringWriter();
        new ScoreCsv(model, ScoreOrientation.HIGHER_IS_ANOMALOUS, chunk).write(examples, out);
        return out.toString();
    }
}
