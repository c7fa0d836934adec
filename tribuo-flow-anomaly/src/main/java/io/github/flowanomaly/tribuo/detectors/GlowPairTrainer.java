package io.github.flowanomaly.tribuo.detectors;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import io.github.flowanomaly.tribuo.glow.FlowTrainer;

/**
 * The shared half of the trainers of {@link GlowPairModel}s: the anomaly score, on top of {@link FlowTrainer}'s seed,
 * invocation count, provenance and progress listener.
 *
 * @param <M> the pair model.
 */
public abstract class GlowPairTrainer<M extends GlowPairModel> extends FlowTrainer<M> {

    @Config(description = "Which ratio is the anomaly score: LIKELIHOOD_RATIO or LAST_SCALE_RATIO.")
    private RatioScore score = RatioScore.LIKELIHOOD_RATIO;

    /** For OLCUT. */
    protected GlowPairTrainer() {}

    /**
     * Sets the shared fields; the subclass constructor sets its own and then calls {@link #postConfig()}.
     *
     * @param score which ratio is the anomaly score.
     * @param seed  the random seed.
     */
    protected GlowPairTrainer(RatioScore score, long seed) {
        super(seed);
        this.score = score;
    }

    /**
     * Validates the score and resets the random state; subclasses validate their own fields first.
     *
     * @throws PropertyException naming the invalid field.
     */
    @Override
    public synchronized void postConfig() {
        if (score == null) {
            throw new PropertyException("", "score", "score must be LIKELIHOOD_RATIO or LAST_SCALE_RATIO");
        }
        super.postConfig();
    }

    /** @return which ratio is the anomaly score. */
    public RatioScore score() {
        return score;
    }
}
