package io.github.flowanomaly.tribuo.glow;

import io.github.flowanomaly.tf.ImageBatch;
import org.tribuo.Example;
import org.tribuo.Prediction;
import org.tribuo.anomaly.Event;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns examples into thresholded anomaly predictions in chunks, shared by every model of this library: pixels are
 * mapped per chunk, scored by the model's scorer, and each score above the threshold is {@code ANOMALOUS}.
 */
public final class ThresholdedPredictions {

    private ThresholdedPredictions() {}

    /**
     * Predicts examples.
     *
     * @param examples  the examples.
     * @param mapper    the pixel mapping of the model's image shape.
     * @param chunk     examples per scoring call.
     * @param scorer    anomaly scores (higher = more anomalous) of a batch of images.
     * @param threshold scores above it are {@code ANOMALOUS}.
     * @return one prediction per example, in order.
     */
    public static List<Prediction<Event>> predict(Iterable<Example<Event>> examples, PixelMapper mapper, int chunk,
                                                  Function<ImageBatch, double[]> scorer, double threshold) {
        List<Example<Event>> all = new ArrayList<>();
        examples.forEach(all::add);
        List<Prediction<Event>> out = new ArrayList<>(all.size());
        for (int from = 0; from < all.size(); from += chunk) {
            List<Example<Event>> part = all.subList(from, Math.min(all.size(), from + chunk));
            out.addAll(of(part, scorer.apply(mapper.toBatch(part, from)), threshold));
        }
        return out;
    }

    /**
     * Predictions of examples with known anomaly scores.
     *
     * @param examples  the examples.
     * @param scores    their anomaly scores, in order.
     * @param threshold scores above it are {@code ANOMALOUS}.
     * @return one prediction per example, in order.
     * @throws IllegalArgumentException if there is not one score per example.
     */
    public static List<Prediction<Event>> of(List<? extends Example<Event>> examples, double[] scores,
                                             double threshold) {
        if (scores.length != examples.size()) {
            throw new IllegalArgumentException("Expected one score per example (" + examples.size() + "), found "
                    + scores.length);
        }
        List<Prediction<Event>> out = new ArrayList<>(examples.size());
        for (int i = 0; i < scores.length; i++) {
            Example<Event> example = examples.get(i);
            Event.EventType type = scores[i] > threshold ? Event.EventType.ANOMALOUS : Event.EventType.EXPECTED;
            out.add(new Prediction<>(new Event(type, scores[i]), example.size(), example));
        }
        return out;
    }
}
