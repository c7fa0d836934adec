package io.github.flowanomaly.tribuo.detectors;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import io.github.flowanomaly.tribuo.glow.ProgressListener;
import io.github.flowanomaly.tribuo.glow.TrainerRandom;
import org.tribuo.Dataset;
import org.tribuo.Trainer;
import org.tribuo.anomaly.Event;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

import java.util.Collections;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The shared half of the trainers of {@link GlowPairModel}s: the anomaly score, the seed with its per-call random
 * source and Tribuo's invocation count, the trainer provenance and the progress listener. Subclasses train the two
 * Glows in {@link #trainPair}.
 *
 * @param <M> the pair model.
 */
public abstract class GlowPairTrainer<M extends GlowPairModel> implements Trainer<Event> {

    @Config(description = "Which ratio is the anomaly score: LIKELIHOOD_RATIO or LAST_SCALE_RATIO.")
    private RatioScore score = RatioScore.LIKELIHOOD_RATIO;
    @Config(description = "Random seed of this trainer's own draws (held-out split, shuffling, noise, outliers).")
    private long seed = Trainer.DEFAULT_SEED;

    private TrainerRandom random;
    private transient ProgressListener progressListener = ProgressListener.NONE;

    /** For OLCUT. */
    protected GlowPairTrainer() {}

    /**
     * Sets the shared fields; the subclass constructor sets its own and then calls {@link #postConfig()}.
     *
     * @param score which ratio is the anomaly score.
     * @param seed  the random seed.
     */
    protected GlowPairTrainer(RatioScore score, long seed) {
        this.score = score;
        this.seed = seed;
    }

    /**
     * Validates the shared fields and resets the random state; subclasses validate their own fields first.
     *
     * @throws PropertyException naming the invalid field.
     */
    @Override
    public synchronized void postConfig() {
        if (score == null) {
            throw new PropertyException("", "score", "score must be LIKELIHOOD_RATIO or LAST_SCALE_RATIO");
        }
        this.random = new TrainerRandom(seed);
    }

    /** @return which ratio is the anomaly score. */
    public RatioScore score() {
        return score;
    }

    /** @return the random seed. */
    public long seed() {
        return seed;
    }

    /**
     * Sets a listener for progress reports of every training this trainer runs (not part of the configuration).
     *
     * @param listener the listener.
     */
    public void setProgressListener(ProgressListener listener) {
        this.progressListener = listener == null ? ProgressListener.NONE : listener;
        onProgressListener(progressListener);
    }

    /**
     * Passes the listener on to sub-trainers.
     *
     * @param listener the listener (never null).
     */
    protected void onProgressListener(ProgressListener listener) {}

    /** @return the progress listener. */
    protected ProgressListener progressListener() {
        return progressListener;
    }

    @Override
    public M train(Dataset<Event> examples) {
        return train(examples, Collections.emptyMap());
    }

    @Override
    public M train(Dataset<Event> examples, Map<String, Provenance> runProvenance) {
        return train(examples, runProvenance, INCREMENT_INVOCATION_COUNT);
    }

    @Override
    public M train(Dataset<Event> examples, Map<String, Provenance> runProvenance, int invocationCount) {
        SplittableRandom local;
        TrainerProvenance trainerProvenance;
        int invocation;
        synchronized (this) {
            if (invocationCount != INCREMENT_INVOCATION_COUNT) {
                setInvocationCount(invocationCount);
            }
            trainerProvenance = getProvenance();
            invocation = random.invocations();
            local = random.next();
        }
        return trainPair(examples, runProvenance, invocation, local, trainerProvenance);
    }

    /**
     * Trains both Glows and assembles the detector.
     *
     * @param examples          in-distribution training images.
     * @param runProvenance     run provenance given by the caller.
     * @param invocation        this call's invocation number (0 for the first call).
     * @param local             this call's random source.
     * @param trainerProvenance the trainer provenance at the start of this call.
     * @return the detector.
     */
    protected abstract M trainPair(Dataset<Event> examples, Map<String, Provenance> runProvenance, int invocation,
                                   SplittableRandom local, TrainerProvenance trainerProvenance);

    @Override
    public int getInvocationCount() {
        return random.invocations();
    }

    @Override
    public void setInvocationCount(int count) {
        random.reset(count);
    }

    @Override
    public TrainerProvenance getProvenance() {
        return new TrainerProvenanceImpl(this);
    }
}
