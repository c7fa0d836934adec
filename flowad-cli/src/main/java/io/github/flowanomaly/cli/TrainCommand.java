package io.github.flowanomaly.cli;

import io.github.flowanomaly.tribuo.files.SavedModels;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.Option;
import com.oracle.labs.mlrg.olcut.config.Options;
import io.github.flowanomaly.tribuo.detectors.LikelihoodRatioTrainer;
import io.github.flowanomaly.tribuo.glow.GlowTrainer;
import io.github.flowanomaly.tribuo.glow.ProgressListener;
import io.github.flowanomaly.tribuo.data.ImageDataset;
import org.tribuo.DataSource;
import org.tribuo.Model;
import org.tribuo.Trainer;
import org.tribuo.anomaly.Event;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code flowad train}: trains a configured trainer on a configured data source and writes a {@code .tribuo} model.
 */
public final class TrainCommand {

    /** Options of the train command. */
    public static final class TrainOptions implements Options {
        /** Creates the options with their defaults. */
        public TrainOptions() {}

        @Option(longName = "trainer", usage = "Name of the Trainer<Event> component.")
        public String trainer;
        @Option(longName = "data", usage = "Name of the DataSource<Event> component with the training images.")
        public String data;
        @Option(longName = "out", usage = "The .tribuo model file to write.")
        public Path out;
    }

    private TrainCommand() {}

    @SuppressWarnings("unchecked")
    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        TrainOptions options = new TrainOptions();
        boolean quiet = Flags.present(args, "--quiet");
        ConfigurationManager cm = FlowAd.configure(Flags.without(args, "--quiet"), options);
        if (options.trainer == null || options.data == null || options.out == null) {
            throw new IllegalArgumentException("--trainer, --data and --out are required");
        }
        Trainer<Event> trainer = (Trainer<Event>) Lookups.component(cm, options.trainer, Trainer.class);
        DataSource<Event> source = (DataSource<Event>) Lookups.component(cm, options.data, DataSource.class);
        ProgressListener progress = quiet ? ProgressListener.NONE : new ConsoleProgress(err);
        if (trainer instanceof GlowTrainer glow) {
            glow.setProgressListener(progress);
        } else if (trainer instanceof LikelihoodRatioTrainer ratio) {
            ratio.setProgressListener(progress);
        }
        Model<Event> model = trainer.train(ImageDataset.of(source));
        SavedModels.write(model, options.out);
        out.println("Wrote " + options.out + ": " + model);
        if (model instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // native sessions of a finished model
            }
        }
        return 0;
    }
}
