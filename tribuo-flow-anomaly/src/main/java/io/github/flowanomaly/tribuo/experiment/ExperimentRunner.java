package io.github.flowanomaly.tribuo.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.oracle.labs.mlrg.olcut.util.Pair;
import io.github.flowanomaly.tf.ExecutionOptions;
import io.github.flowanomaly.tf.GlowScoringSession;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.GlowWeights;
import io.github.flowanomaly.tf.ImageBatch;
import io.github.flowanomaly.tf.LevelScores;
import io.github.flowanomaly.tribuo.detectors.BackgroundRatioModel;
import io.github.flowanomaly.tribuo.detectors.ComplexityCorrectedModel;
import io.github.flowanomaly.tribuo.detectors.GlowPairModel;
import io.github.flowanomaly.tribuo.detectors.LikelihoodRatioModel;
import io.github.flowanomaly.tribuo.detectors.LikelihoodRatioTrainer;
import io.github.flowanomaly.tribuo.detectors.PngComplexity;
import io.github.flowanomaly.tribuo.detectors.RatioScore;
import io.github.flowanomaly.tribuo.evaluation.OodEvaluation;
import io.github.flowanomaly.tribuo.evaluation.OodEvaluator;
import io.github.flowanomaly.tribuo.evaluation.OodResult;
import io.github.flowanomaly.tribuo.evaluation.ScoreOrientation;
import io.github.flowanomaly.tribuo.impl.AtomicFiles;
import io.github.flowanomaly.tribuo.glow.Checkpointing;
import io.github.flowanomaly.tribuo.glow.FlowAnomalyModel;
import io.github.flowanomaly.tribuo.glow.FlowScore;
import io.github.flowanomaly.tribuo.glow.GlowModel;
import io.github.flowanomaly.tribuo.glow.GlowTrainer;
import io.github.flowanomaly.tribuo.glow.ProgressListener;
import io.github.flowanomaly.tribuo.impl.TrainingImages;
import io.github.flowanomaly.tribuo.provenance.ProvenanceJson;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Model;
import io.github.flowanomaly.tribuo.data.ImageDataset;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.anomaly.AnomalyFactory;
import org.tribuo.anomaly.Event;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.logging.Logger;

/**
 * Runs a {@link PaperExperiment}: trains every model (saved under {@code <out>/models}), evaluates every detector and
 * writes {@code <out>/record.json} with results, provenance, timings, machine and library versions and the command
 * line.
 * <p>
 * Every training checkpoints into {@code <out>/checkpoints} every {@value #CHECKPOINT_EVERY_STEPS} steps. A run that
 * was killed continues with {@code resume}: models already saved are read back instead of trained again, and the
 * training that was interrupted continues from its checkpoint (time budgets count the time already spent). Without
 * {@code resume}, an output directory that holds an earlier run's models or checkpoints is refused, so runs never mix
 * by accident.
 */
public final class ExperimentRunner {

    private static final Logger logger = Logger.getLogger(ExperimentRunner.class.getName());

    /** Training steps between checkpoints of every model an experiment trains. */
    public static final int CHECKPOINT_EVERY_STEPS = 200;

    private final PaperExperiment experiment;
    private final Path outDir;
    private final ProgressListener listener;
    private final boolean resume;
    private final PhaseTimer timer = new PhaseTimer();
    private RunDirectory run;
    private final Map<String, Object> provenance = new LinkedHashMap<>();
    private final Map<String, Map<String, double[]>> scores = new LinkedHashMap<>();
    private final GlowScoreCache glowScores = new GlowScoreCache();
    private Dataset<Event> train;
    private MutableDataset<Event> test;
    private final Map<String, Dataset<Event>> ood = new LinkedHashMap<>();
    /** Flow detectors by name, in the order of the record. */
    private final Map<String, Model<Event>> detectors = new LinkedHashMap<>();
    /** Every Glow trained, by the name of its sample grid. */
    private final Map<String, GlowModel> glows = new LinkedHashMap<>();
    private final List<DetectorResult> results = new ArrayList<>();
    private final Map<String, OodEvaluation> evaluations = new LinkedHashMap<>();

    /**
     * Creates a runner.
     *
     * @param experiment the experiment.
     * @param outDir     the output directory (created if needed).
     * @param listener   training progress reports.
     * @param resume     whether to continue an interrupted run in {@code outDir} (reuse its saved models, resume its
     *                   checkpoints).
     */
    public ExperimentRunner(PaperExperiment experiment, Path outDir, ProgressListener listener, boolean resume) {
        this.experiment = experiment;
        this.outDir = outDir;
        this.listener = listener;
        this.resume = resume;
    }

    /**
     * Runs the experiment.
     *
     * @param commandLine the command line that started it, recorded verbatim.
     * @return the record (also written to {@code record.json}).
     * @throws IOException           if an output file cannot be written.
     * @throws IllegalStateException if this runner has already run.
     */
    public ExperimentRecord run(String commandLine) throws IOException {
        if (run != null) {
            throw new IllegalStateException("An ExperimentRunner runs once: create another runner for another run");
        }
        run = new RunDirectory(outDir, resume, CHECKPOINT_EVERY_STEPS, timer);
        long start = System.nanoTime();
        loadSets();
        PaperModels paper = experiment.hasGeneralModel() ? trainPaperModels() : null;
        GlowModel scratch = experiment.scratchTrainer() != null ? trainScratch() : null;
        if (paper != null) {
            addPaperDetectors(paper);
        }
        BackgroundRatioModel background = experiment.backgroundTrainer() != null ? trainBackground(scratch) : null;
        if (experiment.complexityCorrection() && scratch != null) {
            addComplexityCorrected(scratch);
        }
        for (Map.Entry<String, Model<Event>> d : detectors.entrySet()) {
            OodEvaluation e = timer.timed("evaluate " + d.getKey(), () -> evaluate(d.getKey(), d.getValue(),
                    ScoreOrientation.HIGHER_IS_ANOMALOUS));
            record(d.getKey(), e);
        }
        levelDiagnostics(paper, scratch, background);
        experiment.baselines().forEach(this::evaluateBaseline);
        if (paper != null) {
            provenance.put("general model", json(ProvenanceJson.toJson(paper.general().getProvenance())));
            provenance.put("likelihood ratio", json(ProvenanceJson.toJson(paper.ratio().getProvenance())));
            provenance.put("likelihood ratio + outlier loss",
                    json(ProvenanceJson.toJson(paper.ratioOutlier().getProvenance())));
        }
        if (scratch != null) {
            provenance.put("scratch model", json(ProvenanceJson.toJson(scratch.getProvenance())));
        }
        provenance.put("experiment", json(ProvenanceJson.toJson(experiment.getProvenance())));
        List<SampleGrid> samples = timer.timed("sample", () -> samples(glows));
        timer.put("total", (System.nanoTime() - start) / 1e9);
        ExperimentRecord record = new ExperimentRecord(experiment.name(), results, evaluations, provenance,
                timer.seconds(), environment(), commandLine, scores, samples,
                experiment.baselines().stream().map(Baseline::name).toList());
        writeJson(run.file("record.json"), record.toMap());
        writeJson(run.file("scores.json"), scores);
        writeJson(run.file("samples.json"), samples);
        closeAll(detectors.values());
        return record;
    }

    /** The models of the paper's detectors: the general Glow and its two fine-tuned ratios. */
    private record PaperModels(GlowModel general, LikelihoodRatioModel ratio, LikelihoodRatioModel ratioOutlier) {
    }

    private void loadSets() {
        train = timer.timed("load in-distribution train", () -> ImageDataset.of(experiment.inDistributionTrain()));
        test = timer.timed("load in-distribution test", () -> new MutableDataset<>(experiment.inDistributionTest()));
        for (int i = 0; i < experiment.oodTests().size(); i++) {
            int index = i;
            ood.put(experiment.oodNames().get(i), timer.timed("load " + experiment.oodNames().get(i),
                    () -> new MutableDataset<>(experiment.oodTests().get(index))));
        }
    }

    /** Trains (or, resuming, reads) the general Glow and fine-tunes it with and without the outlier loss. */
    private PaperModels trainPaperModels() {
        experiment.generalTrainer().setProgressListener(listener);
        Dataset<Event> general = timer.timed("load general", () -> ImageDataset.of(experiment.generalData()));
        GlowModel generalModel = run.trained("train general model", "general", GlowModel.class,
                () -> experiment.generalTrainer().withCheckpointing(run.checkpoint("general")).train(general));
        Path generalPath = run.modelPath("general");
        LikelihoodRatioModel ratio = run.trained("fine-tune", "likelihood-ratio", LikelihoodRatioModel.class,
                () -> fineTuner(experiment.fineTuneTrainer(), generalPath, run.checkpoint("likelihood-ratio"))
                        .train(train));
        LikelihoodRatioModel ratioOutlier = run.trained("fine-tune with outlier loss",
                "likelihood-ratio-outlier-loss", LikelihoodRatioModel.class,
                () -> fineTuner(experiment.outlierFineTuneTrainer(), generalPath,
                        run.checkpoint("likelihood-ratio-outlier-loss")).train(train));
        glows.put("general", generalModel);
        glows.put("fine-tuned", ratio.inDistributionModel(FlowScore.NEGATIVE_LOG_LIKELIHOOD));
        glows.put("fine-tuned + outlier loss", ratioOutlier.inDistributionModel(FlowScore.NEGATIVE_LOG_LIKELIHOOD));
        return new PaperModels(generalModel, ratio, ratioOutlier);
    }

    private void addPaperDetectors(PaperModels paper) {
        LikelihoodRatioModel ratio = paper.ratio();
        detectors.put("raw likelihood (fine-tuned)", ratio.inDistributionModel(FlowScore.NEGATIVE_LOG_LIKELIHOOD));
        detectors.put("last scale (fine-tuned)", ratio.inDistributionModel(FlowScore.LAST_SCALE));
        detectors.put("typicality (fine-tuned)", ratio.inDistributionModel(FlowScore.TYPICALITY));
        detectors.put("raw likelihood (general)", paper.general());
        detectors.put("likelihood ratio", ratio);
        detectors.put("likelihood ratio + outlier loss", paper.ratioOutlier());
        detectors.put("last-scale ratio", ratio.withScore(RatioScore.LAST_SCALE_RATIO));
        detectors.put("last-scale ratio + outlier loss", paper.ratioOutlier().withScore(RatioScore.LAST_SCALE_RATIO));
    }

    /** Trains the from-scratch Glow and adds its raw, last-scale and typicality detectors. */
    private GlowModel trainScratch() {
        GlowTrainer scratchTrainer = experiment.scratchTrainer().withHeldOutSeed(heldOutSeed())
                .withCheckpointing(run.checkpoint("scratch"));
        scratchTrainer.setProgressListener(listener);
        GlowModel scratch = run.trained("train from scratch", "scratch", GlowModel.class,
                () -> scratchTrainer.train(train));
        glows.put("scratch", scratch);
        detectors.put("raw likelihood (scratch)", scratch);
        detectors.put("last scale (scratch)", scratch.withScore(FlowScore.LAST_SCALE));
        detectors.put("typicality (scratch)", scratch.withScore(FlowScore.TYPICALITY));
        return scratch;
    }

    /** Trains the background Glow and adds the background ratio over the from-scratch Glow, and its last scale. */
    private BackgroundRatioModel trainBackground(GlowModel scratch) {
        GlowTrainer backgroundTrainer = experiment.backgroundTrainer().withHeldOutSeed(heldOutSeed())
                .withCheckpointing(run.checkpoint("background"));
        backgroundTrainer.setProgressListener(listener);
        GlowModel background = run.trained("train background model", "background", GlowModel.class,
                () -> backgroundTrainer.train(train));
        glows.put("background", background);
        BackgroundRatioModel pair = BackgroundRatioModel.of(scratch, background, RatioScore.LIKELIHOOD_RATIO);
        detectors.put("background ratio", pair);
        detectors.put("last-scale background ratio", pair.withScore(RatioScore.LAST_SCALE_RATIO));
        provenance.put("background model", json(ProvenanceJson.toJson(background.getProvenance())));
        return pair;
    }

    private void addComplexityCorrected(GlowModel scratch) {
        ComplexityCorrectedModel complexity = timer.timed("complexity calibration",
                () -> ComplexityCorrectedModel.of(scratch, PngComplexity.DEFAULT,
                        heldOutImages(experiment.scratchTrainer()), scratch.calibration().quantile()));
        detectors.put("complexity-corrected likelihood (scratch)", complexity);
    }

    /** Per-level ratio rows of the ratios, and per-level scores of the fine-tuned (else from-scratch) Glow. */
    private void levelDiagnostics(PaperModels paper, GlowModel scratch, BackgroundRatioModel background) {
        if (background != null) {
            timer.timed("background ratio by level", () -> levelRatios(background, "background ratio"));
        }
        if (paper != null) {
            LikelihoodRatioModel lr = paper.ratio();
            timer.timed("per-level scores", () -> levelScores(lr.inDistributionModel(FlowScore.NEGATIVE_LOG_LIKELIHOOD),
                    "fine-tuned"));
            timer.timed("likelihood ratio by level", () -> levelRatios(lr, "ratio"));
        } else if (scratch != null) {
            timer.timed("per-level scores", () -> levelScores(scratch, "scratch"));
        }
    }

    /** Trains a Tribuo baseline on (the first images of) the training set and evaluates it. */
    private void evaluateBaseline(Baseline b) {
        Dataset<Event> subset = b.trainLimit() == 0 || b.trainLimit() >= train.size() ? train
                : new MutableDataset<>(train.getData().subList(0, b.trainLimit()),
                new SimpleDataSourceProvenance("first " + b.trainLimit() + " in-distribution training images",
                        new AnomalyFactory()), new AnomalyFactory());
        Model<Event> model = timer.timed("train " + b.name(), () -> b.trainer().train(subset));
        provenance.put(b.name(), json(ProvenanceJson.toJson(model.getProvenance())));
        ScoreOrientation orientation = ScoreOrientation.resolve(model, b.orientation());
        record(b.name(), timer.timed("evaluate " + b.name(), () -> evaluate(b.name(), model, orientation)));
    }

    /**
     * Predicts every set once (a flow detector from its Glows' cached log-likelihoods), keeps the oriented anomaly
     * scores and evaluates them.
     */
    private OodEvaluation evaluate(String detector, Model<Event> model, ScoreOrientation orientation) {
        Map<String, double[]> byName = new LinkedHashMap<>();
        List<Prediction<Event>> in = predict(model, experiment.inDistributionName(), test);
        byName.put(experiment.inDistributionName(), anomalyScores(in, orientation));
        Map<String, List<Prediction<Event>>> oodPredictions = new LinkedHashMap<>();
        for (Map.Entry<String, Dataset<Event>> e : ood.entrySet()) {
            List<Prediction<Event>> p = predict(model, e.getKey(), e.getValue());
            oodPredictions.put(e.getKey(), p);
            byName.put(e.getKey(), anomalyScores(p, orientation));
        }
        scores.put(detector, byName);
        return new OodEvaluator(orientation).evaluate(model, experiment.inDistributionName(), in, oodPredictions);
    }

    private List<Prediction<Event>> predict(Model<Event> model, String name, Dataset<Event> set) {
        return model instanceof FlowAnomalyModel flow ? glowScores.predict(flow, name, set) : model.predict(set);
    }

    private static double[] anomalyScores(List<Prediction<Event>> predictions, ScoreOrientation orientation) {
        return predictions.stream().mapToDouble(p -> orientation.toAnomalyScore(p.getOutput().getScore()))
                .toArray();
    }

    /** Per-level anomaly scores −lp_s of one Glow on every set, for the report's histograms. */
    private Void levelScores(GlowModel model, String label) {
        Map<String, Dataset<Event>> sets = new LinkedHashMap<>();
        sets.put(experiment.inDistributionName(), test);
        sets.putAll(ood);
        for (Map.Entry<String, Dataset<Event>> set : sets.entrySet()) {
            LevelScores s = glowScores.logLikelihoods(model, 0, set.getKey(), set.getValue());
            for (int level = 0; level < s.levels(); level++) {
                double[] values = new double[s.count()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = -s.levelLogLikelihood(i, level);
                }
                scores.computeIfAbsent("level " + level + " (" + label + ")", k -> new LinkedHashMap<>())
                        .put(set.getKey(), values);
            }
        }
        model.close();
        return null;
    }

    /**
     * Diagnostic rows "level s {label}": a pair's ratio restricted to each level but the last (which is the
     * last-scale ratio detector), {@code lp_ref,s − lp_in,s}. They show which scales separate the sets: the full
     * ratio is their sum.
     */
    private Void levelRatios(GlowPairModel ratio, String label) {
        Map<String, Pair<LevelScores, LevelScores>> sets = new LinkedHashMap<>();
        sets.put(experiment.inDistributionName(), pairScores(ratio, experiment.inDistributionName(), test));
        ood.forEach((name, data) -> sets.put(name, pairScores(ratio, name, data)));
        int levels = ratio.spec().levels();
        for (int level = 0; level < levels - 1; level++) {
            String name = "level " + level + " " + label + " (diagnostic)";
            Map<String, double[]> byName = new LinkedHashMap<>();
            for (Map.Entry<String, Pair<LevelScores, LevelScores>> set : sets.entrySet()) {
                LevelScores in = set.getValue().getA();
                double[] values = new double[in.count()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = RatioScore.levelRatio(in, set.getValue().getB(), i, level);
                }
                byName.put(set.getKey(), values);
            }
            double[] inScores = byName.get(experiment.inDistributionName());
            List<OodResult> rows = new ArrayList<>();
            for (String oodName : ood.keySet()) {
                rows.add(OodResult.of(oodName, inScores, byName.get(oodName)));
            }
            scores.put(name, byName);
            record(name, new OodEvaluation(name, experiment.inDistributionName(), rows, Map.of()));
        }
        return null;
    }

    private Pair<LevelScores, LevelScores> pairScores(GlowPairModel pair, String name, Dataset<Event> set) {
        return new Pair<>(glowScores.logLikelihoods(pair, 0, name, set), glowScores.logLikelihoods(pair, 1, name, set));
    }

    /** Samples of every Glow the experiment trained, by name (general, fine-tuned, scratch, background). */
    private static List<SampleGrid> samples(Map<String, GlowModel> glows) {
        List<SampleGrid> grids = new ArrayList<>();
        glows.forEach((name, glow) -> grids.add(sample(name, glow.spec(), glow.weights())));
        return grids;
    }

    private static SampleGrid sample(String name, GlowSpec spec, GlowWeights weights) {
        int count = 36;
        try (GlowScoringSession session = new GlowScoringSession(spec, weights, ExecutionOptions.defaults(), 64)) {
            ImageBatch batch = session.sample(count, 0.7, 1);
            return new SampleGrid(name, spec.height(), spec.width(), spec.channels(), count, batch.pixels());
        }
    }

    /** The seed of the held-out split shared by the from-scratch and background Glows. */
    private long heldOutSeed() {
        return experiment.seed() == 0 ? 1 : experiment.seed();
    }

    /** The in-distribution training images a from-scratch Glow of this experiment held out, in its order. */
    private Dataset<Event> heldOutImages(GlowTrainer trainer) {
        int[] positions = TrainingImages.heldOutPositions(train.size(), trainer.calibrationFraction(),
                new SplittableRandom(heldOutSeed()));
        List<Example<Event>> held = new ArrayList<>(positions.length);
        for (int p : positions) {
            held.add(train.getExample(p));
        }
        return new MutableDataset<>(held, new SimpleDataSourceProvenance("held-out in-distribution training images",
                new AnomalyFactory()), new AnomalyFactory());
    }

    private LikelihoodRatioTrainer fineTuner(LikelihoodRatioTrainer configured, Path generalPath,
                                             Checkpointing checkpointing) {
        LikelihoodRatioTrainer trainer = configured.fineTuning(generalPath, experiment.generalData(), checkpointing);
        trainer.setProgressListener(listener);
        return trainer;
    }

    private void record(String name, OodEvaluation e) {
        logger.info(name + "\n" + e);
        evaluations.put(name, e);
        for (OodResult r : e.results()) {
            results.add(new DetectorResult(name, experiment.inDistributionName(), r));
        }
    }

    private static Map<String, Object> environment() {
        Map<String, Object> env = HostEnvironment.describe();
        HostEnvironment.loadAverage().ifPresent(load -> env.put("load_average_at_end", load));
        return env;
    }

    private static void closeAll(Iterable<Model<Event>> models) {
        for (Model<Event> m : models) {
            if (m instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing native sessions cannot fail in a way that matters here
                }
            }
        }
    }

    static Object json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            return text;
        }
    }

    /**
     * Writes a JSON value atomically (temporary file, then rename).
     *
     * @param path  the target file.
     * @param value the value.
     * @throws IOException if writing fails.
     */
    public static void writeJson(Path path, Object value) throws IOException {
        AtomicFiles.write(path, temp ->
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(temp.toFile(), value));
    }
}
