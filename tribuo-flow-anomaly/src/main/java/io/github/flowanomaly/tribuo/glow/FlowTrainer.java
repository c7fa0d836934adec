package io.github.flowanomaly.tribuo.glow;

import io.github.flowanomaly.tribuo.impl.TrainerRandom;
import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.Trainer;
import org.tribuo.anomaly.Event;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import com.oracle.labs.mlrg.olcut.provenance.primitives.HashProvenance;
import io.github.flowanomaly.tribuo.data.ResourceFingerprint;
import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

import java.util.Collections;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The shared half of this library's trainers: the seed with its per-call random source and Tribuo's invocation count
 * (so that {@code setInvocationCount(n)} reproduces the n-th training), the trainer provenance and the progress
 * listener. Subclasses train in {@link #train(Dataset, Map, int, SplittableRandom, TrainerProvenance)}.
 *
 * @param <M> the model trained.
 */
public abstract class FlowTrainer<M extends Model<Event>> implements Trainer<Event> {

    @Config(description = "Random seed of every draw of a training call (initial weights, held-out split, "
            + "shuffling, noise, augmentation, outlier batches).")
    private long seed = Trainer.DEFAULT_SEED;

    private TrainerRandom random;
    private transient ProgressListener progressListener = ProgressListener.NONE;

    /** For OLCUT. */
    protected FlowTrainer() {}

    /**
     * Sets the seed; the subclass constructor sets its own fields and then calls {@link #postConfig()}.
     *
     * @param seed the random seed.
     */
    protected FlowTrainer(long seed) {
        this.seed = seed;
    }

    /** Resets the random state; subclasses validate their own fields first, then call this. */
    @Override
    public synchronized void postConfig() {
        this.random = new TrainerRandom(seed);
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
        return train(examples, runProvenance, invocation, local, trainerProvenance);
    }

    /**
     * Trains one model.
     *
     * @param examples          in-distribution training images.
     * @param runProvenance     run provenance given by the caller.
     * @param invocation        this call's invocation number (0 for the first call).
     * @param local             this call's random source.
     * @param trainerProvenance the trainer provenance at the start of this call.
     * @return the model.
     */
    protected abstract M train(Dataset<Event> examples, Map<String, Provenance> runProvenance, int invocation,
                               SplittableRandom local, TrainerProvenance trainerProvenance);

    @Override
    public int getInvocationCount() {
        return random.invocations();
    }

    @Override
    public void setInvocationCount(int count) {
        random.reset(count);
    }

    /**
     * Builds the settings objects of this trainer's configuration (architecture, fit settings, optimiser, threads,
     * augmentation, calibration), turning the first {@link IllegalArgumentException} into a {@link PropertyException}
     * that names the {@code @Config} field it concerns. Those constructors' messages begin with the name of the value
     * they reject; the exception names that field only if this trainer's class declares it as a {@code @Config}
     * field, and otherwise names none (the message still says what was wrong).
     *
     * @param builders the constructions to check, in order.
     * @throws PropertyException if one of them rejects a value.
     */
    protected final void validateSettings(Runnable... builders) {
        for (Runnable builder : builders) {
            try {
                builder.run();
            } catch (IllegalArgumentException e) {
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                String first = message.split("[^A-Za-z0-9_]", 2)[0];
                throw new PropertyException("", isConfigField(first) ? first : "", message);
            }
        }
    }

    private boolean isConfigField(String name) {
        for (Class<?> c = getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name).isAnnotationPresent(Config.class);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        return false;
    }

    /** Run provenance key of the SHA-256 of the saved model a training starts from (GlowTrainer.initialModelPath). */
    public static final String INITIAL_MODEL_HASH = "initial-model-sha256";

    /** Run provenance key of the SHA-256 of a saved general model (LikelihoodRatioTrainer.generalModelPath). */
    public static final String GENERAL_MODEL_HASH = "general-model-sha256";

    /**
     * The SHA-256 of a model file a training read, for its run provenance (as Tribuo-TensorFlow records the hash of
     * the files it loads): the path alone does not say which weights were used.
     *
     * @param key  the provenance key.
     * @param file the file.
     * @return the hash provenance.
     */
    protected static HashProvenance fileHash(String key, java.nio.file.Path file) {
        return new HashProvenance(ProvenanceUtil.HashType.SHA256, key, ResourceFingerprint.of(file).sha256());
    }

    @Override
    public TrainerProvenance getProvenance() {
        return new TrainerProvenanceImpl(this);
    }
}
