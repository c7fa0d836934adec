package io.github.flowanomaly.tribuo.experiment;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenancable;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import io.github.flowanomaly.tribuo.evaluation.ScoreOrientation;
import org.tribuo.Trainer;
import org.tribuo.anomaly.Event;

/**
 * A Tribuo anomaly trainer compared side by side with the flow detectors (e.g. a one-class SVM), with the direction of
 * its scores and how many training images it may use.
 */
public final class Baseline implements Configurable, Provenancable<ConfiguredObjectProvenance> {

    @Config(mandatory = true, description = "Name shown in results.")
    private String name;
    @Config(mandatory = true, description = "The Tribuo anomaly trainer.")
    private Trainer<Event> trainer;
    @Config(description = "Whether the trainer's model scores higher for anomalous (Glow) or normal (LibSVM) inputs.")
    private ScoreOrientation orientation = ScoreOrientation.HIGHER_IS_NORMAL;
    @Config(description = "Maximum number of in-distribution training images (a seeded subset; 0: all).")
    private int trainLimit = 2000;

    /** For OLCUT. */
    private Baseline() {}

    /**
     * Creates a baseline.
     *
     * @param name        name shown in results.
     * @param trainer     the trainer.
     * @param orientation its score direction.
     * @param trainLimit  maximum training images (0: all).
     */
    public Baseline(String name, Trainer<Event> trainer, ScoreOrientation orientation, int trainLimit) {
        this.name = name;
        this.trainer = trainer;
        this.orientation = orientation;
        this.trainLimit = trainLimit;
        postConfig();
    }

    @Override
    public void postConfig() {
        if (trainLimit < 0) {
            throw new PropertyException("", "trainLimit", "trainLimit must be >= 0, found " + trainLimit);
        }
    }

    /** @return the name. */
    public String name() {
        return name;
    }

    /** @return the trainer. */
    public Trainer<Event> trainer() {
        return trainer;
    }

    /** @return the score direction of its models. */
    public ScoreOrientation orientation() {
        return orientation;
    }

    /** @return the maximum number of training images (0: all). */
    public int trainLimit() {
        return trainLimit;
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "Baseline");
    }
}
