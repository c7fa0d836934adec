package io.github.flowanomaly.cli;

import io.github.flowanomaly.tribuo.files.SavedModels;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.Option;
import com.oracle.labs.mlrg.olcut.config.Options;
import com.oracle.labs.mlrg.olcut.util.Pair;
import io.github.flowanomaly.tf.LevelScores;
import io.github.flowanomaly.tribuo.detectors.BackgroundRatioModel;
import io.github.flowanomaly.tribuo.detectors.ComplexityCorrectedModel;
import io.github.flowanomaly.tribuo.detectors.GlowPairModel;
import io.github.flowanomaly.tribuo.evaluation.ScoreOrientation;
import io.github.flowanomaly.tribuo.impl.AtomicFiles;
import io.github.flowanomaly.tribuo.glow.GlowModel;
import org.tribuo.DataSource;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.anomaly.Event;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code flowad score}: writes a CSV with one row per image: index, anomaly score (higher = more anomalous, for every
 * model: a one-class SVM's decision value is negated, and written beside it as raw_score), predicted
 * event and, for Glow models, the log-likelihood (nats), bits/dim and per-level log-likelihoods (for likelihood-ratio
 * and background-ratio models, of both models: the per-level ratios show which scales separate the sets; for
 * complexity-corrected models, the Glow's bits/dim and the PNG bits/dim).
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
    }

    private ScoreCommand() {}

    @SuppressWarnings("unchecked")
    static int run(String[] args, PrintStream out) throws IOException {
        ScoreOptions options = new ScoreOptions();
        ConfigurationManager cm = FlowAd.configure(args, options);
        if (options.model == null || options.data == null || options.out == null) {
            throw new IllegalArgumentException("--model, --data and --out are required");
        }
        Model<Event> model = SavedModels.readAnomalyModel(options.model);
        ScoreOrientation orientation = ScoreOrientation.resolve(model, options.orientation);
        DataSource<Event> source = (DataSource<Event>) Lookups.component(cm, options.data, DataSource.class);
        List<Example<Event>> examples = new MutableDataset<>(source).getData();
        List<Prediction<Event>> predictions = model.predict(examples);
        AtomicFiles.write(options.out, temp -> {
            try (BufferedWriter w = Files.newBufferedWriter(temp)) {
                if (model instanceof GlowModel glow) {
                    writeGlow(w, glow, examples, predictions);
                } else if (model instanceof GlowPairModel pair) {
                    writePair(w, pair, pair instanceof BackgroundRatioModel ? "background" : "general", examples,
                            predictions);
                } else if (model instanceof ComplexityCorrectedModel complexity) {
                    writeComplexity(w, complexity, examples, predictions);
                } else {
                    writeOther(w, orientation, predictions);
                }
            }
        });
        if (model instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // native sessions
            }
        }
        out.println("Wrote " + predictions.size() + " scores to " + options.out);
        return 0;
    }

    private static void writeGlow(BufferedWriter w, GlowModel glow, List<Example<Event>> examples,
                                  List<Prediction<Event>> predictions) throws IOException {
        LevelScores s = glow.logLikelihoods(examples);
        StringBuilder header = new StringBuilder("index,score,predicted,bits_per_dim,log_likelihood");
        for (int level = 0; level < s.levels(); level++) {
            header.append(",level_").append(level).append("_log_likelihood");
        }
        w.write(header + "\n");
        for (int i = 0; i < predictions.size(); i++) {
            StringBuilder line = new StringBuilder(row(i, predictions.get(i)));
            line.append(String.format(Locale.ROOT, ",%.6f,%.4f", s.bitsPerDim(i), s.logLikelihood(i)));
            for (int level = 0; level < s.levels(); level++) {
                line.append(String.format(Locale.ROOT, ",%.4f", s.levelLogLikelihood(i, level)));
            }
            w.write(line + "\n");
        }
    }

    /** A pair's CSV: both Glows' log-likelihoods, the reference Glow's columns named by {@code reference}. */
    private static void writePair(BufferedWriter w, GlowPairModel ratio, String reference,
                                  List<Example<Event>> examples, List<Prediction<Event>> predictions)
            throws IOException {
        Pair<LevelScores, LevelScores> s = ratio.logLikelihoods(examples);
        LevelScores in = s.getA();
        LevelScores general = s.getB();
        StringBuilder header = new StringBuilder("index,score,predicted,in_distribution_log_likelihood,"
                + reference + "_log_likelihood,in_distribution_bits_per_dim," + reference + "_bits_per_dim");
        for (int level = 0; level < in.levels(); level++) {
            header.append(",in_distribution_level_").append(level).append("_log_likelihood");
            header.append(',').append(reference).append("_level_").append(level).append("_log_likelihood");
        }
        w.write(header + "\n");
        for (int i = 0; i < predictions.size(); i++) {
            StringBuilder line = new StringBuilder(row(i, predictions.get(i)));
            line.append(String.format(Locale.ROOT, ",%.4f,%.4f,%.6f,%.6f", in.logLikelihood(i),
                    general.logLikelihood(i), in.bitsPerDim(i), general.bitsPerDim(i)));
            for (int level = 0; level < in.levels(); level++) {
                line.append(String.format(Locale.ROOT, ",%.4f,%.4f", in.levelLogLikelihood(i, level),
                        general.levelLogLikelihood(i, level)));
            }
            w.write(line + "\n");
        }
    }

    private static void writeComplexity(BufferedWriter w, ComplexityCorrectedModel model,
                                        List<Example<Event>> examples, List<Prediction<Event>> predictions)
            throws IOException {
        double[][] terms = model.terms(examples);
        w.write("index,score,predicted,bits_per_dim,png_bits_per_dim\n");
        for (int i = 0; i < predictions.size(); i++) {
            w.write(row(i, predictions.get(i)) + String.format(Locale.ROOT, ",%.6f,%.6f", terms[i][0], terms[i][1])
                    + "\n");
        }
    }

    /** Any other anomaly model: its anomaly score, and beside it the raw score when the two differ. */
    private static void writeOther(BufferedWriter w, ScoreOrientation orientation,
                                   List<Prediction<Event>> predictions) throws IOException {
        boolean raw = orientation != ScoreOrientation.HIGHER_IS_ANOMALOUS;
        w.write(raw ? "index,score,predicted,raw_score\n" : "index,score,predicted\n");
        for (int i = 0; i < predictions.size(); i++) {
            Event e = predictions.get(i).getOutput();
            w.write(String.format(Locale.ROOT, "%d,%.6f,%s", i, orientation.toAnomalyScore(e.getScore()),
                    e.getType()) + (raw ? String.format(Locale.ROOT, ",%.6f", e.getScore()) : "") + "\n");
        }
    }

    private static String row(int i, Prediction<Event> p) {
        return String.format(Locale.ROOT, "%d,%.6f,%s", i, p.getOutput().getScore(), p.getOutput().getType());
    }
}
