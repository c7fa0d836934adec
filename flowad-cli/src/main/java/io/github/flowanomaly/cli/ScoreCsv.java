package io.github.flowanomaly.cli;

import io.github.flowanomaly.tribuo.evaluation.ScoreOrientation;
import io.github.flowanomaly.tribuo.evaluation.ScoreTable;
import io.github.flowanomaly.tribuo.glow.FlowAnomalyModel;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.anomaly.Event;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * {@code flowad score}'s CSV, written while the images stream past: the examples are read and scored in chunks of
 * {@link #chunk} and each chunk's rows are written before the next is read, so the dense Tribuo examples (about 12
 * bytes per pixel) of one chunk are alive at a time, not those of the whole set. Columns: index, score, predicted,
 * then the model's {@link ScoreTable} columns at their decimals. The rows equal those of one table over every image:
 * a chunk is a multiple of the models' scoring chunk ({@link FlowAnomalyModel#PREDICT_CHUNK}), so every TensorFlow run
 * sees the same images as it would in one table.
 */
final class ScoreCsv {

    /** Images per chunk by default: 16 scoring runs, about 50 MB of dense examples at 32x32 grey. */
    static final int DEFAULT_CHUNK = 16 * FlowAnomalyModel.PREDICT_CHUNK;

    private static final Logger logger = Logger.getLogger(ScoreCsv.class.getName());
    private static final long PROGRESS_NANOS = 10_000_000_000L;

    private final Model<Event> model;
    private final ScoreOrientation orientation;
    private final int chunk;

    /**
     * @param model       the model.
     * @param orientation what its scores mean.
     * @param chunk       images per chunk, a positive multiple of {@link FlowAnomalyModel#PREDICT_CHUNK}.
     */
    ScoreCsv(Model<Event> model, ScoreOrientation orientation, int chunk) {
        if (chunk <= 0 || chunk % FlowAnomalyModel.PREDICT_CHUNK != 0) {
            throw new IllegalArgumentException("chunk must be a positive multiple of "
                    + FlowAnomalyModel.PREDICT_CHUNK + ", found " + chunk);
        }
        this.model = model;
        this.orientation = orientation;
        this.chunk = chunk;
    }

    /**
     * Scores the examples and writes the CSV.
     *
     * @param examples the images, read once, in order.
     * @param out      where the CSV goes.
     * @return the number of rows written.
     * @throws IOException if writing fails.
     */
    long write(Iterable<Example<Event>> examples, Writer out) throws IOException {
        int levels = model instanceof FlowAnomalyModel flow ? flow.spec().levels() : 0;
        List<ScoreTable.Column> columns = ScoreTable.columnsOf(model, orientation, levels);
        StringBuilder header = new StringBuilder("index,score,predicted");
        columns.forEach(c -> header.append(',').append(c.name()));
        out.write(header + "\n");
        long start = System.nanoTime();
        long lastReport = start;
        long written = 0;
        Iterator<Example<Event>> it = examples.iterator();
        List<Example<Event>> part = new ArrayList<>(chunk);
        while (it.hasNext()) {
            part.clear();
            while (it.hasNext() && part.size() < chunk) {
                part.add(it.next());
            }
            ScoreTable table = ScoreTable.of(model, orientation, part);
            if (!table.columns().equals(columns)) {
                throw new IllegalStateException("The model's score table changed its columns from " + columns
                        + " to " + table.columns());
            }
            writeRows(table, written, out);
            written += table.size();
            long now = System.nanoTime();
            if (now - lastReport >= PROGRESS_NANOS) {
                lastReport = now;
                long done = written;
                logger.info(() -> String.format(Locale.ROOT, "scored %,d images, %.1f images/s", done,
                        done / ((now - start) / 1e9)));
            }
        }
        return written;
    }

    private static void writeRows(ScoreTable table, long firstIndex, Writer out) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < table.size(); i++) {
            line.setLength(0);
            line.append(String.format(Locale.ROOT, "%d,%." + ScoreTable.SCORE_DECIMALS + "f,%s", firstIndex + i,
                    table.scores()[i], table.decisions().get(i)));
            for (int c = 0; c < table.columns().size(); c++) {
                line.append(String.format(Locale.ROOT, ",%." + table.columns().get(c).decimals() + "f",
                        table.values()[i][c]));
            }
            out.write(line.append('\n').toString());
        }
    }
}
