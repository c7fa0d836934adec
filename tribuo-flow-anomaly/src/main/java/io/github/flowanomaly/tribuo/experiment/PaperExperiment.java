package io.github.flowanomaly.tribuo.experiment;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenancable;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import io.github.flowanomaly.tf.OutlierLoss;
import io.github.flowanomaly.tribuo.glow.Augmentation;
import io.github.flowanomaly.tribuo.glow.BatchAugmentation;
import io.github.flowanomaly.tribuo.glow.GlowTrainer;
import org.tribuo.ConfigurableDataSource;
import org.tribuo.anomaly.Event;

import java.util.List;

/**
 * The paper's protocol as an OLCUT component: a general Glow trained on {@link #generalData}; in-distribution Glows
 * fine-tuned from it with and without the outlier loss; optionally a from-scratch in-distribution Glow, a background
 * Glow on perturbed in-distribution images (Ren et al.'s background ratio) and complexity-corrected likelihoods
 * (Serrà et al.); every detector (raw likelihood, last scale, likelihood ratio, likelihood ratio + outlier loss,
 * last-scale ratio, background ratio, complexity-corrected likelihood) and the {@link #baselines} evaluated on the
 * in-distribution test set against each OOD test set. Without a general data set the likelihood ratios are left out.
 */
public final class PaperExperiment implements Configurable, Provenancable<ConfiguredObjectProvenance> {

    @Config(mandatory = true, description = "Experiment name.")
    private String name;
    @Config(mandatory = true, description = "In-distribution training images.")
    private ConfigurableDataSource<Event> inDistributionTrain;
    @Config(mandatory = true, description = "In-distribution test images.")
    private ConfigurableDataSource<Event> inDistributionTest;
    @Config(description = "Name of the in-distribution set in results.")
    private String inDistributionName = "in-distribution";
    @Config(mandatory = true, description = "Out-of-distribution test sets.")
    private List<ConfigurableDataSource<Event>> oodTests;
    @Config(mandatory = true, description = "Names of the OOD test sets, in the same order.")
    private List<String> oodNames;
    @Config(description = "General-distribution images (general model and outlier batches); without them and "
            + "generalTrainer, the likelihood-ratio detectors are left out.")
    private ConfigurableDataSource<Event> generalData;
    @Config(description = "Trains the general model (its architecture is that of the fine-tuned models).")
    private GlowTrainer generalTrainer;
    @Config(description = "Trains an in-distribution Glow from scratch (optional; needed by backgroundTrainer).")
    private GlowTrainer scratchTrainer;
    @Config(description = "Trains the background Glow of the background likelihood ratio (Ren et al.) on perturbed "
            + "in-distribution images (perturbationRate > 0); the from-scratch Glow is its in-distribution model.")
    private GlowTrainer backgroundTrainer;
    @Config(description = "Adds the complexity-corrected likelihood (Serrà et al., PNG) of every in-distribution Glow.")
    private boolean complexityCorrection = false;
    @Config(description = "Augmentation of the fine-tuning batches (the paper's code: TRANSLATE for grey digits and "
            + "clothes).")
    private Augmentation fineTuneAugmentation = Augmentation.NONE;
    @Config(description = "Augmentation of the outlier batches (the paper's code: TRANSLATE_FLIP for Tiny Images).")
    private Augmentation outlierAugmentation = Augmentation.NONE;
    @Config(description = "Largest shift of the fine-tuning and outlier augmentations, a fraction of the size.")
    private double maxShiftFraction = 0.1;
    @Config(description = "Fine-tuning time budget per model in seconds (0: no limit).")
    private double fineTuneSeconds = 0;
    @Config(description = "Fine-tuning steps per model (0: no limit).")
    private long fineTuneSteps = 0;
    @Config(description = "Fine-tuning epochs per model.")
    private int fineTuneEpochs = 1;
    @Config(description = "Fine-tuning batch size.")
    private int batchSize = 64;
    @Config(description = "Fine-tuning learning rate.")
    private double learningRate = 5e-4;
    @Config(description = "Outlier loss of the second fine-tuned model (CLASS or MARGIN).")
    private OutlierLoss.Kind outlierLoss = OutlierLoss.Kind.CLASS;
    @Config(description = "Outlier loss weight w.")
    private double outlierWeight = 6000;
    @Config(description = "Outlier loss temperature T.")
    private double outlierTemperature = 1000;
    @Config(description = "Tribuo anomaly baselines trained on the in-distribution images.")
    private List<Baseline> baselines = List.of();
    @Config(description = "Random seed of the fine-tuning runs.")
    private long seed = 20200610;

    /** For OLCUT. */
    private PaperExperiment() {}

    @Override
    public void postConfig() {
        if (oodTests.size() != oodNames.size()) {
            throw new PropertyException("", "oodNames", "Expected one name per OOD test set: " + oodTests.size()
                    + " sets, " + oodNames.size() + " names");
        }
        if ((generalData == null) != (generalTrainer == null)) {
            throw new PropertyException("", generalData == null ? "generalData" : "generalTrainer",
                    "generalData and generalTrainer go together: set both (likelihood ratios) or neither");
        }
        if (generalTrainer == null && scratchTrainer == null) {
            throw new PropertyException("", "scratchTrainer", "An experiment needs generalTrainer and generalData, "
                    + "or scratchTrainer (or both)");
        }
        if (backgroundTrainer != null && scratchTrainer == null) {
            throw new PropertyException("", "scratchTrainer", "backgroundTrainer needs scratchTrainer: the "
                    + "from-scratch Glow is the in-distribution model of the background ratio");
        }
        if (backgroundTrainer != null && !(backgroundTrainer.batchAugmentation().perturbationRate() > 0)) {
            throw new PropertyException("", "backgroundTrainer", "backgroundTrainer must perturb its images "
                    + "(perturbationRate > 0)");
        }
        if (!(maxShiftFraction >= 0 && maxShiftFraction < 1)) {
            throw new PropertyException("", "maxShiftFraction", "maxShiftFraction must be in [0, 1), found "
                    + maxShiftFraction);
        }
        if (outlierLoss == OutlierLoss.Kind.NONE) {
            throw new PropertyException("", "outlierLoss", "outlierLoss must be CLASS or MARGIN");
        }
        if (fineTuneSeconds < 0 || fineTuneSteps < 0 || fineTuneEpochs <= 0 || batchSize <= 0) {
            throw new PropertyException("", "fineTuneSeconds", "fine-tuning budget must be non-negative, epochs and "
                    + "batch size positive");
        }
    }

    /** @return the experiment name. */
    public String name() {
        return name;
    }

    /** @return in-distribution training images. */
    public ConfigurableDataSource<Event> inDistributionTrain() {
        return inDistributionTrain;
    }

    /** @return in-distribution test images. */
    public ConfigurableDataSource<Event> inDistributionTest() {
        return inDistributionTest;
    }

    /** @return the name of the in-distribution set. */
    public String inDistributionName() {
        return inDistributionName;
    }

    /** @return the OOD test sets. */
    public List<ConfigurableDataSource<Event>> oodTests() {
        return oodTests;
    }

    /** @return the OOD set names. */
    public List<String> oodNames() {
        return oodNames;
    }

    /** @return general-distribution images, or null. */
    public ConfigurableDataSource<Event> generalData() {
        return generalData;
    }

    /** @return whether the likelihood-ratio detectors (general model, fine-tuning) are part of the experiment. */
    public boolean hasGeneralModel() {
        return generalTrainer != null;
    }

    /** @return the background model's trainer, or null. */
    public GlowTrainer backgroundTrainer() {
        return backgroundTrainer;
    }

    /** @return whether complexity-corrected detectors are evaluated. */
    public boolean complexityCorrection() {
        return complexityCorrection;
    }

    /** @return the augmentation of the fine-tuning batches. */
    public BatchAugmentation fineTuneAugmentation() {
        return new BatchAugmentation(fineTuneAugmentation, maxShiftFraction, 0);
    }

    /** @return the augmentation of the outlier batches. */
    public Augmentation outlierAugmentation() {
        return outlierAugmentation;
    }

    /** @return the general model's trainer, or null. */
    public GlowTrainer generalTrainer() {
        return generalTrainer;
    }

    /** @return the from-scratch trainer, or null. */
    public GlowTrainer scratchTrainer() {
        return scratchTrainer;
    }

    /** @return fine-tuning time budget in seconds. */
    public double fineTuneSeconds() {
        return fineTuneSeconds;
    }

    /** @return fine-tuning step limit. */
    public long fineTuneSteps() {
        return fineTuneSteps;
    }

    /** @return fine-tuning epochs. */
    public int fineTuneEpochs() {
        return fineTuneEpochs;
    }

    /** @return fine-tuning batch size. */
    public int batchSize() {
        return batchSize;
    }

    /** @return fine-tuning learning rate. */
    public double learningRate() {
        return learningRate;
    }

    /** @return the outlier loss of the second fine-tuned model. */
    public OutlierLoss outlierLoss() {
        return new OutlierLoss(outlierLoss, outlierWeight, outlierTemperature);
    }

    /** @return the baselines. */
    public List<Baseline> baselines() {
        return baselines;
    }

    /** @return the seed. */
    public long seed() {
        return seed;
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "PaperExperiment");
    }
}
