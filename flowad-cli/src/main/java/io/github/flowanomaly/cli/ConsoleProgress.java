package io.github.flowanomaly.cli;

import io.github.flowanomaly.tribuo.glow.ProgressListener;
import io.github.flowanomaly.tribuo.glow.TrainingProgress;

import java.io.PrintStream;

/**
 * A one-line progress display on a terminal stream, rewritten in place.
 */
final class ConsoleProgress implements ProgressListener {

    private final PrintStream out;

    ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onProgress(TrainingProgress progress) {
        out.print("\r" + progress.describe() + "    ");
        if (progress.totalSteps() > 0 && progress.step() >= progress.totalSteps()) {
            out.println();
        }
        out.flush();
    }
}
