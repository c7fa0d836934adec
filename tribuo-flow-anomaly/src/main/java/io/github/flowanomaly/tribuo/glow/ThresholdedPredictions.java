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
            double[] scores = scorer.apply(mapper.toBatch(part, from));
            for (int i = 0; i < part.size(); i++) {
                Event.EventType type = scores[i] > threshold ? Event.EventType.ANOMALOUS : Event.EventType.EXPECTED;
                out.add(new Prediction<>(new Event(type, scores[i]), part.get(i).size(), part.get(i)));
            }
        }
        return out;
    }
}
