package io.github.flowanomaly.cli;

import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.Option;
import com.oracle.labs.mlrg.olcut.config.Options;
import io.github.flowanomaly.tribuo.experiment.ExperimentRecord;
import io.github.flowanomaly.tribuo.experiment.ExperimentRunner;
import io.github.flowanomaly.tribuo.experiment.PaperExperiment;
import io.github.flowanomaly.tribuo.glow.ProgressListener;
import io.github.flowanomaly.report.ReportWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code flowad experiment -c <xml> --out <dir> [--resume]}: runs a {@link PaperExperiment} and writes
 * {@code record.json}, {@code report.md}, PNG plots and the trained models; {@code --resume} continues a killed run in
 * the same directory (see {@link ExperimentRunner}).
 */
public final class ExperimentCommand {

    /** Command-line options of the experiment command. */
    public static final class ExperimentOptions implements Options {
        /** Creates the options with their defaults. */
        public ExperimentOptions() {}

        @Option(longName = "out", usage = "Output directory.")
        public Path out;
        @Option(longName = "experiment", usage = "Name of the PaperExperiment component (default: experiment).")
        public String component = "experiment";
    }

    private ExperimentCommand() {}

    static int run(String[] args, String commandLine, PrintStream out, PrintStream err) throws IOException {
        ExperimentOptions options = new ExperimentOptions();
        boolean quiet = Flags.present(args, "--quiet");
        boolean resume = Flags.present(args, "--resume");
        ConfigurationManager cm = FlowAd.configure(Flags.without(Flags.without(args, "--quiet"), "--resume"),
                options);
        if (options.out == null) {
            throw new IllegalArgumentException("--out <dir> is required");
        }
        PaperExperiment experiment = (PaperExperiment) cm.lookup(options.component);
        if (experiment == null) {
            throw new IllegalArgumentException("The configuration has no component named '" + options.component
                    + "'; found " + cm.getComponentNames());
        }
        ProgressListener progress = quiet ? ProgressListener.NONE : new ConsoleProgress(err);
        ExperimentRecord record = new ExperimentRunner(experiment, options.out, progress, resume)
                .run(commandLine);
        new ReportWriter(options.out).write(record);
        out.println(record.resultsTable());
        out.println("Wrote " + options.out.resolve("record.json") + " and " + options.out.resolve("report.md"));
        return 0;
    }
}
