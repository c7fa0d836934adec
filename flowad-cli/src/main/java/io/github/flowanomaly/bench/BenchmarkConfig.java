package io.github.flowanomaly.bench;

import io.github.flowanomaly.tf.ExecutionOptions;
import io.github.flowanomaly.tf.GlowSpec;

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
 * @param json          whether to print one JSON object instead of a text summary.
 * @param profile       whether to trace a few extra training steps and report the time per kernel type.
 */
public record BenchmarkConfig(int size, int channels, int levels, int stepsPerLevel, int hidden, int batch,
                              int trainSteps, int scoreBatches, int scoreBatch, int repeats, int warmup,
                              int intraThreads, int interThreads, long seed, boolean json, boolean profile) {

    /** The accepted options, in the order the usage message lists them. */
    private static final List<String> OPTIONS = List.of("--size", "--channels", "--levels", "--steps", "--hidden",
            "--batch", "--train-steps", "--score-batches", "--score-batch", "--repeats", "--warmup",
            "--intra-threads", "--inter-threads", "--seed", "--json", "--profile");

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
        try {
            new GlowSpec(size, size, channels, levels, stepsPerLevel, hidden, seed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid architecture (--size, --channels, --levels, --steps, "
                    + "--hidden): " + e.getMessage(), e);
        }
    }

    /**
     * The standard configuration of the design notes: grey 32x32, L=3, K=8, hidden 128, batch 64; 3 warm-up steps,
     * 3 repeats of 10 training steps and of 10 scoring calls of 256 images; all processors inside ops, one op at a
     * time; seed 1; text output; no profile.
     *
     * @return the configuration.
     */
    public static BenchmarkConfig standard() {
        return new BenchmarkConfig(32, 1, 3, 8, 128, 64, 10, 10, 256, 3, 3,
                Runtime.getRuntime().availableProcessors(), 1, 1L, false, false);
    }

    /**
     * Parses command line options ({@code --name value}, plus the flags {@code --json} and {@code --profile}) over
     * {@link #standard()}.
     *
     * @param args the options.
     * @return the configuration.
     * @throws IllegalArgumentException for an unknown option, a missing or malformed value, or an invalid
     *                                  configuration; the message names the option.
     */
    public static BenchmarkConfig parse(String... args) {
        Builder b = new Builder(standard());
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (!OPTIONS.contains(option)) {
                throw new IllegalArgumentException("Unknown option '" + option + "'");
            }
            if (option.equals("--json")) {
                b.json = true;
                continue;
            }
            if (option.equals("--profile")) {
                b.profile = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option " + option + " needs a value");
            }
            b.set(option, args[++i]);
        }
        return b.build();
    }

    /** @return the usage message, listing every option with its default. */
    public static String usage() {
        BenchmarkConfig d = standard();
        return String.join("\n",
                "Usage: GlowBenchmark [options]",
                "  --size N           image height and width (default " + d.size + ")",
                "  --channels N       image channels (default " + d.channels + ")",
                "  --levels N         Glow levels L (default " + d.levels + ")",
                "  --steps N          flow steps K per level (default " + d.stepsPerLevel + ")",
                "  --hidden N         hidden channels of the coupling networks (default " + d.hidden + ")",
                "  --batch N          training batch size, >= 2 (default " + d.batch + ")",
                "  --train-steps N    training steps per timed repeat (default " + d.trainSteps + ")",
                "  --score-batches N  scoring calls per timed repeat (default " + d.scoreBatches + ")",
                "  --score-batch N    images per scoring call (default " + d.scoreBatch + ")",
                "  --repeats N        timed repeats, median reported (default " + d.repeats + ")",
                "  --warmup N         untimed training steps first, >= 1 (default " + d.warmup + ")",
                "  --intra-threads N  TensorFlow intra-op threads, 0 = TF chooses (default: processors = "
                        + d.intraThreads + ")",
                "  --inter-threads N  TensorFlow inter-op threads, 0 = TF chooses (default " + d.interThreads + ")",
                "  --seed N           seed of weights and images (default " + d.seed + ")",
                "  --json             print one JSON object on stdout instead of a summary",
                "  --profile          also trace 3 training steps and report milliseconds per kernel type",
                "Set TF_ENABLE_ONEDNN_OPTS=1 (or 0) in the environment to force oneDNN on (off); the default depends"
                        + " on the CPU.");
    }

    /** @return the Glow architecture measured, seeded with {@link #seed()}. */
    public GlowSpec spec() {
        return new GlowSpec(size, size, channels, levels, stepsPerLevel, hidden, seed);
    }

    /** @return the TensorFlow execution settings. */
    public ExecutionOptions execution() {
        return new ExecutionOptions(intraThreads, interThreads, false);
    }

    private static void requireAtLeast(String option, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException("Option " + option + " must be >= " + minimum + ", found " + value);
        }
    }

    /** Mutable fields while parsing. */
    private static final class Builder {
        int size;
        int channels;
        int levels;
        int stepsPerLevel;
        int hidden;
        int batch;
        int trainSteps;
        int scoreBatches;
        int scoreBatch;
        int repeats;
        int warmup;
        int intraThreads;
        int interThreads;
        long seed;
        boolean json;
        boolean profile;

        Builder(BenchmarkConfig c) {
            size = c.size;
            channels = c.channels;
            levels = c.levels;
            stepsPerLevel = c.stepsPerLevel;
            hidden = c.hidden;
            batch = c.batch;
            trainSteps = c.trainSteps;
            scoreBatches = c.scoreBatches;
            scoreBatch = c.scoreBatch;
            repeats = c.repeats;
            warmup = c.warmup;
            intraThreads = c.intraThreads;
            interThreads = c.interThreads;
            seed = c.seed;
            json = c.json;
            profile = c.profile;
        }

        void set(String option, String value) {
            switch (option) {
                case "--size" -> size = integer(option, value);
                case "--channels" -> channels = integer(option, value);
                case "--levels" -> levels = integer(option, value);
                case "--steps" -> stepsPerLevel = integer(option, value);
                case "--hidden" -> hidden = integer(option, value);
                case "--batch" -> batch = integer(option, value);
                case "--train-steps" -> trainSteps = integer(option, value);
                case "--score-batches" -> scoreBatches = integer(option, value);
                case "--score-batch" -> scoreBatch = integer(option, value);
                case "--repeats" -> repeats = integer(option, value);
                case "--warmup" -> warmup = integer(option, value);
                case "--intra-threads" -> intraThreads = integer(option, value);
                case "--inter-threads" -> interThreads = integer(option, value);
                case "--seed" -> seed = longValue(option, value);
                default -> throw new IllegalStateException("Unhandled option " + option);
            }
        }

        BenchmarkConfig build() {
            return new BenchmarkConfig(size, channels, levels, stepsPerLevel, hidden, batch, trainSteps,
                    scoreBatches, scoreBatch, repeats, warmup, intraThreads, interThreads, seed, json, profile);
        }

        private static int integer(String option, String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Option " + option + " expects an integer, found '" + value + "'");
            }
        }

        private static long longValue(String option, String value) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Option " + option + " expects an integer, found '" + value + "'");
            }
        }
    }
}
