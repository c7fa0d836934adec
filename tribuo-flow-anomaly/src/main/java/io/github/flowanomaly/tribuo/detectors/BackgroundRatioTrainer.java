package io.github.flowanomaly.tribuo.detectors;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import io.github.flowanomaly.tribuo.glow.GlowModel;
import io.github.flowanomaly.tribuo.glow.GlowTrainer;
import io.github.flowanomaly.tribuo.glow.ProgressListener;
import org.tribuo.Dataset;
import org.tribuo.anomaly.Event;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains Ren et al.'s background-model likelihood ratio with Glows: {@link #inDistributionTrainer} on the
 * in-distribution images, {@link #backgroundTrainer} (whose {@code perturbationRate} μ must be above 0: each training
 * pixel replaced, with probability μ, by a uniform random grey level, drawn afresh for every batch) on the same images.
 * Both hold out the same calibration images (one held-out seed for both), whose scores under the pair set the
 * threshold. It needs no general-distribution data set.
 * <pre>
 * J. Ren, P. J. Liu, E. Fertig, J. Snoek, R. Poplin, M. A. DePristo, J. V. Dillon, B. Lakshminarayanan.
 * "Likelihood Ratios for Out-of-Distribution Detection", NeurIPS 2019. https://arxiv.org/abs/1906.02845
 * </pre>
 * Deviation from Ren et al.: Glows instead of PixelCNN++, and no extra L2 penalty on the background model (the
 * trainers' coupled weight decay applies to both).
 */
public final class BackgroundRatioTrainer extends GlowPairTrainer<BackgroundRatioModel> {

    @Config(mandatory = true, description = "Trains the in-distribution Glow.")
    private GlowTrainer inDistributionTrainer;
    @Config(mandatory = true, description = "Trains the background Glow on perturbed images (perturbationRate > 0, "
            + "same architecture as inDistributionTrainer).")
    private GlowTrainer backgroundTrainer;
    @Config(description = "Seed of the held-out split both models share (0: drawn from seed).")
    private long heldOutSeed = 0;

    /** For OLCUT. */
    private BackgroundRatioTrainer() {}

    /**
     * Creates a trainer.
     *
     * @param inDistributionTrainer trains the in-distribution Glow.
     * @param backgroundTrainer     trains the background Glow (perturbationRate &gt; 0).
     * @param heldOutSeed           seed of the shared held-out split (0: drawn from {@code seed}).
     * @param score                 which ratio is the anomaly score.
     * @param seed                  the random seed.
     */
    public BackgroundRatioTrainer(GlowTrainer inDistributionTrainer, GlowTrainer backgroundTrainer, long heldOutSeed,
                                  RatioScore score, long seed) {
        super(score, seed);
        this.inDistributionTrainer = inDistributionTrainer;
        this.backgroundTrainer = backgroundTrainer;
        this.heldOutSeed = heldOutSeed;
        postConfig();
    }

    @Override
    public synchronized void postConfig() {
        if (inDistributionTrainer == null) {
            throw new PropertyException("", "inDistributionTrainer", "inDistributionTrainer must be set");
        }
        if (backgroundTrainer == null) {
            throw new PropertyException("", "backgroundTrainer", "backgroundTrainer must be set");
        }
        if (!(backgroundTrainer.batchAugmentation().perturbationRate() > 0)) {
            throw new PropertyException("", "backgroundTrainer", "backgroundTrainer must perturb its images "
                    + "(perturbationRate > 0, Ren et al.: 0.1-0.3), found "
                    + backgroundTrainer.batchAugmentation().perturbationRate());
        }
        if (inDistributionTrainer.batchAugmentation().perturbationRate() > 0) {
            throw new PropertyException("", "inDistributionTrainer", "inDistributionTrainer must train on clean "
                    + "images (perturbationRate 0), found " + inDistributionTrainer.batchAugmentation()
                    .perturbationRate());
        }
        super.postConfig();
    }

    @Override
    protected void onProgressListener(ProgressListener listener) {
        inDistributionTrainer.setProgressListener(listener);
        backgroundTrainer.setProgressListener(listener);
    }

    /**
     * The in-distribution trainer as this trainer runs it: with the shared held-out split.
     *
     * @param splitSeed the held-out seed (non-zero).
     * @return a copy of {@link #inDistributionTrainer}.
     */
    public GlowTrainer inDistributionTrainer(long splitSeed) {
        return inDistributionTrainer.withHeldOutSeed(splitSeed);
    }

    /**
     * The background trainer as this trainer runs it: with the shared held-out split.
     *
     * @param splitSeed the held-out seed (non-zero).
     * @return a copy of {@link #backgroundTrainer}.
     */
    public GlowTrainer backgroundTrainer(long splitSeed) {
        return backgroundTrainer.withHeldOutSeed(splitSeed);
    }

    /** @return the held-out seed both models share, 0 when each call draws it from the seed. */
    public long heldOutSeed() {
        return heldOutSeed;
    }

    @Override
    protected BackgroundRatioModel train(Dataset<Event> examples, Map<String, Provenance> runProvenance,
                                             int invocation, SplittableRandom local,
                                             TrainerProvenance trainerProvenance) {
        long split = heldOutSeed != 0 ? heldOutSeed : local.nextLong() | 1;
        GlowModel in = inDistributionTrainer(split).train(examples, runProvenance, invocation);
        GlowModel background = backgroundTrainer(split).train(examples, runProvenance, invocation);
        try {
            Map<String, Provenance> run = new HashMap<>(runProvenance);
            run.put("in-distribution-model", in.getProvenance());
            run.put("background-model", background.getProvenance());
            ModelProvenance provenance = new ModelProvenance(BackgroundRatioModel.class.getName(),
                    OffsetDateTime.now(), examples.getProvenance(), trainerProvenance, run);
            BackgroundRatioModel pair = BackgroundRatioModel.of(in, background, score());
            return pair.copy("background-ratio", provenance);
        } finally {
            in.close();
            background.close();
        }
    }

    @Override
    public String toString() {
        return "BackgroundRatioTrainer(in=" + inDistributionTrainer + ", background=" + backgroundTrainer
                + ", score=" + score() + ", seed=" + seed() + ")";
    }
}
