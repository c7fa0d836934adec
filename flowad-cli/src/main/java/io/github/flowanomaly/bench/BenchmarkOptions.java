package io.github.flowanomaly.bench;

import com.oracle.labs.mlrg.olcut.config.Option;
import io.github.flowanomaly.tf.Precision;
import com.oracle.labs.mlrg.olcut.config.Options;

/**
 * The valued command-line options of {@code flowad bench} (OLCUT), each defaulting to
 * {@link BenchmarkConfig#standard()}. OLCUT reads the option names and usages from the fields; {@code --usage}
 * lists them with their defaults.
 */
public final class BenchmarkOptions implements Options {

    private static final BenchmarkConfig STANDARD = BenchmarkConfig.standard();

    /** Image height and width. */
    @Option(longName = "size", usage = "Image height and width (divisible by 2^levels).")
    public int size = STANDARD.size();
    /** Image channels. */
    @Option(longName = "channels", usage = "Image channels.")
    public int channels = STANDARD.channels();
    /** Glow levels L. */
    @Option(longName = "levels", usage = "Glow levels L.")
    public int levels = STANDARD.levels();
    /** Flow steps K per level. */
    @Option(longName = "steps", usage = "Flow steps K per level.")
    public int steps = STANDARD.stepsPerLevel();
    /** Hidden channels of the coupling networks. */
    @Option(longName = "hidden", usage = "Hidden channels of the coupling networks.")
    public int hidden = STANDARD.hidden();
    /** Training batch size. */
    @Option(longName = "batch", usage = "Training batch size, >= 2.")
    public int batch = STANDARD.batch();
    /** Training steps per timed repeat. */
    @Option(longName = "train-steps", usage = "Training steps per timed repeat.")
    public int trainSteps = STANDARD.trainSteps();
    /** Scoring calls per timed repeat. */
    @Option(longName = "score-batches", usage = "Scoring calls per timed repeat.")
    public int scoreBatches = STANDARD.scoreBatches();
    /** Images per scoring call. */
    @Option(longName = "score-batch", usage = "Images per scoring call.")
    public int scoreBatch = STANDARD.scoreBatch();
    /** Timed repeats. */
    @Option(longName = "repeats", usage = "Timed repeats; the median is reported.")
    public int repeats = STANDARD.repeats();
    /** Untimed training steps first. */
    @Option(longName = "warmup", usage = "Untimed training steps first, >= 1.")
    public int warmup = STANDARD.warmup();
    /** TensorFlow intra-op threads. */
    @Option(longName = "intra-threads", usage = "TensorFlow intra-op threads, 0 = TensorFlow chooses (default: "
            + "the available processors).")
    public int intraThreads = STANDARD.intraThreads();
    /** TensorFlow inter-op threads. */
    @Option(longName = "inter-threads", usage = "TensorFlow inter-op threads, 0 = TensorFlow chooses.")
    public int interThreads = STANDARD.interThreads();
    /** Seed of the weights and images. */
    @Option(longName = "seed", usage = "Seed of the initial weights and the generated images.")
    public long seed = STANDARD.seed();
    /** Arithmetic precision. */
    @Option(longName = "precision", usage = "FP32, BF16_COUPLING (coupling networks in bfloat16; float32 on a CPU "
            + "without AVX512_BF16/AMX) or AUTO (bfloat16 where the CPU has it).")
    public Precision precision = STANDARD.precision();

    @Override
    public String getOptionsDescription() {
        return "flowad bench: Glow training and scoring throughput on generated images. Flags without a value: "
                + "--json (one JSON object on stdout), --profile (also profile 5 training steps: dequantisation, "
                + "feeds and session run; and trace 3: milliseconds per kernel type and per phase - forward, "
                + "backward, Adamax update). TF_ENABLE_ONEDNN_OPTS=1 (or 0) forces oneDNN on (off).";
    }

    /**
     * @param json    whether to print JSON.
     * @param profile whether to profile traced training steps.
     * @return the validated configuration.
     * @throws IllegalArgumentException naming the invalid option.
     */
    BenchmarkConfig toConfig(boolean json, boolean profile) {
        return new BenchmarkConfig(size, channels, levels, steps, hidden, batch, trainSteps, scoreBatches, scoreBatch,
                repeats, warmup, intraThreads, interThreads, seed, precision, json, profile);
    }
}
