package io.github.flowanomaly.cli;

import io.github.flowanomaly.tribuo.files.SavedModels;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.Option;
import com.oracle.labs.mlrg.olcut.config.Options;
import io.github.flowanomaly.tribuo.evaluation.OodEvaluation;
import io.github.flowanomaly.tribuo.evaluation.OodEvaluator;
import io.github.flowanomaly.tribuo.evaluation.ScoreOrientation;
import org.tribuo.DataSource;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.anomaly.Event;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code flowad evaluate}: AUROC, AUPR-In/Out and FPR@95%TPR of a model (a Glow or a likelihood-ratio pair, or any
 * Tribuo anomaly model) on an in-distribution set against OOD sets, as a table or, with {@code --json}, JSON.
 */
public final class EvaluateCommand {

    /** Options of the evaluate command. */
    public static final class EvaluateOptions implements Options {
        /** Creates the options with their defaults. */
        public EvaluateOptions() {}

        @Option(longName = "model", usage = "The .tribuo model file.")
        public Path model;
        @Option(longName = "in", usage = "Name of the in-distribution DataSource<Event> component.")
        public String in;
        @Option(longName = "ood", usage = "Comma-separated names of OOD DataSource<Event> components.")
        public List<String> ood;
        @Option(longName = "orientation", usage = "What the scores of a model class this library does not know "
                + "mean: HIGHER_IS_ANOMALOUS or HIGHER_IS_NORMAL (known classes need none).")
        public ScoreOrientation orientation;
        /** The scoring precision ({@code --precision}). */
        public ScoringPrecisionOptions scoring = new ScoringPrecisionOptions();
    }

    private EvaluateCommand() {}

    @SuppressWarnings("unchecked")
    static int run(String[] args, PrintStream out) throws IOException {
        EvaluateOptions options = new EvaluateOptions();
        boolean json = Flags.present(args, "--json");
        ConfigurationManager cm = FlowAd.configure(Flags.without(args, "--json"), options);
        if (options.model == null || options.in == null || options.ood == null || options.ood.isEmpty()) {
            throw new IllegalArgumentException("--model, --in and --ood are required");
        }
        options.scoring.apply();
        Model<Event> model = SavedModels.readAnomalyModel(options.model);
        Dataset<Event> in = new MutableDataset<>((DataSource<Event>) Lookups.component(cm, options.in,
                DataSource.class));
        Map<String, Dataset<Event>> ood = new LinkedHashMap<>();
        for (String name : options.ood) {
            ood.put(name, new MutableDataset<>((DataSource<Event>) Lookups.component(cm, name, DataSource.class)));
        }
        ScoreOrientation orientation = ScoreOrientation.resolve(model, options.orientation);
        OodEvaluation evaluation = new OodEvaluator(orientation).evaluate(model, options.in, in, ood);
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(evaluation.toMap()));
        } else {
            out.println(evaluation);
        }
        if (model instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // native sessions
            }
        }
        return 0;
    }
}
