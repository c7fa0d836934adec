package io.github.flowanomaly.cli;

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

    static int run(String[] args, PrintStream out) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("report takes one argument: the experiment directory");
        }
        Path dir = Path.of(args[0]);
        ExperimentRecord record = ExperimentFiles.read(dir);
        new ReportWriter(dir).write(record);
        out.println(record.resultsTable());
        out.println("Wrote " + dir.resolve("report.md"));
        return 0;
    }
}
