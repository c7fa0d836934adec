package io.github.flowanomaly.cli;

import io.github.flowanomaly.tribuo.files.SavedModels;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.Option;
import com.oracle.labs.mlrg.olcut.config.Options;
import io.github.flowanomaly.tribuo.evaluation.ScoreOrientation;
import io.github.flowanomaly.tribuo.impl.AtomicFiles;
import org.tribuo.DataSource;
import org.tribuo.Model;
import org.tribuo.anomaly.Event;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code flowad score}: writes a CSV with one row per image: index, anomaly score (higher = more anomalous, for every
 * model: a one-class SVM's decision value is negated, and written beside it as raw_score), predicted
 * event and, for Glow models, the log-likelihood (nats), bits/dim and per-level log-likelihoods (for likelihood-ratio
 * and background-ratio models, of both models: the per-level ratios show which scales separate the sets; for
 * complexity-corrected models, the Glow's bits/dim and the PNG bits/dim): a {@link ScoreTable}.
 */
public final class ScoreCommand {

    /** Options of the score command. */
    public static final class ScoreOptions implements Options {
        /** Creates the options with their defaults. */
        public ScoreOptions() {}

        @Option(longName = "model", usage = "The .tribuo model file.")
        public Path model;
        @Option(longName = "data", usage = "Name of the DataSource<Event> component with the images to score.")
        public String data;
        @Option(longName = "out", usage = "The CSV file to write.")
        public Path out;
        @Option(longName = "orientation", usage = "What the scores of a model class this library does not know "
                + "mean: HIGHER_IS_ANOMALOUS or HIGHER_IS_NORMAL (known classes need none).")
        public ScoreOrientation orientation;
        /** The scoring precision ({@code --precision}). */
        public ScoringPrecisionOptions scoring = new ScoringPrecisionOptions();
    }

    private ScoreCommand() {}

    @SuppressWarnings("unchecked")
    static int run(String[] args, PrintStream out) throws IOException {
        ScoreOptions options = new ScoreOptions();
        ConfigurationManager cm = FlowAd.configure(args, options);
        if (options.model == null || options.data == null || options.out == null) {
            throw new IllegalArgumentException("--model, --data and --out are required");
        }
        options.scoring.apply();
        Model<Event> model = SavedModels.readAnomalyModel(options.model);
        ScoreOrientation orientation = ScoreOrientation.resolve(model, options.orientation);
        DataSource<Event> source = (DataSource<Event>) Lookups.component(cm, options.data, DataSource.class);
        long[] rows = new long[1];
        AtomicFiles.write(options.out, temp -> {
            try (BufferedWriter w = Files.newBufferedWriter(temp)) {
                rows[0] = new ScoreCsv(model, orientation, ScoreCsv.DEFAULT_CHUNK).write(source, w);
            }
        });
        if (model instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // native sessions
            }
        }
        out.println("Wrote " + rows[0] + " scores to " + options.out);
        return 0;
    }
}
