package io.github.flowanomaly.spark;

import io.github.flowanomaly.tribuo.files.SavedModels;
import org.tribuo.Model;
import org.tribuo.anomaly.Event;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The models of one executor JVM: each deserialized once, on first use, from the bytes Spark broadcast, shared by
 * every task of the JVM (the models are thread-safe), and closed (their native TensorFlow sessions released) when the
 * JVM shuts down.
 */
final class ModelHolder {

    private static final Logger LOG = Logger.getLogger(ModelHolder.class.getName());
    private static final Map<String, Model<Event>> MODELS = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ModelHolder::closeAll, "flowad-spark-models"));
    }

    private ModelHolder() {}

    /**
     * The model of a key, deserialized from {@code bytes} the first time this JVM asks for it.
     *
     * @param key   identifies the model's bytes (their digest).
     * @param bytes the {@code .tribuo} file's contents (read only on the first call).
     * @return the model.
     */
    static Model<Event> get(String key, Supplier<byte[]> bytes) {
        return MODELS.computeIfAbsent(key, k -> {
            LOADS.incrementAndGet();
            LOG.info(() -> "Loading model " + k + " in this executor JVM");
            return SavedModels.readAnomalyModel(bytes.get(), "broadcast " + k);
        });
    }

    /** @return how many models this JVM has deserialized. */
    static int loads() {
        return LOADS.get();
    }

    /** Closes every model holding native sessions and forgets them. */
    static void closeAll() {
        for (Model<Event> model : MODELS.values()) {
            if (model instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warning("Could not close a model: " + e.getMessage());
                }
            }
        }
        MODELS.clear();
    }
}
