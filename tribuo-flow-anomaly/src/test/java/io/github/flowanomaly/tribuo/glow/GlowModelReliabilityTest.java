package io.github.flowanomaly.tribuo.glow;

import io.github.flowanomaly.tribuo.data.DatasetRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.MutableDataset;
import org.tribuo.anomaly.Event;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Determinism, concurrent prediction and native-resource hygiene of GlowModel. */
class GlowModelReliabilityTest {

    private static GlowModel model;
    private static MutableDataset<Event> train;
    private static MutableDataset<Event> test;

    @BeforeAll
    static void train() {
        train = SyntheticData.dataset(SyntheticData.blobs(300, 11), DatasetRole.IN_DISTRIBUTION, "blobs");
        model = GlowTrainerTest.smallTrainer(1).train(train);
        test = SyntheticData.dataset(SyntheticData.blobs(300, 12), DatasetRole.IN_DISTRIBUTION, "test");
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void sameSeedAndDataGiveTheSameModel() {
        try (GlowModel again = GlowTrainerTest.smallTrainer(1).train(train)) {
            double[] a = GlowTrainerTest.scores(model, test);
            double[] b = GlowTrainerTest.scores(again, test);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-4, "image " + i);
            }
            assertEquals(model.getProvenance().getTrainerProvenance(), again.getProvenance().getTrainerProvenance());
            assertEquals(model.getProvenance().getDatasetProvenance(), again.getProvenance().getDatasetProvenance());
        }
        assertArrayEquals(GlowTrainerTest.scores(model, test), GlowTrainerTest.scores(model, test),
                "scoring is bit-identical run to run");
    }

    @Test
    void fourThreadsGiveExactlyTheSerialScores() throws Exception {
        double[] serial = GlowTrainerTest.scores(model, test);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> GlowTrainerTest.scores(model, test)));
            }
            for (Future<double[]> f : futures) {
                assertArrayEquals(serial, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closingWhileOtherThreadsPredictFailsNoPrediction() throws Exception {
        double[] serial = GlowTrainerTest.scores(model, test);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                futures.add(pool.submit(() -> GlowTrainerTest.scores(model, test)));
            }
            // keep closing until every prediction has finished, so closes overlap predictions
            while (futures.stream().anyMatch(f -> !f.isDone())) {
                model.close();
                Thread.sleep(2);
            }
            for (Future<double[]> f : futures) {
                assertArrayEquals(serial, f.get(), "a prediction overlapping close() must still give the scores");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
