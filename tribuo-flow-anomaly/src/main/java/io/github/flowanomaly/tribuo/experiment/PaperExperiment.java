package io.github.flowanomaly.tribuo.experiment;

import io.github.flowanomaly.tribuo.detectors.LikelihoodRatioTrainer;
import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenancable;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import io.github.flowanomaly.tf.OutlierLoss;
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
    @Config(description = "Fine-tunes the general model on the in-distribution images (the likelihood ratio): its "
            + "budget, batch size, learning rate, augmentations and seed; the experiment supplies the general model, "
            + "the general images and the checkpoint file. Needed with generalTrainer.")
    private LikelihoodRatioTrainer fineTuneTrainer;
    @Config(description = "The same fine-tuning with the paper's outlier loss (outlierLoss CLASS or MARGIN). Needed "
            + "with generalTrainer.")
    private LikelihoodRatioTrainer outlierFineTuneTrainer;
    @Config(description = "Tribuo anomaly baselines trained on the in-distribution images.")
    private List<Baseline> baselines = List.of();
    @Config(description = "Seed of the held-out split shared by the from-scratch and background Glows.")
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
        if (generalTrainer != null && (fineTuneTrainer == null || outlierFineTuneTrainer == null)) {
            throw new PropertyException("", fineTuneTrainer == null ? "fineTuneTrainer" : "outlierFineTuneTrainer",
                    "generalTrainer needs fineTuneTrainer and outlierFineTuneTrainer (the two fine-tunings)");
        }
        if (fineTuneTrainer != null && fineTuneTrainer.outlierLoss().kind() != OutlierLoss.Kind.NONE) {
            throw new PropertyException("", "fineTuneTrainer", "fineTuneTrainer must fine-tune without outlier loss "
                    + "(outlierLoss NONE); outlierFineTuneTrainer is the one with it");
        }
        if (outlierFineTuneTrainer != null && outlierFineTuneTrainer.outlierLoss().kind() == OutlierLoss.Kind.NONE) {
            throw new PropertyException("", "outlierFineTuneTrainer", "outlierFineTuneTrainer needs an outlier loss "
                    + "(outlierLoss CLASS or MARGIN)");
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

    /** @return the general model's trainer, or null. */
    public GlowTrainer generalTrainer() {
        return generalTrainer;
    }

    /** @return the from-scratch trainer, or null. */
    public GlowTrainer scratchTrainer() {
        return scratchTrainer;
    }

    /** @return the fine-tuning without outlier loss, or null. */
    public LikelihoodRatioTrainer fineTuneTrainer() {
        return fineTuneTrainer;
    }

    /** @return the fine-tuning with outlier loss, or null. */
    public LikelihoodRatioTrainer outlierFineTuneTrainer() {
        return outlierFineTuneTrainer;
    }

    /** @return the baselines. */
    public List<Baseline> baselines() {
        return baselines;
    }

    /** @return the seed of the held-out split of the from-scratch and background Glows. */
    public long seed() {
        return seed;
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "PaperExperiment");
    }
}
