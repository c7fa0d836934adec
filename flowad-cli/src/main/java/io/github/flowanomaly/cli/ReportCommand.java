package io.github.flowanomaly.cli;

import com.oracle.labs.mlrg.olcut.config.Option;
import com.oracle.labs.mlrg.olcut.config.Options;
import io.github.flowanomaly.tribuo.experiment.ExperimentFiles;
import io.github.flowanomaly.tribuo.experiment.ExperimentRecord;
import io.github.flowanomaly.report.ReportWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code flowad report <experiment dir>}: redraws {@code report.md} and its plots from an experiment directory.
 */
public final class ReportCommand {

    private ReportCommand() {}

    /** The options of {@code flowad report}: the experiment directory, as {@code --dir} or as the one argument. */
    public static final class ReportOptions implements Options {
        @Override
        public String getOptionsDescription() {
            return "flowad report <experiment dir>: redraws report.md and its plots from record.json, scores.json and"
                    + " samples.json";
        }

        @Option(longName = "dir", usage = "The experiment directory (or give it as the one argument).")
        public Path dir;
    }

    static int run(String[] args, PrintStream out) throws IOException {
        ReportOptions options = new ReportOptions();
        String[] unnamed = FlowAd.configure(args, options).getUnnamedArguments();
        int directories = unnamed.length + (options.dir == null ? 0 : 1);
        if (directories != 1) {
            throw new IllegalArgumentException("report takes one experiment directory, as --dir or as its argument");
        }
        Path dir = options.dir != null ? options.dir : Path.of(unnamed[0]);
        ExperimentRecord record = ExperimentFiles.read(dir);
        new ReportWriter(dir).write(record);
        out.println(record.resultsTable());
        out.println("Wrote " + dir.resolve("report.md"));
        return 0;
    }
}
