package io.github.flowanomaly.bench;

import com.oracle.labs.mlrg.olcut.config.ArgumentException;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.UsageException;
import io.github.flowanomaly.tf.ExecutionOptions;
import io.github.flowanomaly.tf.Precision;
import io.github.flowanomaly.tf.GlowSpec;

import java.util.Arrays;
import java.util.List;

/**
 * What {@link GlowBenchmark} measures: the architecture, the batch sizes, how many steps are timed and the
 * TensorFlow threads. Images are square.
 *
 * @param size          image height and width (divisible by 2^levels).
 * @param channels      image channels.
 * @param levels        Glow levels L.
 * @param stepsPerLevel flow steps K per level.
 * @param hidden        hidden channels of the coupling networks.
 * @param batch         training batch size (also the data-dependent initialisation batch), at least 2.
 * @param trainSteps    training steps per timed repeat.
 * @param scoreBatches  scoring calls per timed repeat.
 * @param scoreBatch    images per scoring call, which is also the scoring session's chunk.
 * @param repeats       timed repeats; the median is reported.
 * @param warmup        untimed training steps before the repeats, at least 1: the first step carries TensorFlow's
 *                      one-off graph optimisation and is reported on its own.
 * @param intraThreads  TensorFlow intra-op threads (0 lets TensorFlow choose).
 * @param interThreads  TensorFlow inter-op threads (0 lets TensorFlow choose).
 * @param seed          seed of the initial weights and of the generated images.
 * @param precision     the arithmetic precision asked for (resolved against the CPU, see {@link Precision}).
 * @param json          whether to print one JSON object instead of a text summary.
 * @param profile       whether to trace a few extra training steps and report the time per kernel type.
 */
public record BenchmarkConfig(int size, int channels, int levels, int stepsPerLevel, int hidden, int batch,
                              int trainSteps, int scoreBatches, int scoreBatch, int repeats, int warmup,
                              int intraThreads, int interThreads, long seed, Precision precision, boolean json,
                              boolean profile) {

    /**
     * Validates the values and that they form a valid {@link GlowSpec}.
     *
     * @param size          image height and width.
     * @param channels      image channels.
     * @param levels        Glow levels L.
     * @param stepsPerLevel flow steps K per level.
     * @param hidden        hidden channels of the coupling networks.
     * @param batch         training batch size, at least 2.
     * @param trainSteps    training steps per timed repeat, at least 1.
     * @param scoreBatches  scoring calls per timed repeat, at least 1.
     * @param scoreBatch    images per scoring call, at least 1.
     * @param repeats       timed repeats, at least 1.
     * @param warmup        untimed training steps, at least 1.
     * @param intraThreads  TensorFlow intra-op threads, at least 0.
     * @param interThreads  TensorFlow inter-op threads, at least 0.
     * @param seed          seed of weights and images.
     * @param precision     the precision asked for, not null.
     * @param json          whether to print JSON.
     * @param profile       whether to report the time per kernel type of traced training steps.
     * @throws IllegalArgumentException naming the invalid option.
     */
    public BenchmarkConfig {
        requireAtLeast("--batch", batch, 2);
        requireAtLeast("--train-steps", trainSteps, 1);
        requireAtLeast("--score-batches", scoreBatches, 1);
        requireAtLeast("--score-batch", scoreBatch, 1);
        requireAtLeast("--repeats", repeats, 1);
        requireAtLeast("--warmup", warmup, 1);
        requireAtLeast("--intra-threads", intraThreads, 0);
        requireAtLeast("--inter-threads", interThreads, 0);
        if (precision == null) {
            throw new IllegalArgumentException("--precision must be FP32, BF16_COUPLING or AUTO");
        }
        try {
            new GlowSpec(size, size, channels, levels, stepsPerLevel, hidden, seed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid architecture (--size, --channels, --levels, --steps, "
                    + "--hidden): " + e.getMessage(), e);
        }
    }

    /**
     * The standard configuration of the design notes: grey 32x32, L=3, K=8, hidden 128, batch 64; 3 warm-up steps,
     * 3 repeats of 10 training steps and of 10 scoring calls of 256 images; all processors inside ops, two ops at a
     * time ({@link ExecutionOptions#DEFAULT_INTER_OP_THREADS}); seed 1; float32; text output; no profile.
     *
     * @return the configuration.
     */
    public static BenchmarkConfig standard() {
        return new BenchmarkConfig(32, 1, 3, 8, 128, 64, 10, 10, 256, 3, 3,
                Runtime.getRuntime().availableProcessors(), ExecutionOptions.DEFAULT_INTER_OP_THREADS, 1L, Precision.FP32,
                false, false);
    }

    /**
     * Parses command line options ({@code --name value} through OLCUT, see {@link BenchmarkOptions}, plus the flags
     * {@code --json} and {@code --profile}, which OLCUT cannot express because its boolean options take a value) over
     * {@link #standard()}.
     *
     * @param args the options.
     * @return the configuration.
     * @throws IllegalArgumentException for an unknown option, a missing or malformed value, or an invalid
     *                                  configuration; the message names the option.
     * @throws UsageException           for {@code --usage}, carrying the usage message.
     */
    public static BenchmarkConfig parse(String... args) {
        List<String> flags = List.of("--json", "--profile");
        String[] valued = Arrays.stream(args).filter(a -> !flags.contains(a)).toArray(String[]::new);
        BenchmarkOptions options = new BenchmarkOptions();
        String[] unnamed;
        try (ConfigurationManager cm = new ConfigurationManager(valued, options)) {
            unnamed = cm.getUnnamedArguments();
        } catch (UsageException e) {
            throw e;
        } catch (ArgumentException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (unnamed.length > 0) {
            throw new IllegalArgumentException("Unexpected argument '" + unnamed[0]
                    + "': bench takes --name value options and the flags --json and --profile");
        }
        List<String> given = Arrays.asList(args);
        return options.toConfig(given.contains("--json"), given.contains("--profile"));
    }

    /** @return the Glow architecture measured, seeded with {@link #seed()}. */
    public GlowSpec spec() {
        return new GlowSpec(size, size, channels, levels, stepsPerLevel, hidden, seed);
    }

    /** @return the TensorFlow execution settings. */
    public ExecutionOptions execution() {
        return new ExecutionOptions(intraThreads, interThreads, false, precision);
    }

    private static void requireAtLeast(String option, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException("Option " + option + " must be >= " + minimum + ", found " + value);
        }
    }
}
