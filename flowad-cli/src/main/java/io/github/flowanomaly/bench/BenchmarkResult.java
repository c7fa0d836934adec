package io.github.flowanomaly.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.flowanomaly.tf.CpuFeatures;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The measurements of one {@link GlowBenchmark} run and the context needed to compare them (threads, oneDNN, load,
 * versions).
 *
 * @param config                the configuration measured.
 * @param trainRepeats          training images per second of each timed repeat.
 * @param scoreRepeats          scoring images per second of each timed repeat.
 * @param setupSeconds          training graph build, session start and data-dependent initialisation.
 * @param firstStepSeconds      the first training step (includes TensorFlow's one-off graph optimisation).
 * @param forwardFlopsPerImage  analytic forward FLOPs per image ({@code GlowSpec.forwardFlopsPerImage()}).
 * @param peakRssMb             peak resident memory of the process in MB ({@code VmHWM}), if known.
 * @param loadAverage           one-minute load average of the machine at the start, if known.
 * @param onednn                the value of {@code TF_ENABLE_ONEDNN_OPTS}, or {@code "default"} if unset.
 * @param tensorflowVersion     the native TensorFlow version.
 * @param javaVersion           the Java runtime version.
 * @param availableProcessors   processors available to the JVM.
 * @param cpuModel              the CPU's model name ("unknown" where the platform does not tell).
 * @param trainCpu              how the cores were used during the timed training repeats.
 * @param trainingProfile       where a training step's time goes ({@link TrainingProfile#none()} unless profiling
 *                              was asked for).
 */
public record BenchmarkResult(BenchmarkConfig config, List<Double> trainRepeats, List<Double> scoreRepeats,
                              double setupSeconds, double firstStepSeconds, double forwardFlopsPerImage,
                              OptionalDouble peakRssMb, OptionalDouble loadAverage, String onednn,
                              String tensorflowVersion, String javaVersion, int availableProcessors,
                              String cpuModel, CpuUsage trainCpu, TrainingProfile trainingProfile) {

    /** Training costs about three forward passes: the forward pass plus a backward pass of about twice its cost. */
    public static final double TRAINING_TO_FORWARD_COST = 3.0;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Copies the repeat lists.
     *
     * @param config               the configuration measured.
     * @param trainRepeats         training images per second of each repeat, at least one.
     * @param scoreRepeats         scoring images per second of each repeat, at least one.
     * @param setupSeconds         training set-up time.
     * @param firstStepSeconds     first training step time.
     * @param forwardFlopsPerImage forward FLOPs per image.
     * @param peakRssMb            peak resident memory in MB, if known.
     * @param loadAverage          one-minute load average at the start, if known.
     * @param onednn               the oneDNN setting.
     * @param tensorflowVersion    the TensorFlow version.
     * @param javaVersion          the Java version.
     * @param availableProcessors  processors available to the JVM.
     * @param cpuModel             the CPU's model name.
     * @param trainCpu             core usage during the timed training repeats.
     * @param trainingProfile      the training step profile (may be {@link TrainingProfile#none()}).
     * @throws IllegalArgumentException if a list of repeats is empty.
     */
    public BenchmarkResult {
        if (trainRepeats.isEmpty() || scoreRepeats.isEmpty()) {
            throw new IllegalArgumentException("Need at least one timed repeat of training and of scoring");
        }
        trainRepeats = List.copyOf(trainRepeats);
        scoreRepeats = List.copyOf(scoreRepeats);
        if (trainCpu == null) {
            throw new IllegalArgumentException("trainCpu must not be null (CpuUsage.unknown() where unknown)");
        }
        if (trainingProfile == null) {
            throw new IllegalArgumentException("trainingProfile must not be null (TrainingProfile.none() for none)");
        }
    }

    /** @return the median training throughput over the repeats, images per second. */
    public double trainImagesPerSecond() {
        return median(trainRepeats);
    }

    /** @return the median scoring throughput over the repeats, images per second. */
    public double scoreImagesPerSecond() {
        return median(scoreRepeats);
    }

    /** @return forward GFLOP per image. */
    public double forwardGflopPerImage() {
        return forwardFlopsPerImage / 1e9;
    }

    /** @return achieved training GFLOP/s, counting a training image as {@value #TRAINING_TO_FORWARD_COST} forwards. */
    public double trainGflops() {
        return trainImagesPerSecond() * TRAINING_TO_FORWARD_COST * forwardGflopPerImage();
    }

    /** @return achieved scoring GFLOP/s (one forward pass per image). */
    public double scoreGflops() {
        return scoreImagesPerSecond() * forwardGflopPerImage();
    }

    /**
     * The result as one JSON object on one line, with the keys {@code train_images_per_second},
     * {@code score_images_per_second}, {@code train_repeats}, {@code score_repeats}, {@code peak_rss_mb},
     * {@code config}, {@code threads}, {@code onednn}, {@code forward_gflop_per_image}, {@code train_gflops},
     * {@code score_gflops}, {@code setup_seconds}, {@code first_step_seconds}, {@code tensorflow_version},
     * {@code java_version}, {@code available_processors}, {@code cpu_model}, {@code load_average},
     * {@code train_cpu} (fractions of all cores' time during the timed training repeats: {@code user},
     * {@code system}, {@code idle}, {@code steal}; and {@code process_cpu_seconds_per_image}) and
     * {@code train_step_profile_ms} (kernel type to milliseconds of a traced step), {@code train_step_phases_ms}
     * (forward, backward, update, other: node milliseconds of a traced step, and {@code traced_run}: its wall time)
     * and {@code train_step_java_ms} (dequantize, feed, run: milliseconds of an untraced step); the three profile
     * objects are empty without {@code --profile}. Unknown and non-finite values are {@code null}.
     *
     * @return the JSON text.
     */
    public String toJson() {
        ObjectNode json = JSON.createObjectNode();
        number(json, "train_images_per_second", trainImagesPerSecond());
        number(json, "score_images_per_second", scoreImagesPerSecond());
        trainRepeats.forEach(v -> number(json.withArray("train_repeats"), v));
        scoreRepeats.forEach(v -> number(json.withArray("score_repeats"), v));
        number(json, "peak_rss_mb", peakRssMb);
        ObjectNode spec = json.putObject("config");
        spec.put("height", config.size());
        spec.put("width", config.size());
        spec.put("channels", config.channels());
        spec.put("levels", config.levels());
        spec.put("steps_per_level", config.stepsPerLevel());
        spec.put("hidden", config.hidden());
        spec.put("batch", config.batch());
        spec.put("score_batch", config.scoreBatch());
        ObjectNode threads = json.putObject("threads");
        threads.put("intra", config.intraThreads());
        threads.put("inter", config.interThreads());
        json.put("onednn", onednn);
        json.put("precision", config.precision().name());
        json.put("precision_effective", config.execution().effectivePrecision().name());
        json.put("cpu_bfloat16", CpuFeatures.current().bfloat16Unit());
        number(json, "forward_gflop_per_image", forwardGflopPerImage());
        number(json, "train_gflops", trainGflops());
        number(json, "score_gflops", scoreGflops());
        number(json, "setup_seconds", setupSeconds);
        number(json, "first_step_seconds", firstStepSeconds);
        json.put("tensorflow_version", tensorflowVersion);
        json.put("java_version", javaVersion);
        json.put("available_processors", availableProcessors);
        json.put("cpu_model", cpuModel);
        number(json, "load_average", loadAverage);
        ObjectNode cpu = json.putObject("train_cpu");
        number(cpu, "user", trainCpu.user());
        number(cpu, "system", trainCpu.system());
        number(cpu, "idle", trainCpu.idle());
        number(cpu, "steal", trainCpu.steal());
        number(cpu, "process_cpu_seconds_per_image",
                trainCpu.processCpuSeconds() / ((double) config.repeats() * config.trainSteps() * config.batch()));
        ObjectNode kernels = json.putObject("train_step_profile_ms");
        ObjectNode phases = json.putObject("train_step_phases_ms");
        ObjectNode java = json.putObject("train_step_java_ms");
        if (!trainingProfile.isEmpty()) {
            trainingProfile.kernelMillis().forEach((kernel, ms) -> number(kernels, kernel, ms));
            trainingProfile.phaseMillis().forEach((phase, ms) -> number(phases, phase, ms));
            number(phases, "traced_run", trainingProfile.tracedRunMillis());
            number(java, "dequantize", trainingProfile.dequantizeMillis());
            number(java, "feed", trainingProfile.feedMillis());
            number(java, "run", trainingProfile.runMillis());
        }
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of numbers and strings always serializes", e);
        }
    }

    private static void number(ObjectNode json, String name, double value) {
        if (Double.isFinite(value)) {
            json.put(name, value);
        } else {
            json.putNull(name);
        }
    }

    private static void number(ObjectNode json, String name, OptionalDouble value) {
        number(json, name, value.isPresent() ? value.getAsDouble() : Double.NaN);
    }

    private static void number(ArrayNode json, double value) {
        if (Double.isFinite(value)) {
            json.add(value);
        } else {
            json.addNull();
        }
    }

    /** @return a short human-readable summary, a few lines. */
    public String toSummary() {
        String summary = String.join("\n",
                String.format(Locale.ROOT, "Glow benchmark %dx%dx%d, L=%d, K=%d, hidden %d, batch %d, score batch %d;"
                                + " threads intra=%d inter=%d; oneDNN %s",
                        config.size(), config.size(), config.channels(), config.levels(), config.stepsPerLevel(),
                        config.hidden(), config.batch(), config.scoreBatch(), config.intraThreads(),
                        config.interThreads(), onednn),
                String.format(Locale.ROOT, "  setup %.2f s, first training step %.2f s", setupSeconds,
                        firstStepSeconds),
                String.format(Locale.ROOT, "  train %.1f img/s (median of %s), %.1f GFLOP/s; cores while training: "
                                + "user %.0f%%, system %.0f%%, idle %.0f%%, steal %.0f%%",
                        trainImagesPerSecond(), formatted(trainRepeats), trainGflops(), 100 * trainCpu.user(),
                        100 * trainCpu.system(), 100 * trainCpu.idle(), 100 * trainCpu.steal()),
                String.format(Locale.ROOT, "  score %.1f img/s (median of %s), %.1f GFLOP/s",
                        scoreImagesPerSecond(), formatted(scoreRepeats), scoreGflops()),
                String.format(Locale.ROOT, "  forward %.4f GFLOP/image; peak RSS %s MB; load average at start %s;"
                                + " TensorFlow %s, Java %s, %d processors (%s)",
                        forwardGflopPerImage(), orUnknown(peakRssMb, "%.0f"), orUnknown(loadAverage, "%.2f"),
                        tensorflowVersion, javaVersion, availableProcessors, cpuModel));
        return trainingProfile.isEmpty() ? summary : summary + "\n" + profileSummary();
    }

    private String profileSummary() {
        TrainingProfile p = trainingProfile;
        double total = p.nodeMillis();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "  untraced training step (medians): dequantisation %.2f ms, feed tensors "
                + "%.2f ms, session run %.1f ms", p.dequantizeMillis(), p.feedMillis(), p.runMillis()));
        StringBuilder phases = new StringBuilder();
        p.phaseMillis().forEach((phase, ms) -> phases.append(String.format(Locale.ROOT, ", %s %.1f ms (%.0f%%)",
                phase, ms, 100 * ms / total)));
        lines.add(String.format(Locale.ROOT, "  traced training step: run %.1f ms, node times %.1f ms%s",
                p.tracedRunMillis(), total, phases));
        lines.add("  node times summed by kernel type:");
        p.kernelMillis().entrySet().stream().limit(12).forEach(e -> lines.add(String.format(Locale.ROOT,
                "    %-40s %8.1f ms %5.1f%%", e.getKey(), e.getValue(), 100 * e.getValue() / total)));
        return String.join("\n", lines);
    }

    /**
     * The median, averaging the two middle values of an even count.
     *
     * @param values at least one value.
     * @return the median.
     */
    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String formatted(List<Double> values) {
        List<String> parts = new ArrayList<>();
        for (double v : values) {
            parts.add(String.format(Locale.ROOT, "%.1f", v));
        }
        return "[" + String.join(", ", parts) + "]";
    }

    private static String orUnknown(OptionalDouble value, String format) {
        return value.isPresent() ? String.format(Locale.ROOT, format, value.getAsDouble()) : "unknown";
    }
}
