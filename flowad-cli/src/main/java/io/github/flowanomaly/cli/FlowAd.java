package io.github.flowanomaly.cli;

import com.oracle.labs.mlrg.olcut.config.ArgumentException;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.Options;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.config.UsageException;
import io.github.flowanomaly.tribuo.data.DataDirectory;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * Entry point of the {@code flowad} command line.
 * <pre>
 *   flowad experiment -c config/experiments/quickstart.xml --out runs/quickstart
 *   flowad train      -c config/glow-trainer.xml -c config/data/fashion-mnist.xml ... --out model.tribuo
 *   flowad score      --model model.tribuo -c config/data/mnist.xml --source mnist-test --out scores.csv
 *   flowad evaluate   --model model.tribuo -c ... --in fashion-mnist-test --ood mnist-test [--json]
 *   flowad bench      [--json] [options of the benchmark]
 *   flowad report     runs/quickstart
 * </pre>
 * Data paths in configuration files come from {@code FLOW_DATA_DIR} / {@code FASHION_MNIST_DIR} (or the system
 * properties {@code flow.data.dir} / {@code fashion.mnist.dir}).
 */
public final class FlowAd {

    private FlowAd() {}

    /**
     * Runs a sub-command and exits with its status.
     *
     * @param args the sub-command and its arguments.
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs a sub-command.
     *
     * @param args the sub-command and its arguments.
     * @param out  standard output.
     * @param err  standard error (usage, errors, progress).
     * @return the exit status: 0 success, 1 failure, 2 usage error.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("--usage")) {
            err.println(usage());
            return args.length == 0 ? 2 : 0;
        }
        DataDirectory.exportToSystemProperties();
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        String commandLine = "flowad " + String.join(" ", args);
        try {
            return switch (args[0]) {
                case "experiment" -> ExperimentCommand.run(rest, commandLine, out, err);
                case "train" -> TrainCommand.run(rest, out, err);
                case "score" -> ScoreCommand.run(rest, out);
                case "evaluate" -> EvaluateCommand.run(rest, out);
                case "bench" -> BenchCommand.run(rest, out);
                case "report" -> ReportCommand.run(rest, out);
                case "budget" -> BudgetCommand.run(rest, out);
                default -> {
                    err.println("Unknown command '" + args[0] + "'.\n" + usage());
                    yield 2;
                }
            };
        } catch (UsageException e) {
            // OLCUT throws it only for an explicit --usage: the usage was asked for
            err.println(e.getUsage());
            return 0;
        } catch (ArgumentException | PropertyException | IllegalArgumentException
                 | com.oracle.labs.mlrg.olcut.config.io.ConfigLoaderException e) {
            err.println("flowad " + args[0] + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println(causedByOutOfMemory(e) ? OutOfMemoryAdvice.message(args[0], Runtime.getRuntime().maxMemory())
                    : "flowad " + args[0] + " failed: " + e);
            return 1;
        } catch (OutOfMemoryError e) {
            // the failed command's objects are unreachable by now, so printing the advice has room
            err.println(OutOfMemoryAdvice.message(args[0], Runtime.getRuntime().maxMemory()));
            return 1;
        }
    }

    /** True when an out-of-memory error surfaced wrapped, e.g. from a worker thread. */
    private static boolean causedByOutOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    static ConfigurationManager configure(String[] args, Options options) {
        return new ConfigurationManager(args, options);
    }

    static String usage() {
        return String.join("\n",
                "Usage: flowad <command> [options]",
                "  experiment -c <xml> --out <dir> [--experiment name] [--resume] [--quiet]",
                "                   run an experiment, write record.json, report.md and plots;",
                "                   --resume continues a killed run (saved models reused, checkpoints resumed)",
                "  train      -c <xml> --trainer <name> --data <name> --out <model.tribuo> [--quiet]",
                "  score      -c <xml> --model <model.tribuo> --data <name> --out <scores.csv> [--precision P]",
                "  evaluate   -c <xml> --model <model.tribuo> --in <name> --ood <name>[,<name>...] [--json]"
                        + " [--precision P]",
                "                   P: FP32 (default), BF16_COUPLING or AUTO, the precision models score in",
                "  bench      [--json] [--levels L --steps K --hidden H --batch B --size S --channels C ...]",
                "  report     <experiment dir>   redraw report.md and plots from record/scores/samples.json",
                "  budget     --out <dir> --ood <set> <minutes>=<experiment dir> ...   AUROC vs training budget"
                        + " (repeat a budget for repeat runs: mean and range)",
                "Every command takes --usage. Configuration overrides: --@component.field value.");
    }
}
